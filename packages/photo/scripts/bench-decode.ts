/**
 * Decode benchmark: a 12-megapixel phone-size JPEG (3024×4032, made by upscaling a portrait from
 * ../shared/photos), stored upright; stored sideways with EXIF orientation 6 and an sRGB profile (Android
 * style); and sideways with a Display P3 profile (iPhone style). Decoded full size and with shrink-on-load
 * (`maxLongSide`). One libvips thread, like one pipeline worker.
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
const sideways = join(dir, '12mp-orientation6-srgb.jpg');
const iphone = join(dir, '12mp-orientation6-p3.jpg');
if (!existsSync(upright) || !existsSync(sideways) || !existsSync(iphone)) {
  await sharp(source).resize(3024, 4032, { fit: 'fill', kernel: 'lanczos3' }).jpeg({ quality: 92 }).toFile(upright);
  await sharp(upright).rotate(-90).withMetadata({ orientation: 6 }).withIccProfile('srgb').jpeg({ quality: 92 }).toFile(sideways);
  await sharp(upright).rotate(-90).withMetadata({ orientation: 6 }).withIccProfile('p3').jpeg({ quality: 92 }).toFile(iphone);
}
sharp.concurrency(1);

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

// Wall time suffers when other processes share the 2 cores; CPU time (all threads of this process) less so.
console.log(`| input | maxLongSide | output | p50 ms | p95 ms | p50 CPU ms |\n|---|---|---|---|---|---|`);
const names = new Map([
  [upright, '12 MP JPEG, upright, no profile'],
  [sideways, '12 MP JPEG, EXIF 6, sRGB profile'],
  [iphone, '12 MP JPEG, EXIF 6, Display P3 profile'],
]);
for (const [file, name] of names) {
  const bytes = readFileSync(file);
  for (const maxLongSide of [1600, 1024, undefined]) {
    await decodeImage(bytes, { maxLongSide }); // warm-up
    const ts: number[] = [];
    const cpu: number[] = [];
    let size = '';
    for (let i = 0; i < runs; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const d = await decodeImage(bytes, { maxLongSide });
      ts.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      size = `${d.image.width}×${d.image.height}`;
    }
    console.log(`| ${name} | ${maxLongSide ?? 'full'} | ${size} | ${pct(ts, 50).toFixed(1)} | ${pct(ts, 95).toFixed(1)} | ${pct(cpu, 50).toFixed(1)} |`);
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
