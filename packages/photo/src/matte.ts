/**
 * Refined person matte: coarse segmentation → trimap → local wall / foreground colour →
 * alpha in the unknown band → colour decontamination at the edge. See QUALITY.md.
 */
import { applyGuidedAt, guidedCoefficientsColor } from './guided-filter.js';
import { buildBand, sampleBilinear } from './matte-band.js';
import { downscaleToPlanes, morph, pushPull, resizePlane } from './matte-ops.js';
import { matteStats, type MatteStats } from './matte-stats.js';
import { segmentPerson, type CoarseMask } from './segment.js';
import type { Raster, Rect } from './types.js';

export type { MatteStats } from './matte-stats.js';

export interface MatteResult {
  /** 1 channel, same size as the input; 255 = person. */
  alpha: Raster;
  /** RGB, same size as the input; colour-decontaminated where 0 < alpha < 255. */
  foreground: Raster;
  stats: MatteStats;
}

export interface MatteOptions {
  /** Face boxes in input pixels (from face detection); used to size the band and protect faces. */
  faces?: Rect[];
}

/** Long side of the working grid on which colours, trimap and filter coefficients are estimated. */
const WORK_LONG_SIDE = 400;

/** Segment and matte the person(s) in an RGB image. */
export async function computeMatte(image: Raster, opts: MatteOptions = {}): Promise<MatteResult> {
  const coarse = await segmentPerson(image);
  return refineMatte(image, coarse, opts);
}

