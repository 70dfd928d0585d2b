/**
 * Photo specs as data. Adding a spec needs no code: add an entry to BUILT_IN_SPECS, or load one at run time
 * from JSON with `registerSpec(json)` (validated with zod).
 *
 * Geometry: each spec carries its head geometry in pixels of its own canvas. The built-in specs derive it
 * from the proportions of the 学历证书 standard (教毕指〔2017〕99号, on 480×640: head top 50–110 px from the
 * top, eyes 200–300 px from the top, face width 180–300 px), so the head proportions carry over to every
 * size: vertical measures scale with the height, face width with the width (`geometryFromProportions`).
 */
import { z } from 'zod';
import { PhotoError } from './errors.js';

/** [min, max], inclusive. */
export type Range = readonly [number, number];

export interface BackgroundPreset {
  id: string;
  hex: string;
  name: { zh: string; en: string };
}

/** Head geometry in pixels of the spec's own canvas, measured from the top edge (face width: cheek to cheek). */
export interface SpecGeometry {
  headTop: Range;
  eyeLine: Range;
  faceWidth: Range;
}

export interface PhotoSpec {
  id: string;
  name: { zh: string; en: string };
  /** Output size in pixels. */
  width: number;
  height: number;
  /** Density written in the JPEG (dots per inch). */
  dpi: number;
  /** Print size, when the spec is a print size. */
  printMm?: { width: number; height: number };
  /** Default background colour, `#RRGGBB`. */
  defaultBackground: string;
  /** Background colours offered for this spec (`#RRGGBB`, the default first). */
  backgrounds: string[];
  /** Output file size range in bytes; reached through JPEG quality, never by padding. */
  minBytes: number;
  maxBytes: number;
  /** Lowest JPEG quality allowed. */
  minQuality: number;
  /** Head geometry in px of this canvas (derived from `HeadProportions` for the built-in specs). */
  geometry: SpecGeometry;
}

/**
 * Head geometry as fractions: headTop and eyeLine of the height, faceWidth of the width. The 学历证书
 * standard on its 480×640 canvas: head top 50–110 px, eyes 200–300 px, face width 180–300 px.
 */
export interface HeadProportions {
  headTop: Range;
  eyeLine: Range;
  faceWidth: Range;
}

export const XUEXIN_PROPORTIONS: HeadProportions = Object.freeze({
  headTop: [50 / 640, 110 / 640] as const,
  eyeLine: [200 / 640, 300 / 640] as const,
  faceWidth: [180 / 480, 300 / 480] as const,
});

/** Pixel geometry of a width×height canvas with the given proportions (rounded to 0.1 px). */
export function geometryFromProportions(width: number, height: number, p: HeadProportions = XUEXIN_PROPORTIONS): SpecGeometry {
  const r = (v: number) => Math.round(v * 10) / 10;
  const v = ([a, b]: Range): Range => [r(a * height), r(b * height)];
  return { headTop: v(p.headTop), eyeLine: v(p.eyeLine), faceWidth: [r(p.faceWidth[0] * width), r(p.faceWidth[1] * width)] };
}

export const BACKGROUND_PRESETS: readonly BackgroundPreset[] = Object.freeze([
  { id: 'xuexin_blue', hex: '#28BEFA', name: { zh: '蓝色（中国图片社）', en: 'Blue (China Photo Service)' } },
  { id: 'light_blue', hex: '#64C5FF', name: { zh: '浅蓝色（标准）', en: 'Light blue (standard)' } },
  { id: 'white', hex: '#FFFFFF', name: { zh: '白色', en: 'White' } },
  { id: 'light_grey', hex: '#F0F0F0', name: { zh: '浅灰色', en: 'Light grey' } },
  { id: 'id_blue', hex: '#438EDB', name: { zh: '证件蓝', en: 'ID blue' } },
  { id: 'id_red', hex: '#D9001B', name: { zh: '证件红', en: 'ID red' } },
]);

