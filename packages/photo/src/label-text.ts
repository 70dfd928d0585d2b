/**
 * Text as vector outlines, from a CJK font that ships in an npm package, so Chinese names print the same
 * on every machine (a clean Debian has no CJK font) and in every PDF viewer (the outlines need no font).
 *
 * Font: Noto Sans SC (SIL OFL 1.1) from `@fontsource-variable/noto-sans-sc` — the variable font split into
 * ~100 unicode-range slices (4.9 MB installed); only the slices a label needs are read. Glyphs are read with
 * `@pdf-lib/fontkit` (MIT). fontkit returns the outlines of the variable font's default instance (Thin, wght
 * 100) for WOFF2 files, so the outlines are stroked (`strokeWidth`) to print at a regular weight.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import type * as FontkitModule from '@pdf-lib/fontkit';

type Fontkit = typeof FontkitModule;
type Font = ReturnType<Fontkit['create']>;

interface PathCommand {
  command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath';
  args: number[];
}

const require = createRequire(import.meta.url);
let fontkit: Fontkit | null = null;
let slices: { file: string; ranges: [number, number][] }[] | null = null;
const fonts = new Map<string, Font>();

function fontDir(): string {
  return join(dirname(require.resolve('@fontsource-variable/noto-sans-sc/package.json')), 'files');
}

function loadSlices(): { file: string; ranges: [number, number][] }[] {
  if (!slices) {
    const uni = JSON.parse(readFileSync(join(fontDir(), '../unicode.json'), 'utf8')) as Record<string, string>;
    slices = Object.entries(uni).map(([key, value]) => ({
      file: `noto-sans-sc-${key.replace(/[[\]]/g, '')}-wght-normal.woff2`,
      ranges: value.split(',').map((r): [number, number] => {
        const [a, b] = r.trim().replace(/^U\+/i, '').split('-');
        return [parseInt(a!, 16), parseInt(b ?? a!, 16)];
      }),
    }));
  }
  return slices;
}

function loadFont(file: string): Font {
  let f = fonts.get(file);
  if (!f) {
    fontkit ??= require('@pdf-lib/fontkit') as Fontkit;
    f = fontkit.create(readFileSync(join(fontDir(), file)));
    fonts.set(file, f);
  }
  return f;
}

/** The font slice holding a code point, or null when the font has no glyph for it. */
function fontFor(cp: number): Font | null {
  for (const s of loadSlices()) {
    if (s.ranges.some(([a, b]) => cp >= a && cp <= b)) {
      const f = loadFont(s.file);
      if (f.hasGlyphForCodePoint(cp)) return f;
    }
  }
  return null;
}

export interface TextOutline {
  /** SVG path data in px; origin at the left end of the baseline, y pointing down. */
  d: string;
  /** Advance width of the whole text, px. */
  width: number;
  /** Distance from the baseline to the top / bottom of the em box, px. */
  ascent: number;
  descent: number;
  /** Stroke width (px) that brings the Thin outlines to a regular weight. */
  strokeWidth: number;
  /** Characters the font has no glyph for (drawn as an empty box). */
  missing: string[];
}

const fmt = (v: number) => (Math.round(v * 100) / 100).toString();

/** Lay out one line of text (no shaping beyond advances: fine for Chinese, Latin and digits). */
export function textOutline(text: string, sizePx: number): TextOutline {
  const parts: string[] = [];
  const missing: string[] = [];
  let x = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0x20 || cp === 0x3000) {
      x += cp === 0x20 ? sizePx * 0.28 : sizePx;
      continue;
    }
    const font = fontFor(cp);
    if (!font) {
      missing.push(ch);
      const s = sizePx * 0.8;
      const o = x + sizePx * 0.1;
      const t = -sizePx * 0.8;
      const w = sizePx * 0.06;
      // a hollow box, like a missing-glyph "tofu"
      parts.push(`M${fmt(o)} ${fmt(t)}h${fmt(s)}v${fmt(s)}h${fmt(-s)}Z M${fmt(o + w)} ${fmt(t + w)}v${fmt(s - 2 * w)}h${fmt(s - 2 * w)}v${fmt(-(s - 2 * w))}Z`);
      x += sizePx;
      continue;
    }
    const k = sizePx / font.unitsPerEm;
    const glyph = font.glyphForCodePoint(cp);
    const cmds = (glyph.path as unknown as { commands: PathCommand[] }).commands;
    const X = (v: number) => fmt(x + v * k);
    const Y = (v: number) => fmt(-v * k);
    for (const c of cmds) {
      const a = c.args;
      if (c.command === 'moveTo') parts.push(`M${X(a[0]!)} ${Y(a[1]!)}`);
      else if (c.command === 'lineTo') parts.push(`L${X(a[0]!)} ${Y(a[1]!)}`);
      else if (c.command === 'quadraticCurveTo') parts.push(`Q${X(a[0]!)} ${Y(a[1]!)} ${X(a[2]!)} ${Y(a[3]!)}`);
      else if (c.command === 'bezierCurveTo') parts.push(`C${X(a[0]!)} ${Y(a[1]!)} ${X(a[2]!)} ${Y(a[3]!)} ${X(a[4]!)} ${Y(a[5]!)}`);
      else parts.push('Z');
    }
    x += glyph.advanceWidth * k;
  }
  return { d: parts.join(''), width: x, ascent: sizePx * 0.88, descent: sizePx * 0.12, strokeWidth: sizePx * 0.045, missing };
}
