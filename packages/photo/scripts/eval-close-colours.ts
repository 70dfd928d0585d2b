/**
 * How the clothes_close_to_background check answers people against a wall of their own colour. Every
 * photo of ../shared/photos/aligned-with-masks is put, through its reference mask, in front of a wall of
 * the median colour of its hair (top) and, separately, of its clothes or skin (bottom) with a faint
 * gradient and noise. Each composite goes through the analysis; the matte is scored against the reference
 * mask, and the check's measures are printed beside the score:
 *
 *   npx tsx packages/photo/scripts/eval-close-colours.ts [name-filter] [--save DIR]
 *
 * A good check rejects the composites whose matte is poor and passes the rest. The reference masks were
 * made by a model (PFCN): where they are fuzzy themselves (flowers, hands), a low score blames them.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { CheckCode } from '../src/check-codes.js';
import { binarise, boundaryF, iou } from '../src/matte-metrics.js';
import { analysePhoto } from '../src/process.js';
import { PORTRAITS_DIR } from './phone-photo.js';

const SET = join(PORTRAITS_DIR, '../aligned-with-masks');
const args = process.argv.slice(2);
const saveAt = args.indexOf('--save');
const saveDir = saveAt >= 0 ? args[saveAt + 1] : undefined;
const filter = args.find((a, i) => !a.startsWith('--') && i !== saveAt + 1);

let seed = 7;
const rnd = (): number => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;

/** Median colour of the reference person's rim (opaque, but within ~6 px of the outline) in rows y0…y1. */
function rimColour(
  img: Buffer,
  mask: Buffer,
  blurred: Buffer,
  W: number,
  y0: number,
  y1: number,
): number[] | null {
  const vals: number[][] = [[], [], []];
  for (let y = y0; y < y1; y++) {
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      if (mask[i]! > 242 && blurred[i]! < 230) for (let c = 0; c < 3; c++) vals[c]!.push(img[i * 3 + c]!);
    }
  }
  if (vals[0]!.length < 200) return null;
  return vals.map((v) => v.sort((a, b) => a - b)[v.length >> 1]!);
}

const rows: string[] = [];
for (const file of readdirSync(join(SET, 'images')).sort()) {
  if (filter && !file.includes(filter)) continue;
  const img = await sharp(join(SET, 'images', file))
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width: W, height: H } = img.info;
  const mask = await sharp(join(SET, 'masks', file))
    .greyscale()
    .resize(W, H)
    .raw()
    .toBuffer();
  const blurred = await sharp(mask, { raw: { width: W, height: H, channels: 1 } })
    .blur(6)
    .raw()
    .toBuffer();
  for (const [part, y0, y1] of [
    ['hair', 0, Math.floor(H * 0.45)],
    ['clothes', Math.floor(H * 0.6), H],
  ] as const) {
    const wall = rimColour(img.data, mask, blurred, W, y0, y1);
    if (!wall) continue;
    const out = Buffer.alloc(W * H * 3);
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const i = y * W + x;
        const a = mask[i]! / 255;
        const gradient = (x / W - 0.5) * 16 + (y / H - 0.5) * 8;
        for (let c = 0; c < 3; c++) {
          const b = Math.max(0, Math.min(255, wall[c]! + gradient + (rnd() - 0.5) * 8));
          out[i * 3 + c] = Math.round(a * img.data[i * 3 + c]! + (1 - a) * b);
        }
      }
    }
    const png = await sharp(out, { raw: { width: W, height: H, channels: 3 } })
      .png()
      .toBuffer();
    if (saveDir) await sharp(png).toFile(join(saveDir, `${file.replace(/\.\w+$/, '')}_${part}.png`));
    const a = await analysePhoto(new Uint8Array(png));
    if (!a.matte) {
      rows.push(`| ${file} | ${part} | no matte | | | | |`);
      continue;
    }
    const pred = binarise(a.matte.alpha.data);
    const ref = binarise(new Uint8Array(mask));
    const check = a.checks.find((c) => c.code === CheckCode.CLOTHES_CLOSE_TO_BACKGROUND);
    const s = a.matte.stats;
    rows.push(
      `| ${file} | ${part} | ${iou(pred, ref).toFixed(4)} | ${boundaryF(pred, ref, W, H).toFixed(3)} | ` +
        `${s.lowContrastFraction.toFixed(3)} | ${s.lowContrastDoubt.toFixed(3)} | ${check?.passed === false ? 'reject' : 'pass'} |`,
    );
  }
}
console.log('| photo | wall like | IoU | boundary F | low-contrast share | … in doubt | check |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
