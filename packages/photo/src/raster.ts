/** Small synchronous raster helpers (area-average shrink, grey conversion, sampling). */
import type { Raster } from './types.js';
import { roundHalfUp } from './numbers.js';

/** Area-average resize to an exact size (meant for shrinking). */
export function resizeTo(src: Raster, w: number, h: number): Raster {
  return {
    data: resizeInto(src, w, h, new Uint8Array(w * h * src.channels)),
    width: w,
    height: h,
    channels: src.channels,
  };
}

/**
 * resizeTo's pixels written into `out` (w·h·channels long): a Float32Array receives the same whole
 * numbers, ready for a float model input without another conversion pass.
 */
export function resizeInto<T extends Uint8Array | Float32Array>(
  src: Raster,
  w: number,
  h: number,
  out: T,
): T {
  const c = src.channels;
  const sw = src.width;
  const data = src.data;
  const sx = sw / w;
  const sy = src.height / h;
  // Sums of whole source pixels (exact in float64), one span of source columns per output column.
  const acc = new Float64Array(w * c);
  const x0 = new Int32Array(w);
  const x1 = new Int32Array(w);
  for (let x = 0; x < w; x++) {
    x0[x] = Math.floor(x * sx);
    x1[x] = Math.max(x0[x]! + 1, Math.min(sw, Math.floor((x + 1) * sx)));
  }
  // Shrinking RGB: each source column feeds one output column (the spans are contiguous and do not
  // overlap), so rows are summed through a column → accumulator map in one pass.
  const xmap = c === 3 && sw >= w ? new Int32Array(sw) : null;
  if (xmap) for (let x = 0; x < w; x++) for (let xx = x0[x]!; xx < x1[x]!; xx++) xmap[xx] = x * c;
  for (let y = 0; y < h; y++) {
    const ya = Math.floor(y * sy);
    const yb = Math.max(ya + 1, Math.min(src.height, Math.floor((y + 1) * sy)));
    acc.fill(0);
    for (let yy = ya; yy < yb; yy++) {
      const row = yy * sw * c;
      if (xmap) {
        // Columns past the last span's end (when w does not divide the width) are skipped.
        for (let xx = 0, i = row, e = x1[w - 1]!; xx < e; xx++, i += 3) {
          const k = xmap[xx]!;
          acc[k]! += data[i]!;
          acc[k + 1]! += data[i + 1]!;
          acc[k + 2]! += data[i + 2]!;
        }
      } else {
        for (let x = 0; x < w; x++) {
          for (let xx = x0[x]!; xx < x1[x]!; xx++) {
            const i = row + xx * c;
            for (let ch = 0; ch < c; ch++) acc[x * c + ch]! += data[i + ch]!;
          }
        }
      }
    }
    const rows = yb - ya;
    const o = y * w * c;
    for (let x = 0; x < w; x++) {
      const area = (x1[x]! - x0[x]!) * rows;
      for (let ch = 0; ch < c; ch++) out[o + x * c + ch] = roundHalfUp(acc[x * c + ch]! / area);
    }
  }
  return out;
}

/** Rec. 601 luma of an RGB(A)/grey raster as floats 0…255. */
export function toGrey(src: Raster): Float32Array {
  const n = src.width * src.height;
  const out = new Float32Array(n);
  const c = src.channels;
  if (c === 1) {
    for (let i = 0; i < n; i++) out[i] = src.data[i]!;
    return out;
  }
  for (let i = 0, j = 0; i < n; i++, j += c) {
    out[i] = 0.299 * src.data[j]! + 0.587 * src.data[j + 1]! + 0.114 * src.data[j + 2]!;
  }
  return out;
}

/** Bilinear sample of one channel; coordinates are pixel centres (x = 0 is the first pixel's centre). */
export function sampleBilinear(src: Raster, x: number, y: number, ch = 0): number {
  const xi = Math.max(0, Math.min(src.width - 1, x));
  const yi = Math.max(0, Math.min(src.height - 1, y));
  const x0 = Math.floor(xi);
  const y0 = Math.floor(yi);
  const x1 = Math.min(src.width - 1, x0 + 1);
  const y1 = Math.min(src.height - 1, y0 + 1);
  const fx = xi - x0;
  const fy = yi - y0;
  const c = src.channels;
  const d = src.data;
  const a = d[(y0 * src.width + x0) * c + ch]!;
  const b = d[(y0 * src.width + x1) * c + ch]!;
  const e = d[(y1 * src.width + x0) * c + ch]!;
  const f = d[(y1 * src.width + x1) * c + ch]!;
  return (a * (1 - fx) + b * fx) * (1 - fy) + (e * (1 - fx) + f * fx) * fy;
}
