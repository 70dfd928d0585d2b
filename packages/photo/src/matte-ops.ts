/**
 * Small typed-array image operations used by the matte: resampling, box means, morphology and
 * push–pull filling. Planes are Float32Array (or Uint8Array masks), row-major, width×height.
 */

/** Bilinear resample of a single-channel float plane (pixel centres aligned). */
export function resizePlane(
  src: Float32Array,
  sw: number,
  sh: number,
  dw: number,
  dh: number,
  out = new Float32Array(dw * dh),
): Float32Array {
  const fx = sw / dw;
  const fy = sh / dh;
  const x0s = new Int32Array(dw);
  const x1s = new Int32Array(dw);
  const wxs = new Float32Array(dw);
  for (let x = 0; x < dw; x++) {
    let sx = (x + 0.5) * fx - 0.5;
    if (sx < 0) sx = 0;
    if (sx > sw - 1) sx = sw - 1;
    const x0 = Math.floor(sx);
    x0s[x] = x0;
    x1s[x] = x0 + 1 < sw ? x0 + 1 : x0;
    wxs[x] = sx - x0;
  }
  for (let y = 0; y < dh; y++) {
    let sy = (y + 0.5) * fy - 0.5;
    if (sy < 0) sy = 0;
    if (sy > sh - 1) sy = sh - 1;
    const y0 = Math.floor(sy);
    const y1 = y0 + 1 < sh ? y0 + 1 : y0;
    const wy = sy - y0;
    const r0 = y0 * sw;
    const r1 = y1 * sw;
    const o = y * dw;
    for (let x = 0; x < dw; x++) {
      const a = x0s[x]!;
      const b = x1s[x]!;
      const wx = wxs[x]!;
      const top = src[r0 + a]! + (src[r0 + b]! - src[r0 + a]!) * wx;
      const bot = src[r1 + a]! + (src[r1 + b]! - src[r1 + a]!) * wx;
      out[o + x] = top + (bot - top) * wy;
    }
  }
  return out;
}

/**
 * Area-average downscale of an interleaved 8-bit RGB(A) image to `dw×dh`, returning R, G, B float
 * planes (values 0…255). Each destination pixel averages the source pixels whose centres fall into it
 * (only every `rowStep`-th source row is read: a cheaper estimate when shrinking by `rowStep` or more).
 */
export function downscaleToPlanes(
  data: Uint8Array,
  sw: number,
  sh: number,
  channels: number,
  dw: number,
  dh: number,
  rowStep = 1,
): [Float32Array, Float32Array, Float32Array] {
  const n = dw * dh;
  const R = new Float32Array(n);
  const G = new Float32Array(n);
  const B = new Float32Array(n);
  // Source column → offset of its destination column in the interleaved accumulator.
  const xmap = new Int32Array(sw);
  const colCount = new Float64Array(dw);
  for (let x = 0; x < sw; x++) {
    const d = Math.min(dw - 1, Math.floor(((x + 0.5) * dw) / sw));
    xmap[x] = d * 3;
    colCount[d]! += 1;
  }
  // Whole-number sums of the source rows of one destination row, divided by the pixel count when
  // the destination row is complete.
  const acc = new Uint32Array(dw * 3);
  let cur = -1;
  let rows = 0;
  const flush = (): void => {
    const o = cur * dw;
    for (let x = 0, k = 0; x < dw; x++, k += 3) {
      const c = rows * colCount[x]!;
      const inv = c > 0 ? 1 / c : 0;
      R[o + x] = acc[k]! * inv;
      G[o + x] = acc[k + 1]! * inv;
      B[o + x] = acc[k + 2]! * inv;
    }
    acc.fill(0);
  };
  for (let y = 0; y < sh; y += rowStep) {
    const dy = Math.min(dh - 1, Math.floor(((y + 0.5) * dh) / sh));
    if (dy !== cur) {
      if (cur >= 0) flush();
      cur = dy;
      rows = 0;
    }
    rows++;
    for (let x = 0, p = y * sw * channels; x < sw; x++, p += channels) {
      const k = xmap[x]!;
      acc[k]! += data[p]!;
      acc[k + 1]! += data[p + 1]!;
      acc[k + 2]! += data[p + 2]!;
    }
  }
  if (cur >= 0) flush();
  return [R, G, B];
}

