/**
 * Checks produced photos with a face model the engine does not use (face-api: SSD MobileNet v1 and the
 * 68-point landmark net, MIT, weights inside the npm package) and with plain pixel scans, against the
 * spec's geometry (point 4 of the spec) and output rules (point 5):
 *
 * - pupil line level within 1° (pupils: the darkest fifth of each eye contour of the 68-point model);
 * - eyes, head top and face width inside the spec's ranges; face centred; figure on the bottom edge;
 * - baseline JPEG, 3 channels, the spec's dpi and size range.
 *
 *   npx idphoto batch ../shared/photos/portraits --out /tmp/out
 *   npm run verify -w packages/photo -- /tmp/out [--spec xuexin] [--background '#28BEFA'] [--md]
 *
 * The head top is the first row from the top whose central half differs from the flat background
 * (RGB distance > 40 on at least 3 px): what a reader with a ruler would call the top of the hair.
 */
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { parseHex } from '../src/compose.js';
import { inPolygon } from '../src/face-measures.js';
import { getSpec } from '../src/specs.js';

const require = createRequire(import.meta.url);
// face-api ships a CommonJS node-wasm build only.
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js') as FaceApi;
const modelDir = require.resolve('@vladmandic/face-api/package.json').replace(/package\.json$/, 'model');

interface Pt {
  x: number;
  y: number;
}
interface FaceApi {
  tf: { setBackend(b: string): Promise<boolean>; ready(): Promise<void>; tensor3d(d: Uint8Array, s: number[]): { dispose(): void } };
  nets: Record<'ssdMobilenetv1' | 'faceLandmark68Net', { loadFromDisk(dir: string): Promise<void> }>;
  SsdMobilenetv1Options: new (o: { minConfidence: number }) => unknown;
  detectAllFaces(
    input: unknown,
    o: unknown,
  ): { withFaceLandmarks(): Promise<Array<{ landmarks: { positions: Pt[]; getLeftEye(): Pt[]; getRightEye(): Pt[] } }>> };
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { spec: { type: 'string', default: 'xuexin' }, background: { type: 'string' }, md: { type: 'boolean', default: false } },
});
const dir = positionals[0];
if (!dir) {
  console.error('usage: verify DIR [--spec xuexin] [--background HEX] [--md]');
  process.exit(1);
}
const spec = getSpec(values.spec as 'xuexin');
const bg = parseHex(values.background ?? spec.defaultBackground);
const g = spec.geometry;

const centroid = (ps: Pt[]): Pt => ({ x: ps.reduce((s, p) => s + p.x, 0) / ps.length, y: ps.reduce((s, p) => s + p.y, 0) / ps.length });
const inRange = (v: number, [lo, hi]: readonly [number, number]): boolean => v >= lo && v <= hi;

interface Measured {
  name: string;
  faces: number;
  tilt: number;
  eyes: number;
  headTop: number;
  faceWidth: number;
  centreOffset: number;
  bottomCover: number;
  bytes: number;
  baseline: boolean;
  dpi: number | undefined;
  failures: string[];
}

function differs(data: Buffer, i: number): boolean {
  const dr = data[i]! - bg[0];
  const dg = data[i + 1]! - bg[1];
  const db = data[i + 2]! - bg[2];
  return dr * dr + dg * dg + db * db > 40 * 40;
}

/** Pupil centre: centroid of the darkest fifth of the pixels inside the eye contour (iris and pupil). */
function pupil(data: Buffer, w: number, eye: Pt[]): Pt {
  const xs = eye.map((p) => p.x);
  const ys = eye.map((p) => p.y);
  const px: Array<{ x: number; y: number; l: number }> = [];
  for (let y = Math.floor(Math.min(...ys)); y <= Math.ceil(Math.max(...ys)); y++) {
    for (let x = Math.floor(Math.min(...xs)); x <= Math.ceil(Math.max(...xs)); x++) {
      if (!inPolygon(x + 0.5, y + 0.5, eye)) continue;
      const i = (y * w + x) * 3;
      px.push({ x: x + 0.5, y: y + 0.5, l: 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]! });
    }
  }
  if (px.length < 10) return centroid(eye);
  px.sort((a, b) => a.l - b.l);
  return centroid(px.slice(0, Math.max(5, Math.round(px.length / 5))));
}

function scanHeadTop(data: Buffer, w: number, h: number): number {
  for (let y = 0; y < h; y++) {
    let n = 0;
    for (let x = Math.floor(w / 4); x < Math.ceil((3 * w) / 4); x++) if (differs(data, (y * w + x) * 3)) n++;
    if (n >= 3) return y;
  }
  return h;
}

