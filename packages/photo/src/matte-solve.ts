/**
 * Full-resolution alpha and foreground colour in the trimap's unknown band, from per-cell models
 * estimated on the working grid (local wall colour B, local foreground colour F, their variances,
 * guided-filter coefficients of the coarse mask, the coarse probability itself).
 */
import type { Raster } from './types.js';

/** Channels (planes) of the working-grid model. */
export const M_B = 0; // B r,g,b (0…1)
export const M_BVAR = 3; // colour variance (summed over RGB) of the wall pixels
export const M_F = 4; // F r,g,b
export const M_FVAR = 7; // colour variance of the foreground pixels
export const M_COEF = 8; // guided-filter coefficients aR, aG, aB, b
export const M_PROB = 12; // coarse probability
export const M_SUP = 13; // weight of the colour unmixing: wall and foreground known nearby, segmentation unsure
export const M_SFG = 14; // 1 in sure-foreground cells (interpolated: soft floor for alpha)
export const M_SBG = 15; // 1 in sure-background cells (interpolated: soft ceiling for alpha)
export const M_K = 16;

export interface SolveParams {
  /** Contrast gain applied to the guided-filter alpha around 0.5. */
  gfGain: number;
  colorLine: boolean;
  ddMin: number;
  ddFull: number;
  varK: number;
  resK: number;
  /** Wall variance (0…1² units, summed over RGB) at which the guided filter yields to the coarse mask. */
  busyVar: number;
  /** How far the colour line yields on busy walls when it would raise alpha (0 = not at all, 1 = as the guided filter does). */
  busyLine: number;
  /**
   * Coarse probability below which see-through alpha (under 0.5) fades out: where the segmentation
   * sees wall, a faint veil is a wall feature the colours mistook for hair (0 = off).
   */
  veilProb: number;
}

export interface SolveResult {
  alpha: Uint8Array;
  foreground: Uint8Array;
  bandCount: number;
}