/** The coarse segmentation alone, bilinearly upsampled to the image size (for comparisons). */
export function coarseAlpha(coarse: CoarseMask, width: number, height: number): Raster {
  const p = resizePlane(coarse.prob, coarse.width, coarse.height, width, height);
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = Math.round(clamp01(p[i]!) * 255);
  return { data, width, height, channels: 1 };
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

/** Refine a coarse mask into a soft alpha and decontaminated foreground (synchronous, no model). */
export function refineMatte(image: Raster, coarse: CoarseMask, opts: MatteOptions = {}): MatteResult {
  const { width: W, height: H, channels: C, data } = image;
  const scale = Math.min(1, WORK_LONG_SIDE / Math.max(W, H));
  const lw = Math.max(8, Math.round(W * scale));
  const lh = Math.max(8, Math.round(H * scale));
  const ln = lw * lh;

  // Working grid: colours (0…1) and coarse probability.
  const planes = downscaleToPlanes(data, W, H, C, lw, lh);
  for (const pl of planes) for (let i = 0; i < ln; i++) pl[i]! /= 255;
  const prob = resizePlane(coarse.prob, coarse.width, coarse.height, lw, lh);

  // Trimap on the working grid. Band radius follows the person's size.
  const fg = new Uint8Array(ln);
  let area = 0;
  for (let i = 0; i < ln; i++) {
    const f = prob[i]! >= 0.5 ? 1 : 0;
    fg[i] = f;
    area += f;
  }
  let size = Math.sqrt(area);
  const faces = opts.faces ?? [];
  if (faces.length > 0) size = Math.max(size * 0.5, Math.min(size, 2.2 * faces[0]!.width * (lw / W)));
  const r = Math.max(2, Math.round(0.03 * size));
  const sureFg = morph(fg, lw, lh, r, true);
  const bgMask = new Uint8Array(ln);
  for (let i = 0; i < ln; i++) bgMask[i] = 1 - fg[i]!;
  const sureBg = morph(bgMask, lw, lh, r, true);

  // Local wall colour and local foreground colour, filled into the band by push–pull.
  const wb = new Float32Array(ln);
  const wf = new Float32Array(ln);
  for (let i = 0; i < ln; i++) {
    wb[i] = sureBg[i]!;
    wf[i] = sureFg[i]!;
  }
  const bgCol = pushPull(planes, wb, lw, lh);
  const fgCol = pushPull(planes, wf, lw, lh);

  // Guided-filter coefficients (colour guide) of the coarse probability on the working grid.
  const coef = guidedCoefficientsColor(planes, prob, lw, lh, Math.max(2, r), 1e-3);

  // Full-resolution band and alpha.
  const band = buildBand(sureFg, sureBg, lw, lh, W, H);
  const alpha = band.alpha;
  const fgOut = new Uint8Array(W * H * 3);
  for (let i = 0, p = 0; i < W * H; i++, p += C) {
    fgOut[i * 3] = data[p]!;
    fgOut[i * 3 + 1] = data[p + 1]!;
    fgOut[i * 3 + 2] = data[p + 2]!;
  }
  const sx = lw / W;
  const sy = lh / H;
  const idx = band.indices;
  const inv255 = 1 / 255;
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    const x = i % W;
    const y = (i - x) / W;
    const gx = (x + 0.5) * sx - 0.5;
    const gy = (y + 0.5) * sy - 0.5;
    const p = i * C;
    const ir = data[p]! * inv255;
    const ig = data[p + 1]! * inv255;
    const ib = data[p + 2]! * inv255;
    const q = applyGuidedAt(coef, lw, lh, gx, gy, ir, ig, ib);
    const br = sampleBilinear(bgCol[0]!, lw, lh, gx, gy);
    const bg = sampleBilinear(bgCol[1]!, lw, lh, gx, gy);
    const bb = sampleBilinear(bgCol[2]!, lw, lh, gx, gy);
    const fr = sampleBilinear(fgCol[0]!, lw, lh, gx, gy);
    const fgc = sampleBilinear(fgCol[1]!, lw, lh, gx, gy);
    const fb = sampleBilinear(fgCol[2]!, lw, lh, gx, gy);
    // Colour-line alpha: project I onto the segment B→F where F and B differ enough.
    const dr = fr - br;
    const dg = fgc - bg;
    const db = fb - bb;
    const dd = dr * dr + dg * dg + db * db;
    let a = clamp01(q);
    if (dd > 0.004) {
      const ac = clamp01(((ir - br) * dr + (ig - bg) * dg + (ib - bb) * db) / dd);
      // Residual: how far I is from the line (a third colour means the model does not fit).
      const er = ir - br - ac * dr;
      const eg = ig - bg - ac * dg;
      const eb = ib - bb - ac * db;
      const res = (er * er + eg * eg + eb * eb) / dd;
      const conf = clamp01((dd - 0.004) / 0.03) * clamp01(1 - res * 2);
      a = conf * ac + (1 - conf) * a;
    }
    alpha[i] = Math.round(a * 255);
    // Decontaminate: F = (I - (1-α)B) / α, faded toward the local foreground colour at low α.
    if (a > 0 && a < 1) {
      const w = clamp01((a - 0.05) / 0.35);
      const inva = 1 / Math.max(a, 0.05);
      const cr = clamp01((ir - (1 - a) * br) * inva);
      const cg = clamp01((ig - (1 - a) * bg) * inva);
      const cb = clamp01((ib - (1 - a) * bb) * inva);
      fgOut[i * 3] = Math.round((w * cr + (1 - w) * fr) * 255);
      fgOut[i * 3 + 1] = Math.round((w * cg + (1 - w) * fgc) * 255);
      fgOut[i * 3 + 2] = Math.round((w * cb + (1 - w) * fb) * 255);
    }
  }
  protectFaces(alpha, W, H, faces);

  const stats = matteStats({
    planes,
    prob,
    fg,
    sureFg,
    sureBg,
    bgCol,
    fgCol,
    lw,
    lh,
    bandCount: idx.length,
    alpha,
    W,
    H,
  });
  return {
    alpha: { data: alpha, width: W, height: H, channels: 1 },
    foreground: { data: fgOut, width: W, height: H, channels: 3 },
    stats,
  };
}

/** The central part of each detected face is person, whatever the segmentation says. */
function protectFaces(alpha: Uint8Array, W: number, H: number, faces: Rect[]): void {
  for (const f of faces) {
    const x0 = Math.max(0, Math.round(f.x + f.width * 0.2));
    const x1 = Math.min(W, Math.round(f.x + f.width * 0.8));
    const y0 = Math.max(0, Math.round(f.y + f.height * 0.2));
    const y1 = Math.min(H, Math.round(f.y + f.height * 0.8));
    for (let y = y0; y < y1; y++) alpha.fill(255, y * W + x0, y * W + x1);
  }
}
