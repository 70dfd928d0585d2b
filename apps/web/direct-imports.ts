import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

interface Target {
  /** The module that defines the export, as an import specifier (`antd-mobile/es/components/button`). */
  from: string;
  /** Its name there (`default` for `export { default as Button }`). */
  name: string;
}

interface Barrel {
  exports: Map<string, Target>;
  /** The barrel's own side-effect imports (antd-mobile's global CSS and CSS variables). */
  sideEffects: string[];
}

const require = createRequire(import.meta.url);

/** `a`, `b as c` → [['a', 'a'], ['b', 'c']] (name there, name here). */
function specifiers(list: string): Array<[string, string]> {
  return list
    .split(',')
    .map((part) => part.trim().split(/\s+as\s+/))
    .filter((p): p is [string] | [string, string] => Boolean(p[0]))
    .map(([name, alias]) => [name, alias ?? name]);
}

/**
 * Reads a package's ES entry made only of re-exports, in either style:
 * `export { default as X, y } from './z'` (antd-mobile, its icons) or
 * `import X from './x'; … export { X, … }` (ahooks); plus its side-effect imports (`import './global'`).
 */
function readBarrel(pkg: string, entry: string): Barrel {
  const code = readFileSync(require.resolve(`${pkg}/${entry}`), 'utf8');
  const dir = `${pkg}/${entry.split('/').slice(0, -1).join('/')}`;
  const spec = (rel: string) => `${dir}/${rel.replace(/^\.\//, '')}`;
  const exports = new Map<string, Target>();
  const locals = new Map<string, Target>();
  for (const m of code.matchAll(/^import\s+([\w$]+)\s+from\s*['"]([^'"]+)['"]/gm))
    locals.set(m[1]!, { from: spec(m[2]!), name: 'default' });
  for (const m of code.matchAll(/^import\s*\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/gm))
    for (const [name, local] of specifiers(m[1]!)) locals.set(local, { from: spec(m[2]!), name });
  for (const m of code.matchAll(/^export\s*\{([^}]*)\}\s*(from\s*['"]([^'"]+)['"])?/gm)) {
    for (const [name, exported] of specifiers(m[1]!)) {
      const target = m[3] ? { from: spec(m[3]), name } : locals.get(name);
      if (target) exports.set(exported, target);
    }
  }
  const sideEffects = [...code.matchAll(/^import\s*['"]([^'"]+)['"]/gm)].map((m) => spec(m[1]!));
  return { exports, sideEffects };
}

/**
 * Rewrites `import { Button, Form } from 'antd-mobile'` (in our code, and antd-mobile's own imports of its
 * icons and of ahooks) into imports of the modules that define them
 * (`import Button from 'antd-mobile/es/components/button'`), as babel-plugin-import did. The code is the
 * same, but the module graph then says which page really needs which component, so the chunk split
 * (chunk-groups.ts) keeps the pickers, popups and swipers of later pages out of the first load; and since
 * antd-mobile's barrel counts as having side effects, only the CSS of components in use is bundled.
 */
export function directImports(barrels: Record<string, string>): Plugin {
  const known = new Map<string, Barrel>();
  const barrel = (pkg: string) => {
    let b = known.get(pkg);
    if (!b) known.set(pkg, (b = readBarrel(pkg, barrels[pkg]!)));
    return b;
  };
  const pkgs = Object.keys(barrels).map((p) => p.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'));
  const importRe = new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*['"](${pkgs.join('|')})['"];?`, 'g');

  return {
    name: 'direct-imports',
    apply: 'build',
    transform: {
      filter: {
        id: /\.[cm]?[jt]sx?$/,
        code: new RegExp(`from\\s*['"](${pkgs.join('|')})['"]`),
      },
      handler(code) {
        let changed = false;
        const out = code.replace(importRe, (_whole, list: string, pkg: string) => {
          const b = barrel(pkg);
          const lines: string[] = b.sideEffects.map((s) => `import '${s}';`);
          const rest: string[] = [];
          for (const part of list.split(',')) {
            const item = part.trim();
            if (!item) continue;
            const [name, local = name] = item.split(/\s+as\s+/) as [string, string?];
            const target = b.exports.get(name);
            if (!target) {
              rest.push(item);
              continue;
            }
            lines.push(
              target.name === 'default'
                ? `import ${local} from '${target.from}';`
                : `import { ${target.name} as ${local} } from '${target.from}';`,
            );
          }
          if (rest.length > 0) lines.push(`import { ${rest.join(', ')} } from '${pkg}';`);
          changed = true;
          return lines.join(' ');
        });
        return changed ? { code: out, map: null } : null;
      },
    },
  };
}
