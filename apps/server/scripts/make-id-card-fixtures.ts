/**
 * Renders synthetic specimen ID card fronts (made-up people, valid check digits) and phone-photo-like variants
 * into apps/server/test-fixtures/id-card, with a manifest of the truth. Needs the Noto CJK and OCR-B fonts
 * (Debian: fonts-noto-cjk, fonts-ocr-b); the outputs are committed, so tests don't.
 *
 *   npx tsx apps/server/scripts/make-id-card-fixtures.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { CARD_PX, cardSvg } from './id-card/card-svg.js';
import { deskSvg, lightAndNoise, placeCard, rng, warpCard, type DeskKind, type Rng } from './id-card/photo-effects.js';
import { SPECIMENS, type Specimen } from './id-card/specimens.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.resolve(here, '../test-fixtures/id-card');
const E2E = path.resolve(here, '../../../e2e/fixtures/id-card.png');

interface Variant {
  name: string;
  size: [number, number];
  /** Card width as a share of the image width. */
  cardShare: [number, number];
  angle: number;
  tilt: number;
  blur: [number, number];
  noise: [number, number];
  quality: [number, number];
  falloff: [number, number];
  desks: DeskKind[];
}

const VARIANTS: Variant[] = [
  { name: 'mild', size: [1600, 1200], cardShare: [0.7, 0.85], angle: 3, tilt: 0.03, blur: [0, 0.5], noise: [1, 3], quality: [85, 92], falloff: [0, 0.15], desks: ['wood', 'grey'] },
  { name: 'tilted', size: [1600, 1200], cardShare: [0.65, 0.8], angle: 8, tilt: 0.09, blur: [0.3, 0.8], noise: [2, 4], quality: [80, 90], falloff: [0.05, 0.2], desks: ['wood', 'fabric', 'paper'] },
  { name: 'small', size: [1600, 1200], cardShare: [0.42, 0.5], angle: 6, tilt: 0.05, blur: [0.5, 1], noise: [2, 5], quality: [75, 88], falloff: [0.05, 0.25], desks: ['grey', 'wood', 'fabric'] },
  { name: 'dim', size: [1600, 1200], cardShare: [0.6, 0.8], angle: 6, tilt: 0.06, blur: [0.4, 0.9], noise: [5, 9], quality: [70, 85], falloff: [0.35, 0.5], desks: ['wood', 'grey', 'paper'] },
  { name: 'harsh', size: [1280, 960], cardShare: [0.6, 0.75], angle: 8, tilt: 0.08, blur: [1.1, 1.6], noise: [6, 10], quality: [40, 55], falloff: [0.2, 0.4], desks: ['fabric', 'wood', 'grey'] },
];

const pick = <T>(r: Rng, xs: T[]) => xs[Math.floor(r.next() * xs.length)]!;
const round = (v: number, d = 2) => Math.round(v * 10 ** d) / 10 ** d;

async function photo(card: Buffer, v: Variant, r: Rng, sizeOverride?: [number, number]) {
  const [W, H] = sizeOverride ?? v.size;
  const w = W * r.range(...v.cardShare);
  const h = (w * CARD_PX.height) / CARD_PX.width;
  const params = {
    angleDeg: round(r.range(-v.angle, v.angle), 1),
    tiltX: round(r.range(-v.tilt, v.tilt), 3),
    tiltY: round(r.range(-v.tilt, v.tilt), 3),
    blur: round(r.range(...v.blur)),
    noise: round(r.range(...v.noise), 1),
    quality: Math.round(r.range(...v.quality)),
    falloff: round(r.range(...v.falloff)),
    desk: pick(r, v.desks),
    size: [W, H],
  };
  const slack = { x: (W - w) / 2, y: (H - h) / 2 };
  const corners = placeCard({
    w,
    h,
    cx: W / 2 + r.range(-0.6, 0.6) * slack.x,
    cy: H / 2 + r.range(-0.5, 0.5) * slack.y,
    angleDeg: params.angleDeg,
    tiltX: params.tiltX,
    tiltY: params.tiltY,
  });
  const warped = warpCard(card, CARD_PX.width, CARD_PX.height, corners, W, H);
  const raw = { raw: { width: W, height: H, channels: 4 as const } };
  // a soft drop shadow from the card's own alpha
  const shadow = Buffer.alloc(W * H * 4);
  for (let i = 3; i < shadow.length; i += 4) shadow[i] = Math.round(warped[i]! * 0.45);
  const shadowPng = await sharp(shadow, raw).blur(10).png().toBuffer();
  const composed = await sharp(Buffer.from(deskSvg(params.desk, W, H, Math.floor(r.next() * 1000))))
    .composite([
      { input: shadowPng, left: 0, top: 0 },
      { input: await sharp(warped, raw).png().toBuffer(), left: 0, top: 0 },
    ])
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const warm = r.range(-0.06, 0.06);
  lightAndNoise(
    composed.data,
    W,
    H,
    composed.info.channels,
    { falloff: params.falloff, angle: r.range(0, 2 * Math.PI), highlight: r.range(0, 0.12), cast: [1 + warm, 1, 1 - warm], noise: params.noise, exposure: r.range(0.92, 1.05) },
    r,
  );
  let img = sharp(composed.data, { raw: { width: W, height: H, channels: composed.info.channels } });
  if (params.blur >= 0.3) img = img.blur(params.blur);
  const jpg = await img.jpeg({ quality: params.quality, chromaSubsampling: '4:2:0' }).toBuffer();
  return { jpg, params };
}

interface ManifestEntry {
  file: string;
  specimen: string;
  variant: string;
  idNumber: string;
  name: string;
  params?: Record<string, unknown>;
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const manifest: ManifestEntry[] = [];
  for (const [si, s] of SPECIMENS.entries()) {
    const truth = (file: string, variant: string, params?: Record<string, unknown>) =>
      manifest.push({ file, specimen: s.key, variant, idNumber: s.idNumber, name: s.name, ...(params ? { params } : {}) });
    const cardPng = await sharp(Buffer.from(cardSvg(s))).png({ compressionLevel: 9 }).toBuffer();
    const file = `${s.key}-clean.png`;
    writeFileSync(path.join(OUT, file), cardPng);
    truth(file, 'clean');
    if (si === 0) {
      mkdirSync(path.dirname(E2E), { recursive: true });
      writeFileSync(E2E, cardPng);
    }
    const card = await sharp(cardPng).ensureAlpha().raw().toBuffer();
    for (const [vi, v] of VARIANTS.entries()) {
      const r = rng(1000 * (si + 1) + vi);
      // one full-size phone photo (8 MP) so the adapter's downscaling is exercised
      const size: [number, number] | undefined = si === 0 && v.name === 'mild' ? [3264, 2448] : undefined;
      const { jpg, params } = await photo(card, v, r, size);
      const name = `${s.key}-${v.name}.jpg`;
      writeFileSync(path.join(OUT, name), jpg);
      truth(name, v.name, params);
    }
    console.log(`${s.key}: ${s.name} ${s.idNumber}`);
  }
  writeFileSync(path.join(OUT, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`${manifest.length} images in ${path.relative(process.cwd(), OUT)}`);
}

export type { Specimen };
await main();