/** Channel k at a pixel: the row-interpolated cells at offsets b0 and b1, mixed gx : fx. */
function at(vrow: Float64Array, b0: number, b1: number, gx: number, fx: number, k: number): number {
  return vrow[b0 + k]! * gx + vrow[b1 + k]! * fx;
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

/**
 * trimap: working-grid cells, 2 = sure foreground, 0 = sure background, 1 = unknown, 3 = sure cell
 * next to an unknown one (solved too, so that the sure regions fade in over one cell, not a block edge).
 * model: M_K planes of the working grid, indexed by the M_* channel numbers.
 */
export function solveBand(
  image: Raster,
  trimap: Uint8Array,
  model: Float32Array[],
  lw: number,
  lh: number,
  P: SolveParams,
): SolveResult {
  const { width: W, height: H, channels: C, data } = image;
  const alpha = new Uint8Array(W * H);
  const fgOut = new Uint8Array(W * H * 3);
  if (C === 3) fgOut.set(data.subarray(0, W * H * 3));
  else for (let i = 0, p = 0; i < W * H; i++, p += C) fgOut.set(data.subarray(p, p + 3), i * 3);
  const K = M_K;
  // Per-column bilinear lookups into the working grid, and the first pixel column of each cell.
  const cx0 = new Int32Array(W);
  const cx1 = new Int32Array(W);
  const cfx = new Float32Array(W);
  for (let x = 0; x < W; x++) {
    let g = ((x + 0.5) * lw) / W - 0.5;
    g = g < 0 ? 0 : g > lw - 1 ? lw - 1 : g;
    const x0 = Math.floor(g);
    cx0[x] = x0;
    cx1[x] = x0 + 1 < lw ? x0 + 1 : x0;
    cfx[x] = g - x0;
  }
  const xStart = new Int32Array(lw + 1);
  for (let c = 0; c <= lw; c++) xStart[c] = Math.min(W, Math.ceil((c * W) / lw));
  // The model interpolated between the two working-grid rows around the current pixel row, filled in
  // per cell only where the row needs it (the horizontal step is then done per pixel).
  const vrow = new Float64Array(lw * K);
  const filledFor = new Int32Array(lw).fill(-1);
  let bandCount = 0;
  for (let y = 0; y < H; y++) {
    let g = ((y + 0.5) * lh) / H - 0.5;
    g = g < 0 ? 0 : g > lh - 1 ? lh - 1 : g;
    const y0 = Math.floor(g);
    const y1 = y0 + 1 < lh ? y0 + 1 : y0;
    const fy = g - y0;
    const gy = 1 - fy;
    const trow = Math.min(lh - 1, Math.floor((y * lh) / H)) * lw;
    const r0 = y0 * lw;
    const r1 = y1 * lw;
    const rowStart = y * W;
    for (let cx = 0; cx < lw; cx++) {
      const t = trimap[trow + cx]!;
      if (t === 0) continue;
      const xa = xStart[cx]!;
      const xb = xStart[cx + 1]!;
      if (xb <= xa) continue;
      if (t === 2) {
        // A few pixels per cell: a loop here is cheaper than a call to fill.
        for (let i = rowStart + xa, e = rowStart + xb; i < e; i++) alpha[i] = 255;
        continue;
      }
      for (let c = cx0[xa]!, ce = cx1[xb - 1]!; c <= ce; c++) {
        if (filledFor[c] === y) continue;
        filledFor[c] = y;
        const s0 = r0 + c;
        const s1 = r1 + c;
        const d = c * K;
        for (let k = 0; k < K; k++) vrow[d + k] = model[k]![s0]! * gy + model[k]![s1]! * fy;
      }
      for (let x = xa; x < xb; x++) {
        const i = rowStart + x;
        const p = i * C;
        const o = i * 3;
        const ir8 = data[p]!;
        const ig8 = data[p + 1]!;
        const ib8 = data[p + 2]!;
        bandCount++;
        const fx = cfx[x]!;
        const gx = 1 - fx;
        const b0 = cx0[x]! * K;
        const b1 = cx1[x]! * K;
        // Sure regions fade in over one cell: alpha lies between these interpolated bounds.
        const floor = at(vrow, b0, b1, gx, fx, M_SFG);
        if (floor >= 0.999) {
          alpha[i] = 255;
          continue;
        }
        const ceil = 1 - at(vrow, b0, b1, gx, fx, M_SBG);
        if (ceil <= 0.001) continue;
        const ir = ir8 / 255;
        const ig = ig8 / 255;
        const ib = ib8 / 255;
        const br = at(vrow, b0, b1, gx, fx, M_B);
        const bg = at(vrow, b0, b1, gx, fx, M_B + 1);
        const bb = at(vrow, b0, b1, gx, fx, M_B + 2);
        const fr = at(vrow, b0, b1, gx, fx, M_F);
        const fg = at(vrow, b0, b1, gx, fx, M_F + 1);
        const fb = at(vrow, b0, b1, gx, fx, M_F + 2);
        const vb = at(vrow, b0, b1, gx, fx, M_BVAR);
        const vf = at(vrow, b0, b1, gx, fx, M_FVAR);
        const prob = at(vrow, b0, b1, gx, fx, M_PROB);
        // Base alpha: guided filter of the coarse mask, yielding to the coarse mask on busy walls; both
        // sharpened around 0.5 (the plain mask's soft tail would leave a veil of the old wall around the head).
        const q =
          at(vrow, b0, b1, gx, fx, M_COEF) * ir +
          at(vrow, b0, b1, gx, fx, M_COEF + 1) * ig +
          at(vrow, b0, b1, gx, fx, M_COEF + 2) * ib +
          at(vrow, b0, b1, gx, fx, M_COEF + 3);
        const agf = clamp01((q - 0.5) * P.gfGain + 0.5);
        const wq = clamp01(1 - vb / P.busyVar);
        let a = wq * agf + (1 - wq) * clamp01((prob - 0.5) * P.gfGain + 0.5);
        // Colour-line alpha: project I onto the segment B→F where F and B differ enough.
        const dr = fr - br;
        const dg = fg - bg;
        const db = fb - bb;
        const dd = dr * dr + dg * dg + db * db;
        if (P.colorLine && dd > P.ddMin) {
          const ac = clamp01(((ir - br) * dr + (ig - bg) * dg + (ib - bb) * db) / dd);
          const er = ir - br - ac * dr;
          const eg = ig - bg - ac * dg;
          const eb = ib - bb - ac * db;
          const res = (er * er + eg * eg + eb * eb) / dd;
          // Colours unknown nearby, or the segmentation is sure here: little say for the unmixing. On a busy
          // wall the local wall colour is a mean of unlike things (window bars and panes), so the unmixing may
          // cut alpha away but not raise it above the base: raised, it left smudges of the old wall.
          const support = at(vrow, b0, b1, gx, fx, M_SUP);
          const conf =
            support *
            (ac > a ? 1 - P.busyLine * (1 - wq) : 1) *
            clamp01((dd - P.ddMin) / (P.ddFull - P.ddMin)) *
            clamp01(1 - res * P.resK) *
            (dd / (dd + P.varK * ((1 - ac) * vb + ac * vf)));
          a = conf * ac + (1 - conf) * a;
        }
        if (P.veilProb > 0 && a < 0.5) {
          // Faint alpha where the segmentation sees wall: the colours took a dark wall feature (a plank
          // gap, a shadow line) for strands. Fades to nothing as p falls to 0; alpha from 0.5 up, and
          // the binarised outline with it, stays as it is.
          const w = clamp01(prob / P.veilProb);
          const keep = clamp01((a - 0.25) / 0.25);
          a *= w + (1 - w) * keep;
        }
        if (a < floor) a = floor;
        if (a > ceil) a = ceil;
        alpha[i] = (a * 255 + 0.5) | 0;
        // Decontaminate: F = (I − (1−α)B)/α, faded toward the local foreground colour at low α.
        if (a > 0 && a < 1) {
          const wd = clamp01((a - 0.05) / 0.35);
          const inva = 1 / (a > 0.05 ? a : 0.05);
          const cr = clamp01((ir - (1 - a) * br) * inva);
          const cg = clamp01((ig - (1 - a) * bg) * inva);
          const cb = clamp01((ib - (1 - a) * bb) * inva);
          fgOut[o] = ((wd * cr + (1 - wd) * clamp01(fr)) * 255 + 0.5) | 0;
          fgOut[o + 1] = ((wd * cg + (1 - wd) * clamp01(fg)) * 255 + 0.5) | 0;
          fgOut[o + 2] = ((wd * cb + (1 - wd) * clamp01(fb)) * 255 + 0.5) | 0;
        }
      }
    }
  }
  return { alpha, foreground: fgOut, bandCount };
}