const KB = 1024;

function printSpec(id: string, zh: string, en: string, width: number, height: number, mm: { width: number; height: number }): PhotoSpec {
  return {
    id,
    name: { zh, en },
    width,
    height,
    dpi: 300,
    printMm: mm,
    defaultBackground: '#FFFFFF',
    backgrounds: ['#FFFFFF', '#438EDB', '#D9001B', '#28BEFA', '#64C5FF', '#F0F0F0'],
    minBytes: 0,
    maxBytes: 2048 * KB,
    minQuality: 90,
    geometry: geometryFromProportions(width, height),
  };
}

export const BUILT_IN_SPECS = {
  xuexin: {
    id: 'xuexin',
    name: { zh: '学历证书电子注册照片', en: 'Diploma registration photo (学信网)' },
    width: 480,
    height: 640,
    dpi: 300,
    defaultBackground: '#28BEFA',
    backgrounds: ['#28BEFA', '#64C5FF', '#FFFFFF', '#F0F0F0'],
    minBytes: 30 * KB,
    maxBytes: 500 * KB,
    minQuality: 60,
    geometry: geometryFromProportions(480, 640),
  },
  one_inch: printSpec('one_inch', '1寸', '1-inch', 295, 413, { width: 25, height: 35 }),
  two_inch: printSpec('two_inch', '2寸', '2-inch', 413, 579, { width: 35, height: 49 }),
  small_two_inch: printSpec('small_two_inch', '小2寸', 'Small 2-inch', 413, 531, { width: 35, height: 45 }),
} as const satisfies Record<string, PhotoSpec>;

export type BuiltInSpecId = keyof typeof BUILT_IN_SPECS;
/** Built-in ids, plus whatever was registered at run time. */
export type SpecId = BuiltInSpecId | (string & {});

const registry = new Map<string, PhotoSpec>(Object.entries(BUILT_IN_SPECS));

/** `#RGB` or `#RRGGBB` (the `#` optional) → {r, g, b}; null when not a colour. */
export function parseHexColor(input: string): { r: number; g: number; b: number } | null {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(input.trim());
  if (!m) return null;
  let hex = m[1]!;
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join('');
  const n = parseInt(hex, 16);
  return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255 };
}

/** Canonical `#RRGGBB` (upper case). Throws INVALID_ARGUMENT when not a colour. */
export function normalizeHexColor(input: string): string {
  const c = parseHexColor(input);
  if (!c) throw new PhotoError('INVALID_ARGUMENT', { reason: `not a colour: "${input}" (use #RRGGBB)` });
  return '#' + [c.r, c.g, c.b].map((v) => v.toString(16).padStart(2, '0')).join('').toUpperCase();
}

export function getSpec(id: SpecId): PhotoSpec {
  const s = registry.get(id);
  if (!s) throw new PhotoError('SPEC_UNKNOWN', { spec: id, known: [...registry.keys()].join(', ') });
  return s;
}

export function listSpecs(): PhotoSpec[] {
  return [...registry.values()];
}

const fold = (s: string): string => s.trim().toLowerCase().replace(/[\s_-]+/g, '');

/**
 * A spec by its id or by its Chinese or English name, as people type them: `one_inch`, `1寸`, `1-inch`,
 * `小2寸`. Case, spaces, `-` and `_` do not matter. Null when nothing matches.
 */
export function findSpec(nameOrId: string): PhotoSpec | null {
  const key = fold(nameOrId);
  if (!key) return null;
  for (const s of registry.values()) if ([s.id, s.name.zh, s.name.en].some((n) => fold(n) === key)) return s;
  return null;
}

/**
 * A background colour as people give it: `#RRGGBB` (or `#RGB`, the `#` optional), or a preset's id or
 * name (`white`, `白色`, `light_blue`, `证件蓝`). Returns canonical `#RRGGBB`; null when it is neither.
 */
