import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckCode } from '@gradphoto/photo/check-codes';
import zhCN from './zh-CN.json';
import en from './en.json';

type Tree = { [k: string]: string | string[] | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string | string[]> {
  const out = new Map<string, string | string[]>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string' || Array.isArray(v)) out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [p] : [];
  });
}

const zh = flatten(zhCN as Tree);
const enFlat = flatten(en as Tree);

const featuresDir = join(import.meta.dirname, '../features');
const featureNamespaces = readdirSync(featuresDir).filter((f) => {
  try {
    return statSync(join(featuresDir, f, 'locales', 'zh-CN.json')).isFile();
  } catch {
    return false;
  }
});
const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as Tree;

describe('feature locales', () => {
  it.each(featureNamespaces.length ? featureNamespaces : ['(none)'])('%s: zh-CN and English have the same keys, none empty', (ns) => {
    if (ns === '(none)') return;
    const z = flatten(readJson(join(featuresDir, ns, 'locales', 'zh-CN.json')));
    const e = flatten(readJson(join(featuresDir, ns, 'locales', 'en.json')));
    expect([...e.keys()].sort()).toEqual([...z.keys()].sort());
    for (const [k, v] of [...z, ...e]) expect([v].flat().every((x) => x.trim().length > 0), k).toBe(true);
  });
});

describe('locales', () => {
  it('zh-CN and English have exactly the same keys', () => {
    expect([...enFlat.keys()].sort()).toEqual([...zh.keys()].sort());
  });

  it('has no empty strings and keeps the same interpolation variables', () => {
    for (const [key, zhValue] of zh) {
      const enValue = enFlat.get(key)!;
      const both = [zhValue, enValue].flat();
      expect(
        both.every((s) => s.trim().length > 0),
        key,
      ).toBe(true);
      const vars = (v: string | string[]) =>
        [
          ...[v]
            .flat()
            .join(' ')
            .matchAll(/\{\{(\w+)\}\}/g),
        ]
          .map((m) => m[1])
          .sort();
      expect(vars(enValue), key).toEqual(vars(zhValue));
    }
  });

  it('names every check code of the photo engine (the result and review screens show them by code)', () => {
    const missing = Object.values(CheckCode).filter((code) => !zh.has(`checkNames.${code}`));
    expect(missing).toEqual([]);
  });

  it('every literal key used in the code exists (both languages, given the test above)', () => {
    const srcDir = join(import.meta.dirname, '..');
    const used = new Set<string>();
    for (const file of sources(srcDir)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(m[1]!);
      // keys chosen by a ternary: any quoted 'namespace.key' whose namespace is a top-level locale key
      for (const m of text.matchAll(/'([a-zA-Z]+)\.([a-zA-Z0-9_.]+)'/g))
        if (m[1]! in zhCN) used.add(`${m[1]}.${m[2]}`);
    }
    expect(used.size).toBeGreaterThan(50);
    const featureKeys = new Set(featureNamespaces.flatMap((ns) => [...flatten(readJson(join(featuresDir, ns, 'locales', 'zh-CN.json'))).keys()]));
    const missing = [...used].filter((k) => !zh.has(k) && !featureKeys.has(k));
    expect(missing).toEqual([]);
  });
});
