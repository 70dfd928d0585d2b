/**
 * Matte quality against ../shared/photos/aligned-with-masks (model-made soft masks, a rough guide):
 * mean IoU (binarised at 128) and mean boundary F-measure (3 px), for the refined matte and for
 * the coarse segmentation alone. Writes the figures into QUALITY.md ("Quality" section).
 *
 *   npm run quality -w packages/photo                 # metrics + QUALITY.md
 *   npm run quality -w packages/photo -- --review     # also composites of ../shared/photos/portraits
 *                                                     # over #28BEFA → /tmp/matte-review/ (+ contact sheet)
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { detectFaces } from '../src/face.js';
import { coarseAlpha, computeMatte } from '../src/matte.js';
import { binarise, boundaryF, iou } from '../src/matte-metrics.js';
import { loadSegmenter, segmentPerson, segmenterLoadMs } from '../src/segment.js';
import type { Raster } from '../src/types.js';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = resolve(here, '..');
const photos = resolve(pkg, '../../../shared/photos');
const setDir = join(photos, 'aligned-with-masks');
const portraitsDir = join(photos, 'portraits');
const reviewDir = '/tmp/matte-review';
const review = process.argv.includes('--review');

async function readRgb(path: string, maxSide = 1600): Promise<Raster> {
  const { data, info } = await sharp(path)
    .rotate()
    .flatten({ background: '#ffffff' })
    .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height, channels: 3 };
}

async function readMask(path: string, w: number, h: number): Promise<Uint8Array> {
  const { data } = await sharp(path)
    .greyscale()
    .resize(w, h, { fit: 'fill' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return new Uint8Array(data.buffer, data.byteOffset, w * h);
}

interface Row {
  name: string;
  iou: number;
  bf: number;
  coarseIou: number;
  coarseBf: number;
  /** refined from one model run (flip: false) */
  oneRunIou: number;
  oneRunBf: number;
  /** refined from the general model alone (image + mirror) */
  generalIou: number;
  generalBf: number;
  ms: number;
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const pct = (xs: number[], q: number): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))] ?? 0;

async function evaluate(): Promise<Row[]> {
  const rows: Row[] = [];
  const names = readdirSync(join(setDir, 'images'))
    .filter((f) => /\.(png|jpe?g)$/i.test(f))
    .sort();
  for (const name of names) {
    const img = await readRgb(join(setDir, 'images', name));
    const ref = binarise(await readMask(join(setDir, 'masks', name), img.width, img.height));
    const faces = (await detectFaces(img)).map((f) => f.box);
    const t0 = performance.now();
    // The default matte: two models, each on the image and its mirror (a batch of two), and the refinement.
    const matte = await computeMatte(img, { faces });
    const ms = performance.now() - t0;
    const single = await segmentPerson(img, { landscape: false });
    const noFlip = await computeMatte(img, { faces, flip: false, landscape: false });
    const general = await computeMatte(img, { faces, landscape: false });
    const pred = binarise(matte.alpha.data);
    const npred = binarise(noFlip.alpha.data);
    const gpred = binarise(general.alpha.data);
    const cpred = binarise(coarseAlpha(single, img.width, img.height).data);
    const { width: w, height: h } = img;
    rows.push({
      name,
      iou: iou(pred, ref),
      bf: boundaryF(pred, ref, w, h),
      coarseIou: iou(cpred, ref),
      coarseBf: boundaryF(cpred, ref, w, h),
      oneRunIou: iou(npred, ref),
      oneRunBf: boundaryF(npred, ref, w, h),
      generalIou: iou(gpred, ref),
      generalBf: boundaryF(gpred, ref, w, h),
      ms,
    });
  }
  return rows;
}

async function renderReview(): Promise<string[]> {
  mkdirSync(reviewDir, { recursive: true });
  const names = readdirSync(portraitsDir)
    .filter((f) => /\.(png|jpe?g|webp)$/i.test(f))
    .sort();
  const tiles: { input: Buffer; name: string }[] = [];
  const heads: Buffer[] = [];
  const bg = [0x28, 0xbe, 0xfa];
  for (const name of names) {
    const img = await readRgb(join(portraitsDir, name));
    const faces = (await detectFaces(img)).map((f) => f.box);
    const { alpha, foreground, stats } = await computeMatte(img, { faces });
    const n = img.width * img.height;
    const out = Buffer.alloc(n * 3);
    for (let i = 0; i < n; i++) {
      const a = alpha.data[i]! / 255;
      for (let c = 0; c < 3; c++)
        out[i * 3 + c] = Math.round(a * foreground.data[i * 3 + c]! + (1 - a) * bg[c]!);
    }
    const stem = basename(name, extname(name));
    const raw = { raw: { width: img.width, height: img.height, channels: 3 as const } };
    await sharp(out, raw)
      .png()
      .toFile(join(reviewDir, `${stem}.png`));
    writeFileSync(join(reviewDir, `${stem}.json`), JSON.stringify(stats, null, 1));
    const tile = await sharp(out, raw)
      .resize(300, 400, { fit: 'contain', background: '#808080' })
      .png()
      .toBuffer();
    tiles.push({ input: tile, name: stem });
    // Head close-up (hair, ears, shoulders) around the first face.
    const f = faces[0] ?? {
      x: img.width / 4,
      y: img.height / 4,
      width: img.width / 2,
      height: img.height / 2,
    };
    const x0 = Math.max(0, Math.round(f.x - 0.9 * f.width));
    const y0 = Math.max(0, Math.round(f.y - 0.8 * f.height));
    const x1 = Math.min(img.width, Math.round(f.x + 1.9 * f.width));
    const y1 = Math.min(img.height, Math.round(f.y + 1.8 * f.height));
    heads.push(
      await sharp(out, raw)
        .extract({ left: x0, top: y0, width: x1 - x0, height: y1 - y0 })
        .resize(400, 400, { fit: 'contain', background: '#808080' })
        .png()
        .toBuffer(),
    );
  }
  for (let k = 0; k * 12 < heads.length; k++) {
    const part = heads.slice(k * 12, k * 12 + 12);
    await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#808080' } })
      .composite(part.map((input, j) => ({ input, left: (j % 4) * 400, top: Math.floor(j / 4) * 400 })))
      .png()
      .toFile(join(reviewDir, `heads-${k + 1}.png`));
  }
  const cols = 8;
  const rowsN = Math.ceil(tiles.length / cols);
  await sharp({ create: { width: cols * 300, height: rowsN * 400, channels: 3, background: '#808080' } })
    .composite(
      tiles.map((t, k) => ({ input: t.input, left: (k % cols) * 300, top: Math.floor(k / cols) * 400 })),
    )
    .png()
    .toFile(join(reviewDir, 'contact-sheet.png'));
  return tiles.map((t) => t.name);
}