async function measure(path: string): Promise<Measured> {
  const bytes = readFileSync(path);
  const meta = await sharp(bytes).metadata();
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const t = faceapi.tf.tensor3d(new Uint8Array(data), [info.height, info.width, 3]);
  const faces = await faceapi.detectAllFaces(t, new faceapi.SsdMobilenetv1Options({ minConfidence: 0.3 })).withFaceLandmarks();
  t.dispose();
  const W = info.width;
  const H = info.height;
  let bottom = 0;
  for (let x = 0; x < W; x++) if (differs(data, ((H - 1) * W + x) * 3)) bottom++;
  const m: Measured = {
    name: path.split('/').pop()!,
    faces: faces.length,
    tilt: NaN,
    eyes: NaN,
    headTop: scanHeadTop(data, W, H),
    faceWidth: NaN,
    centreOffset: NaN,
    bottomCover: bottom / W,
    bytes: bytes.byteLength,
    baseline: meta.format === 'jpeg' && !meta.isProgressive && meta.channels === 3,
    dpi: meta.density,
    failures: [],
  };
  const f = faces[0];
  if (f) {
    const p = f.landmarks.positions;
    const L = pupil(data, W, f.landmarks.getLeftEye());
    const R = pupil(data, W, f.landmarks.getRightEye());
    m.tilt = (Math.atan2(R.y - L.y, R.x - L.x) * 180) / Math.PI;
    m.eyes = (L.y + R.y) / 2;
    // cheek to cheek: the jaw-line points at cheekbone height (1 and 15 of the 68)
    m.faceWidth = Math.hypot(p[15]!.x - p[1]!.x, p[15]!.y - p[1]!.y);
    m.centreOffset = (p[1]!.x + p[15]!.x) / 2 - W / 2;
  }
  const fail = (ok: boolean, what: string): void => void (ok || m.failures.push(what));
  fail(W === spec.width && H === spec.height, 'size');
  fail(m.faces === 1, 'faces');
  fail(Math.abs(m.tilt) <= 1, 'tilt');
  fail(inRange(m.eyes, g.eyeLine), 'eyes');
  fail(inRange(m.headTop, g.headTop), 'headTop');
  fail(inRange(m.faceWidth, g.faceWidth), 'faceWidth');
  fail(Math.abs(m.centreOffset) <= 0.05 * W, 'centre');
  fail(m.bottomCover >= 0.5, 'bottom');
  fail(m.baseline, 'jpeg');
  fail(m.dpi === spec.dpi, 'dpi');
  fail(m.bytes >= spec.minBytes && m.bytes <= spec.maxBytes, 'bytes');
  return m;
}

await faceapi.tf.setBackend('wasm');
await faceapi.tf.ready();
await faceapi.nets.ssdMobilenetv1.loadFromDisk(modelDir);
await faceapi.nets.faceLandmark68Net.loadFromDisk(modelDir);

const files = readdirSync(dir)
  .filter((f) => f.endsWith('.jpg') && !f.endsWith('.mask.jpg'))
  .sort();
const rows: Measured[] = [];
for (const f of files) rows.push(await measure(join(dir, f)));

const fmt = (v: number, d = 0): string => (Number.isFinite(v) ? v.toFixed(d) : '–');
const head = ['photo', 'tilt °', 'eyes', 'head top', 'face width', 'centre Δ', 'bottom', 'KB', 'dpi', 'result'];
const lines = rows.map((r) => [
  r.name,
  fmt(r.tilt, 2),
  fmt(r.eyes),
  fmt(r.headTop),
  fmt(r.faceWidth),
  fmt(r.centreOffset),
  `${Math.round(r.bottomCover * 100)} %`,
  fmt(r.bytes / 1024),
  String(r.dpi ?? '–'),
  r.failures.length ? `FAIL ${r.failures.join(', ')}` : 'ok',
]);
const ok = rows.filter((r) => !r.failures.length).length;
if (values.md) {
  console.log(`| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|`);
  for (const l of lines) console.log(`| ${l.join(' | ')} |`);
} else {
  console.log(head.join('\t'));
  for (const l of lines) console.log(l.join('\t'));
}
const worst = (pick: (r: Measured) => number): string => fmt(Math.max(...rows.map((r) => Math.abs(pick(r)))), 2);
console.log(
  `\n${ok}/${rows.length} photos meet the spec as measured independently (ranges: head top ${g.headTop.join('–')}, eyes ${g.eyeLine.join('–')}, face width ${g.faceWidth.join('–')}); largest |tilt| ${worst((r) => r.tilt)}°`,
);
process.exit(ok === rows.length ? 0 : 2);
