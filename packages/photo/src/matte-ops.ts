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
 * Area-average downscale of an interleaved 8-bit image to `dw×dh`, returning `channels` float planes
 * (values 0…255). Each destination pixel averages the source pixels whose centres fall into it.
 */
export function downscaleToPlanes(
  data: Uint8Array,
  sw: number,
  sh: number,
  channels: number,
  dw: number,
  dh: number,
  useChannels = Math.min(3, channels),
): Float32Array[] {
  const planes: Float32Array[] = [];
  for (let c = 0; c < useChannels; c++) planes.push(new Float32Array(dw * dh));
  const count = new Float32Array(dw * dh);
  const xmap = new Int32Array(sw);
  for (let x = 0; x < sw; x++) xmap[x] = Math.min(dw - 1, Math.floor(((x + 0.5) * dw) / sw));
  for (let y = 0; y < sh; y++) {
    const dy = Math.min(dh - 1, Math.floor(((y + 0.5) * dh) / sh));
    const row = dy * dw;
    let p = y * sw * channels;
    for (let x = 0; x < sw; x++, p += channels) {
      const d = row + xmap[x]!;
      count[d]! += 1;
      for (let c = 0; c < useChannels; c++) planes[c]![d]! += data[p + c]!;
    }
  }
  for (let i = 0; i < dw * dh; i++) {
    const inv = count[i]! > 0 ? 1 / count[i]! : 0;
    for (let c = 0; c < useChannels; c++) planes[c]![i]! *= inv;
  }
  return planes;
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
  // Horizontal pass into tmp.
  for (let y = 0; y < h; y++) {
    const o = y * w;
    let sum = 0;
    const end = Math.min(r, w - 1);
    for (let x = 0; x <= end; x++) sum += src[o + x]!;
    for (let x = 0; x < w; x++) {
      const lo = x - r;
      const hi = x + r;
      const cnt = (hi < w ? hi : w - 1) - (lo > 0 ? lo : 0) + 1;
      tmp[o + x] = sum / cnt;
      if (hi + 1 < w) sum += src[o + hi + 1]!;
      if (lo >= 0) sum -= src[o + lo]!;
    }
  }
  // Vertical pass into out, column sums kept for a whole row at once (cache friendly).
  const col = new Float64Array(w);
  const endY = Math.min(r, h - 1);
  for (let y = 0; y <= endY; y++) {
    const o = y * w;
    for (let x = 0; x < w; x++) col[x]! += tmp[o + x]!;
  }
  for (let y = 0; y < h; y++) {
    const lo = y - r;
    const hi = y + r;
    const cnt = (hi < h ? hi : h - 1) - (lo > 0 ? lo : 0) + 1;
    const inv = 1 / cnt;
    const o = y * w;
    for (let x = 0; x < w; x++) out[o + x] = col[x]! * inv;
    if (hi + 1 < h) {
      const a = (hi + 1) * w;
      for (let x = 0; x < w; x++) col[x]! += tmp[a + x]!;
    }
    if (lo >= 0) {
      const s = lo * w;
      for (let x = 0; x < w; x++) col[x]! -= tmp[s + x]!;
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
  for (let i = 0; i < f.length; i++) f[i] = mask[i]!;
  const m = boxMean(f, w, h, r);
  const out = new Uint8Array(w * h);
  if (shrink) for (let i = 0; i < out.length; i++) out[i] = m[i]! > 0.9999 ? 1 : 0;
  else for (let i = 0; i < out.length; i++) out[i] = m[i]! > 0.0001 ? 1 : 0;
  return out;
}

/**
 * Push–pull fill: given `planes` of values known where `weight` > 0, return planes defined everywhere,
 * each unknown pixel taking a smooth average of the nearest known values (coarse-to-fine).
 */
export function pushPull(planes: Float32Array[], weight: Float32Array, w: number, h: number): Float32Array[] {
  const nc = planes.length;
  const levels: { m: Float32Array[]; a: Float32Array; w: number; h: number }[] = [];
  let a = new Float32Array(w * h);
  let m = planes.map(() => new Float32Array(w * h));
  for (let i = 0; i < w * h; i++) {
    const wt = weight[i]!;
    a[i] = wt > 1 ? 1 : wt;
    for (let c = 0; c < nc; c++) m[c]![i] = planes[c]![i]!;
  }
  let cw = w;
  let ch = h;
  levels.push({ m, a, w: cw, h: ch });
  while (cw > 1 || ch > 1) {
    const nw = Math.max(1, Math.ceil(cw / 2));
    const nh = Math.max(1, Math.ceil(ch / 2));
    const na = new Float32Array(nw * nh);
    const nm = m.map(() => new Float32Array(nw * nh));
    for (let y = 0; y < ch; y++) {
      const ny = y >> 1;
      for (let x = 0; x < cw; x++) {
        const i = y * cw + x;
        const wt = a[i]!;
        if (wt <= 0) continue;
        const j = ny * nw + (x >> 1);
        na[j]! += wt;
        for (let c = 0; c < nc; c++) nm[c]![j]! += m[c]![i]! * wt;
      }
    }
    for (let j = 0; j < nw * nh; j++) {
      const s = na[j]!;
      if (s > 0) for (let c = 0; c < nc; c++) nm[c]![j]! /= s;
      na[j] = s > 1 ? 1 : s;
    }
    a = na;
    m = nm;
    cw = nw;
    ch = nh;
    levels.push({ m, a, w: cw, h: ch });
  }
  // Pull: blend each level with the (bilinearly) upsampled filled level above it.
  let filled = levels[levels.length - 1]!.m;
  for (let k = levels.length - 2; k >= 0; k--) {
    const lv = levels[k]!;
    const up = levels[k + 1]!;
    const next = lv.m.map(() => new Float32Array(lv.w * lv.h));
    for (let c = 0; c < nc; c++) {
      const u = resizePlane(filled[c]!, up.w, up.h, lv.w, lv.h);
      const src = lv.m[c]!;
      const dst = next[c]!;
      for (let i = 0; i < lv.w * lv.h; i++) {
        const wt = lv.a[i]!;
        dst[i] = wt * src[i]! + (1 - wt) * u[i]!;
      }
    }
    filled = next;
  }
  return filled;
}
