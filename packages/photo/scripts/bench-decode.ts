/**
 * Decode benchmark: a 12-megapixel phone-size JPEG (3024×4032, made by upscaling a portrait from
 * ../shared/photos), stored upright and stored sideways with EXIF orientation 6, decoded full size and with
 * shrink-on-load (`maxLongSide`). One libvips thread, like one pipeline worker.
 *
 * Run: npx tsx packages/photo/scripts/bench-decode.ts [runs=15]
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { decodeImage } from '../src/decode.js';
import { encodeJpeg } from '../src/encode.js';

const here = dirname(fileURLToPath(import.meta.url));
const source = resolve(here, '../../../../shared/photos/portraits/facerec_obama.jpg');
const runs = Number(process.argv[2] ?? 15);
const dir = join(tmpdir(), 'idphoto-bench');
mkdirSync(dir, { recursive: true });
const upright = join(dir, '12mp.jpg');
const sideways = join(dir, '12mp-orientation6.jpg');
if (!existsSync(upright) || !existsSync(sideways)) {
  await sharp(source).resize(3024, 4032, { fit: 'fill', kernel: 'lanczos3' }).jpeg({ quality: 92 }).toFile(upright);
  await sharp(upright).rotate(-90).withMetadata({ orientation: 6 }).jpeg({ quality: 92 }).toFile(sideways);
}
sharp.concurrency(1);

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

console.log(`| input | maxLongSide | output | p50 ms | p95 ms |\n|---|---|---|---|---|`);
for (const file of [upright, sideways]) {
  const bytes = readFileSync(file);
  for (const maxLongSide of [1600, 1024, undefined]) {
    await decodeImage(bytes, { maxLongSide }); // warm-up
    const ts: number[] = [];
    let size = '';
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const d = await decodeImage(bytes, { maxLongSide });
      ts.push(performance.now() - t0);
      size = `${d.image.width}×${d.image.height}`;
    }
    const name = file === upright ? '12 MP JPEG upright' : '12 MP JPEG, EXIF orientation 6';
    console.log(`| ${name} | ${maxLongSide ?? 'full'} | ${size} | ${pct(ts, 50).toFixed(1)} | ${pct(ts, 95).toFixed(1)} |`);
  }
}

// Encode of a 480×640 result (size targeting included).
const raster = await sharp(upright).resize(480, 640).raw().toBuffer({ resolveWithObject: true });
const img = { data: new Uint8Array(raster.data), width: 480, height: 640, channels: 3 as const };
const ts: number[] = [];
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  await encodeJpeg(img, { minBytes: 30 * 1024, maxBytes: 500 * 1024 });
  ts.push(performance.now() - t0);
}
console.log(`\nencodeJpeg 480×640: p50 ${pct(ts, 50).toFixed(1)} ms, p95 ${pct(ts, 95).toFixed(1)} ms`);
