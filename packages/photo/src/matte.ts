/**
 * Refined person matte: coarse segmentation → trimap → local wall / foreground colour →
 * alpha in the unknown band → colour decontamination at the edge. See QUALITY.md.
 */
import { guidedCoefficientsColor } from './guided-filter.js';
import { downscaleToPlanes, morph, normalizedMean, resizePlane } from './matte-ops.js';
import { M_B, M_BVAR, M_COEF, M_F, M_FVAR, M_K, M_PROB, solveBand } from './matte-solve.js';
import { protectFaces } from './matte-face.js';
import { matteStats, wallColourOf, type MatteStats } from './matte-stats.js';
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

/** Tunable constants of the refinement (defaults chosen with scripts/quality.ts). */
export interface MatteTuning {
  /** Long side of the working grid on which colours, trimap and filter coefficients are estimated. */
  workLong: number;
  /** Half-width of the unknown band relative to the person's size (√area). */
  bandFrac: number;
  /** Guided-filter radius relative to the band half-width. */
  gfRadius: number;
  /** Guided-filter regularisation (colour guide in 0…1). */
  gfEps: number;
  /** Contrast gain applied to the guided-filter alpha around 0.5 (1 = none). */
  gfGain: number;
  /** Use colour-line alpha against the local wall colour where it is reliable. */
  colorLine: boolean;
  /** Squared F–B distance (0…1 scale) below which the colour line is ignored … */
  ddMin: number;
  /** … and above which it is fully trusted (before the variance and residual terms). */
  ddFull: number;
  /** Weight of local colour variance (bg + fg) against the squared F–B distance. */
  varK: number;
  /** Weight of the colour-line residual (distance of I from the line, relative to |F−B|²). */
  resK: number;
  /** Wall colour variance at which the guided filter yields to the coarse mask (busy walls). */
  busyVar: number;
  /** Radius of the local colour windows relative to the band half-width (≥ 2 reaches every band cell). */
  ncRadius: number;
  /** Colour-line weight ramps up as min(p, 1−p) of the coarse probability reaches this (0 = no gate). */
  probGate: number;
  /** Wall variance at which the colour line is switched off (textured or cluttered background). */
  busyLine: number;
}

export const DEFAULT_TUNING: MatteTuning = {
  workLong: 256,
  bandFrac: 0.025,
  gfRadius: 1,
  gfEps: 1e-3,
  gfGain: 2,
  colorLine: true,
  ddMin: 0.004,
  ddFull: 0.034,
  varK: 3,
  resK: 2,
  busyVar: 0.02,
  ncRadius: 2,
  probGate: 0.05,
  busyLine: 1000,
};

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
export function refineMatte(
  image: Raster,
  coarse: CoarseMask,
  opts: MatteOptions & { tuning?: Partial<MatteTuning> } = {},
): MatteResult {
  const T: MatteTuning = { ...DEFAULT_TUNING, ...opts.tuning };
  const { width: W, height: H, channels: C, data } = image;
  const scale = Math.min(1, T.workLong / Math.max(W, H));
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
  const r = Math.max(2, Math.round(T.bandFrac * size));
  const sureFg = morph(fg, lw, lh, r, true);
  const bgMask = new Uint8Array(ln);
  for (let i = 0; i < ln; i++) bgMask[i] = 1 - fg[i]!;
  const sureBg = morph(bgMask, lw, lh, r, true);

  // Local wall colour and local foreground colour (and their spread) near every band cell.
  const sq = new Float32Array(ln);
  for (let i = 0; i < ln; i++) sq[i] = planes[0]![i]! ** 2 + planes[1]![i]! ** 2 + planes[2]![i]! ** 2;
  const withSq = [...planes, sq];
  const ncR = Math.round(T.ncRadius * r) + 1;
  const bgCol = normalizedMean(withSq, sureBg, lw, lh, ncR).planes;
  const fgCol = normalizedMean(withSq, sureFg, lw, lh, ncR).planes;

  // Guided-filter coefficients (colour guide) of the coarse probability on the working grid.
  const coef = guidedCoefficientsColor(planes, prob, lw, lh, Math.max(1, Math.round(T.gfRadius * r)), T.gfEps);

  // Interleaved per-cell model for the full-resolution solve.
  const model = new Float32Array(ln * M_K);
  const trimap = new Uint8Array(ln);
  for (let i = 0; i < ln; i++) {
    const o = i * M_K;
    for (let c = 0; c < 3; c++) {
      model[o + M_B + c] = bgCol[c]![i]!;
      model[o + M_F + c] = fgCol[c]![i]!;
    }
    // Colour variances (summed over RGB) of the wall and foreground windows.
    model[o + M_BVAR] = Math.max(0, bgCol[3]![i]! - bgCol[0]![i]! ** 2 - bgCol[1]![i]! ** 2 - bgCol[2]![i]! ** 2);
    model[o + M_FVAR] = Math.max(0, fgCol[3]![i]! - fgCol[0]![i]! ** 2 - fgCol[1]![i]! ** 2 - fgCol[2]![i]! ** 2);
    for (let c = 0; c < 4; c++) model[o + M_COEF + c] = coef[c]![i]!;
    model[o + M_PROB] = prob[i]!;
    trimap[i] = sureFg[i] ? 2 : sureBg[i] ? 0 : 1;
  }
  const solved = solveBand(image, trimap, model, lw, lh, T);
  const alpha = solved.alpha;
  protectFaces(alpha, solved.foreground, image, faces, wallColourOf(planes, sureBg));

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
    bandCount: solved.bandCount,
    alpha,
    W,
    H,
  });
  return {
    alpha: { data: alpha, width: W, height: H, channels: 1 },
    foreground: { data: solved.foreground, width: W, height: H, channels: 3 },
    stats,
  };
}