/** 1 / (number of window cells) along an axis of length n for radius r, window clamped to [0, n). */
function invCounts(n: number, r: number): Float32Array {
  const inv = new Float32Array(n);
  for (let i = 0; i < n; i++) inv[i] = 1 / (Math.min(i + r, n - 1) - Math.max(i - r, 0) + 1);
  return inv;
}

/**
 * Mean over a (2r+1)×(2r+1) window clamped to the image (separable running sums).
 * `tmp` may be passed to avoid an allocation; `out` may not alias `src`.
 */
export function boxMean(
  src: Float32Array,
  w: number,
  h: number,
  r: number,
  out = new Float32Array(w * h),
  tmp = new Float32Array(w * h),
): Float32Array {
  const ix = invCounts(w, r);
  const iy = invCounts(h, r);
  // Horizontal running sums into tmp.
  const lead = Math.min(r, w - 1);
  for (let y = 0; y < h; y++) {
    const o = y * w;
    let sum = 0;
    for (let x = 0; x <= lead; x++) sum += src[o + x]!;
    for (let x = 0; x < w; x++) {
      tmp[o + x] = sum * ix[x]!;
      if (x + r + 1 < w) sum += src[o + x + r + 1]!;
      if (x - r >= 0) sum -= src[o + x - r]!;
    }
  }
  // Vertical pass into out, column sums kept for a whole row at once (cache friendly).
  const col = new Float64Array(w);
  const endY = Math.min(r, h - 1);
  for (let y = 0; y <= endY; y++) {
    const o = y * w;
    for (let x = 0; x < w; x++) col[x]! += tmp[o + x]!;
  }
  // Each row is written from the running column sums, which then step one row down (one loop).
  for (let y = 0; y < h; y++) {
    const inv = iy[y]!;
    const o = y * w;
    const hi = y + r + 1;
    const lo = y - r;
    const a = hi * w;
    const s = lo * w;
    if (hi < h && lo >= 0) {
      for (let x = 0; x < w; x++) {
        out[o + x] = col[x]! * inv;
        col[x]! += tmp[a + x]! - tmp[s + x]!;
      }
    } else if (hi < h) {
      for (let x = 0; x < w; x++) {
        out[o + x] = col[x]! * inv;
        col[x]! += tmp[a + x]!;
      }
    } else if (lo >= 0) {
      for (let x = 0; x < w; x++) {
        out[o + x] = col[x]! * inv;
        col[x]! -= tmp[s + x]!;
      }
    } else {
      for (let x = 0; x < w; x++) out[o + x] = col[x]! * inv;
    }
  }
  return out;
}

/**
 * Binary erosion (shrink=true) or dilation of a 0/1 mask by a square of radius r, via box means.
 * Pixels outside the image count as the mask's own border value (no shrink from the frame).
 */
export function morph(mask: Uint8Array, w: number, h: number, r: number, shrink: boolean): Uint8Array {
  const f = new Float32Array(w * h);
  f.set(mask);
  const m = boxMean(f, w, h, r);
  const out = new Uint8Array(w * h);
  if (shrink) for (let i = 0; i < out.length; i++) out[i] = m[i]! > 0.9999 ? 1 : 0;
  else for (let i = 0; i < out.length; i++) out[i] = m[i]! > 0.0001 ? 1 : 0;
  return out;
}

/**
 * Normalised box mean of `planes` over the pixels where `weight` = 1 (radius r): the local mean
 * colour of the known pixels around every pixel. Returns the means and the support (share of the
 * window that is known; 0 where no known pixel is in reach, and the mean is then 0).
 */
export function normalizedMean(
  planes: Float32Array[],
  weight: Uint8Array,
  w: number,
  h: number,
  r: number,
): { planes: Float32Array[]; support: Float32Array } {
  const n = w * h;
  const tmp = new Float32Array(n);
  const wf = new Float32Array(n);
  wf.set(weight);
  const support = boxMean(wf, w, h, r, undefined, tmp);
  const inv = new Float32Array(n);
  for (let i = 0; i < n; i++) inv[i] = support[i]! > 1e-6 ? 1 / support[i]! : 0;
  const masked = new Float32Array(n);
  const out: Float32Array[] = [];
  for (const pl of planes) {
    for (let i = 0; i < n; i++) masked[i] = weight[i] ? pl[i]! : 0;
    const m = boxMean(masked, w, h, r, undefined, tmp);
    for (let i = 0; i < n; i++) m[i]! *= inv[i]!;
    out.push(m);
  }
  return { planes: out, support };
}