function writeQualityMd(rows: Row[]): void {
  const f = (v: number): string => v.toFixed(4);
  type Metric =
    'iou' | 'bf' | 'coarseIou' | 'coarseBf' | 'oneRunIou' | 'oneRunBf' | 'generalIou' | 'generalBf';
  const stats = (k: Metric): string =>
    `${f(mean(rows.map((r) => r[k])))} | ${f(Math.min(...rows.map((r) => r[k])))}`;
  const row = (label: string, iouKey: Metric, bfKey: Metric): string =>
    `| ${label} | ${stats(iouKey)} | ${stats(bfKey)} |`;
  const ms = rows.map((r) => r.ms);
  const body = [
    '<!-- quality:start (written by scripts/quality.ts) -->',
    '### Figures',
    '',
    `Command: \`npm run quality -w packages/photo\` (${new Date().toISOString().slice(0, 10)}, ${rows.length} images of`,
    '`../shared/photos/aligned-with-masks`, 512×512). The reference masks were made by a model (PFCN), not',
    'drawn by hand: treat the figures as a rough guide. Masks binarised at 128; boundary F-measure matches',
    'boundary pixels within 3 px.',
    '',
    '| matte | mean IoU | min IoU | mean boundary F | min boundary F |',
    '|---|---|---|---|---|',
    row(
      'coarse segmentation alone (general selfie model, one run, bilinear upsampling)',
      'coarseIou',
      'coarseBf',
    ),
    row(
      'refined matte, one model run (general model, `flip: false, landscape: false`)',
      'oneRunIou',
      'oneRunBf',
    ),
    row('refined matte, general model alone (`landscape: false`: image + mirror)', 'generalIou', 'generalBf'),
    row(
      '**refined matte, default** (`computeMatte`: general and landscape models, image + mirror, averaged, then refined)',
      'iou',
      'bf',
    ),
    '',
    'Face boxes from `detectFaces` are passed to the matte, as the pipeline does.',
    '',
    `Segmentation + matte time per 512×512 image (default: two models on image + mirror, refinement): p50 ${pct(ms, 0.5).toFixed(1)} ms, p95 ${pct(ms, 0.95).toFixed(1)} ms`,
    `(model load + warm-up ${(segmenterLoadMs() ?? 0).toFixed(0)} ms).`,
    '<!-- quality:end -->',
  ].join('\n');
  const path = join(pkg, 'QUALITY.md');
  const old = existsSync(path) ? readFileSync(path, 'utf8') : '# Photo engine quality\n\n## Quality\n';
  const re = /<!-- quality:start[\s\S]*?<!-- quality:end -->/;
  const next = re.test(old) ? old.replace(re, body) : `${old.trimEnd()}\n\n${body}\n`;
  writeFileSync(path, next);
}

await loadSegmenter();
const rows = await evaluate();
for (const r of rows) {
  console.log(
    `${r.name.padEnd(28)} IoU ${r.iou.toFixed(4)} (coarse ${r.coarseIou.toFixed(4)}, one run ${r.oneRunIou.toFixed(4)})  ` +
      `BF ${r.bf.toFixed(4)} (coarse ${r.coarseBf.toFixed(4)}, one run ${r.oneRunBf.toFixed(4)})  ${r.ms.toFixed(0)} ms`,
  );
}
console.log(
  `mean IoU ${mean(rows.map((r) => r.iou)).toFixed(4)} (coarse ${mean(rows.map((r) => r.coarseIou)).toFixed(4)}), ` +
    `mean boundary F ${mean(rows.map((r) => r.bf)).toFixed(4)} (coarse ${mean(rows.map((r) => r.coarseBf)).toFixed(4)}); ` +
    `one model run: IoU ${mean(rows.map((r) => r.oneRunIou)).toFixed(4)}, boundary F ${mean(rows.map((r) => r.oneRunBf)).toFixed(4)}`,
);
writeQualityMd(rows);
if (review) {
  const names = await renderReview();
  console.log(`review: ${names.length} composites and contact-sheet.png in ${reviewDir}`);
}