export function resolveBackground(input: string): string | null {
  if (parseHexColor(input)) return normalizeHexColor(input);
  const key = fold(input);
  const preset = BACKGROUND_PRESETS.find((b) => [b.id, b.name.zh, b.name.en].some((n) => fold(n) === key));
  return preset ? preset.hex : null;
}

// ---- JSON specs ----

const hex = z.string().refine((v) => parseHexColor(v) !== null, 'must be a #RRGGBB colour').transform(normalizeHexColor);
const range = (max: number) =>
  z
    .tuple([z.number().min(0).max(max), z.number().min(0).max(max)])
    .refine(([a, b]) => a < b, 'min must be below max')
    .transform(([a, b]): Range => [a, b]);

/**
 * A spec as JSON. Geometry: either `geometry` in px of the canvas, or `proportions` (fractions), or neither
 * (the 学历证书 proportions).
 */
export const photoSpecSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9_-]{1,40}$/, 'lower-case letters, digits, _ and -'),
    name: z.object({ zh: z.string().min(1), en: z.string().min(1) }),
    width: z.number().int().min(64).max(4000),
    height: z.number().int().min(64).max(4000),
    dpi: z.number().int().min(72).max(1200).default(300),
    printMm: z.object({ width: z.number().positive(), height: z.number().positive() }).optional(),
    defaultBackground: hex.default('#FFFFFF'),
    backgrounds: z.array(hex).default([]),
    minBytes: z.number().int().min(0).default(0),
    maxBytes: z.number().int().positive().default(2048 * KB),
    minQuality: z.number().int().min(1).max(100).default(60),
    geometry: z.object({ headTop: range(4000), eyeLine: range(4000), faceWidth: range(4000) }).optional(),
    proportions: z.object({ headTop: range(1), eyeLine: range(1), faceWidth: range(1) }).optional(),
  })
  .strict()
  .refine((s) => s.minBytes < s.maxBytes, { message: 'minBytes must be below maxBytes', path: ['minBytes'] })
  .refine((s) => !(s.geometry && s.proportions), { message: 'give geometry (px) or proportions, not both', path: ['geometry'] });

/** Validate a spec given as JSON. Throws SPEC_INVALID listing every problem. */
export function parseSpec(json: unknown): PhotoSpec {
  const r = photoSpecSchema.safeParse(json);
  if (!r.success) {
    const reason = r.error.issues.map((i) => `${i.path.join('.') || '(spec)'}: ${i.message}`).join('; ');
    throw new PhotoError('SPEC_INVALID', { reason });
  }
  const { proportions, geometry, backgrounds, ...rest } = r.data;
  const g = geometry ?? geometryFromProportions(rest.width, rest.height, proportions ?? XUEXIN_PROPORTIONS);
  const problems: string[] = [];
  if (g.headTop[1] >= g.eyeLine[0]) problems.push('geometry: the head top must lie above the eye line');
  if (g.eyeLine[1] > rest.height || g.headTop[1] > rest.height) problems.push('geometry: head top and eye line must lie on the canvas');
  if (g.faceWidth[1] > rest.width) problems.push('geometry: the face cannot be wider than the canvas');
  if (problems.length) throw new PhotoError('SPEC_INVALID', { reason: problems.join('; ') });
  return {
    ...rest,
    backgrounds: [rest.defaultBackground, ...backgrounds.filter((b) => b !== rest.defaultBackground)],
    geometry: g,
  };
}

/** Validate and add a spec (replaces a registered spec with the same id; built-in ids cannot be replaced). */
export function registerSpec(json: unknown): PhotoSpec {
  const spec = parseSpec(json);
  if (spec.id in BUILT_IN_SPECS) throw new PhotoError('SPEC_INVALID', { reason: `"${spec.id}" is a built-in spec` });
  registry.set(spec.id, spec);
  return spec;
}
