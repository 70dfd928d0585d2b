/**
 * Refined person matte: coarse segmentation → trimap → local wall / foreground colour →
 * alpha in the unknown band → colour decontamination at the edge. See QUALITY.md.
 */
import { guidedCoefficientsColor, guidedCoefficientsGray } from './guided-filter.js';
import { boxMean, downscaleToPlanes, morph, normalizedMean, resizePlane } from './matte-ops.js';
import { M_B, M_BVAR, M_COEF, M_F, M_FVAR, M_K, M_PROB, M_SBG, M_SFG, M_SUP, solveBand } from './matte-solve.js';
import { dropSpecks } from './matte-blobs.js';
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
  /**
   * Also segment the mirrored image and average (test-time augmentation; default true). Steadier
   * outlines (+0.0015 IoU, +0.01 boundary F on the quality set) for one more model run (~20 ms).
   */
  flip?: boolean;
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
  /** Let the face size bound the band width. */
  faceBand: boolean;
  /** Protect ears (skin beside the face) from see-through alpha. */
  ears: boolean;
  /** Colour guide for the guided filter (else luminance). */
  gfColor: boolean;
  /** Compute the guided-filter coefficients on a half-resolution grid. */
  gfHalf: boolean;
  /** Use the overall wall colour where no wall pixel is near (holes), if the wall's colour variance
   * (summed over RGB, 0…1 units) is below this; 0 = never. */
  globalWall: number;
  /** Drop person specks smaller than this share of the largest one (no face inside); 0 = keep all. */
  speck: number;
  /** Box radius (cells) that softens the sure regions' alpha floor/ceiling (hides the cell grid). */
  softSure: number;
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
  faceBand: true,
  ears: true,
  gfColor: true,
  gfHalf: true,
  globalWall: 0.01,
  speck: 0.05,
  softSure: 2,
};

/** Segment and matte the person(s) in an RGB image. */
export async function computeMatte(image: Raster, opts: MatteOptions = {}): Promise<MatteResult> {
  // One pass over the full image: a preview at twice the working grid feeds both the segmenter and
  // the working grid.
  const preview = previewOf(image, 2 * DEFAULT_TUNING.workLong);
  const coarse = await segmentPerson(preview, { flip: opts.flip ?? true });
  return refineMatte(image, coarse, { ...opts, preview });
}

/** Area-averaged RGB copy with the given long side (the image itself if it is not larger). */
export function previewOf(image: Raster, longSide: number): Raster {
  const { width: W, height: H } = image;
  if (Math.max(W, H) <= longSide) return image;
  const s = longSide / Math.max(W, H);
  const w = Math.max(1, Math.round(W * s));
  const h = Math.max(1, Math.round(H * s));
  const [R, G, B] = downscaleToPlanes(image.data, W, H, image.channels, w, h);
  const data = new Uint8Array(w * h * 3);
  for (let i = 0, o = 0; i < w * h; i++, o += 3) {
    data[o] = Math.round(R[i]!);
    data[o + 1] = Math.round(G[i]!);
    data[o + 2] = Math.round(B[i]!);
  }
  return { data, width: w, height: h, channels: 3 };
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
  opts: MatteOptions & { tuning?: Partial<MatteTuning>; preview?: Raster } = {},
): MatteResult {
  const T: MatteTuning = { ...DEFAULT_TUNING, ...opts.tuning };
  const { width: W, height: H } = image;
  const scale = Math.min(1, T.workLong / Math.max(W, H));
  const lw = Math.max(8, Math.round(W * scale));
  const lh = Math.max(8, Math.round(H * scale));
  const ln = lw * lh;

  // Working grid: colours (0…1) and coarse probability.
  const src = opts.preview ?? image;
  const planes = downscaleToPlanes(src.data, src.width, src.height, src.channels, lw, lh);
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
  const faces = opts.faces ?? [];
  if (T.speck > 0) {
    const centres = faces.map((f) => ({ x: ((f.x + f.width / 2) * lw) / W, y: ((f.y + f.height / 2) * lh) / H }));
    if (dropSpecks(fg, prob, lw, lh, centres, T.speck) > 0) area = fg.reduce((a, v) => a + v, 0);
  }
  let size = Math.sqrt(area);
  if (faces.length > 0 && T.faceBand) size = Math.max(size * 0.5, Math.min(size, 2.2 * faces[0]!.width * (lw / W)));
  const r = Math.max(2, Math.round(T.bandFrac * size));
  const sureFg = morph(fg, lw, lh, r, true);
  const bgMask = new Uint8Array(ln);
  for (let i = 0; i < ln; i++) bgMask[i] = 1 - fg[i]!;
  const sureBg = morph(bgMask, lw, lh, r, true);

  // Local wall colour and local foreground colour (and their spread) near every band cell.
  const sq = new Float32Array(ln);
  const [pr, pg, pb] = planes;
  for (let i = 0; i < ln; i++) sq[i] = pr[i]! * pr[i]! + pg[i]! * pg[i]! + pb[i]! * pb[i]!;
  const withSq = [...planes, sq];
  const ncR = Math.round(T.ncRadius * r) + 1;
  const bgNc = normalizedMean(withSq, sureBg, lw, lh, ncR);
  const fgNc = normalizedMean(withSq, sureFg, lw, lh, ncR);
  const bgCol = bgNc.planes;
  // Where no wall is in reach (holes between hair and neck, under the arms), fall back to the
  // image's overall wall colour and spread: on a plain wall that is what shows through the hole.
  const wall = wallColourOf(planes, sureBg);
  const filled = T.globalWall > 0 && fillFromGlobalWall(bgCol, bgNc.support, planes, sureBg, wall, T.globalWall);
  const fgCol = fgNc.planes;

  // Guided-filter coefficients (colour guide) of the coarse probability on the working grid.
  const gfR = Math.max(1, Math.round(T.gfRadius * r));
  let coef: Float32Array[];
  if (T.gfColor && T.gfHalf) {
    // Coefficients on a half-resolution grid (they are window means anyway), upsampled.
    const hw = Math.max(4, lw >> 1);
    const hh = Math.max(4, lh >> 1);
    const half = planes.map((pl) => resizePlane(pl, lw, lh, hw, hh));
    const c = guidedCoefficientsColor(half, resizePlane(prob, lw, lh, hw, hh), hw, hh, Math.max(1, gfR >> 1), T.gfEps);
    coef = c.map((pl) => resizePlane(pl, hw, hh, lw, lh));
  } else if (T.gfColor) coef = guidedCoefficientsColor(planes, prob, lw, lh, gfR, T.gfEps);
  else {
    const lum = new Float32Array(ln);
    for (let i = 0; i < ln; i++) lum[i] = 0.299 * planes[0]![i]! + 0.587 * planes[1]![i]! + 0.114 * planes[2]![i]!;
    const [A, B] = guidedCoefficientsGray(lum, prob, lw, lh, gfR, T.gfEps);
    const aR = new Float32Array(ln);
    const aG = new Float32Array(ln);
    const aB = new Float32Array(ln);
    for (let i = 0; i < ln; i++) {
      aR[i] = 0.299 * A[i]!;
      aG[i] = 0.587 * A[i]!;
      aB[i] = 0.114 * A[i]!;
    }
    coef = [aR, aG, aB, B];
  }

  // Interleaved per-cell model for the full-resolution solve.
  const floorPlane = softSure(sureFg, lw, lh, T.softSure);
  const ceilPlane = softSure(sureBg, lw, lh, T.softSure);
  const model = new Float32Array(ln * M_K);
  const trimap = new Uint8Array(ln);
  const channels: [number, Float32Array][] = [
    [M_B, bgCol[0]!],
    [M_B + 1, bgCol[1]!],
    [M_B + 2, bgCol[2]!],
    [M_F, fgCol[0]!],
    [M_F + 1, fgCol[1]!],
    [M_F + 2, fgCol[2]!],
    [M_BVAR, variance(bgCol)],
    [M_FVAR, variance(fgCol)],
    [M_COEF, coef[0]!],
    [M_COEF + 1, coef[1]!],
    [M_COEF + 2, coef[2]!],
    [M_COEF + 3, coef[3]!],
    [M_PROB, prob],
    [M_SUP, supportPlane(bgNc.support, fgNc.support, filled ? prob : null)],
    [M_SFG, floorPlane],
    [M_SBG, ceilPlane],
  ];
  for (const [k, plane] of channels) for (let i = 0, o = k; i < ln; i++, o += M_K) model[o] = plane[i]!;
  // Cells are solved unless fully inside a sure region (bound 1).
  for (let i = 0; i < ln; i++) trimap[i] = floorPlane[i]! >= 0.999 ? 2 : ceilPlane[i]! >= 0.999 ? 0 : 1;
  const solved = solveBand(image, trimap, model, lw, lh, T);
  const alpha = solved.alpha;
  protectFaces(alpha, solved.foreground, image, T.ears ? faces : [], wall, {
    prob,
    width: lw,
    height: lh,
  });

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


/** Colour variance summed over RGB from window means [R, G, B, E|I|²]. */
function variance(m: Float32Array[]): Float32Array {
  const [R, G, B, S] = m as [Float32Array, Float32Array, Float32Array, Float32Array];
  const out = new Float32Array(R.length);
  for (let i = 0; i < out.length; i++) {
    const r = R[i]!;
    const g = G[i]!;
    const b = B[i]!;
    const v = S[i]! - r * r - g * g - b * b;
    out[i] = v > 0 ? v : 0;
  }
  return out;
}

/**
 * Per-cell support of the colour unmixing: both colours must be known nearby; with the global wall
 * as fallback, a cell without wall nearby counts only where the segmentation leans to background.
 */
function supportPlane(bg: Float32Array, fg: Float32Array, prob: Float32Array | null): Float32Array {
  const out = new Float32Array(bg.length);
  for (let i = 0; i < out.length; i++) {
    const b = prob && prob[i]! < 0.5 ? Math.max(bg[i]!, 0.05) : bg[i]!;
    out[i] = Math.min(b, fg[i]!);
  }
  return out;
}

/**
 * Blend the local wall planes [R, G, B, E|I|²] toward the global wall colour (and the global
 * E|I|² over the sure background) where the local window has little or no wall in it. Returns
 * false (and changes nothing) when the wall is not plain.
 */
function fillFromGlobalWall(
  bgCol: Float32Array[],
  support: Float32Array,
  planes: Float32Array[],
  sureBg: Uint8Array,
  wall: [number, number, number],
  maxVar: number,
): boolean {
  let n = 0;
  let sq = 0;
  const [R, G, B] = planes as [Float32Array, Float32Array, Float32Array];
  for (let i = 0; i < sureBg.length; i++) {
    if (!sureBg[i]) continue;
    n++;
    sq += R[i]! * R[i]! + G[i]! * G[i]! + B[i]! * B[i]!;
  }
  if (n === 0) return false;
  const w = [wall[0] / 255, wall[1] / 255, wall[2] / 255];
  // E|I|² of the wall around its median: the mean square, so the spread is the wall's own.
  const gsq = sq / n;
  // Only a plain wall is the same everywhere.
  if (gsq - w[0]! * w[0]! - w[1]! * w[1]! - w[2]! * w[2]! > maxVar) return false;
  const [cR, cG, cB, cS] = bgCol as [Float32Array, Float32Array, Float32Array, Float32Array];
  for (let i = 0; i < support.length; i++) {
    const t = support[i]! * 20;
    if (t >= 1) continue;
    const u = 1 - t;
    cR[i] = t * cR[i]! + u * w[0]!;
    cG[i] = t * cG[i]! + u * w[1]!;
    cB[i] = t * cB[i]! + u * w[2]!;
    cS[i] = t * cS[i]! + u * gsq;
  }
  return true;
}

/**
 * Alpha bound from a sure mask: 0 outside it, rising from the region's edge to 1 about r cells
 * inside it (box mean mapped 0.5…1 → 0…1), so that the sure regions fade in smoothly.
 */
function softSure(mask: Uint8Array, w: number, h: number, r: number): Float32Array {
  const f = Float32Array.from(mask);
  if (r <= 0) return f;
  const m = boxMean(f, w, h, r);
  for (let i = 0; i < m.length; i++) {
    const v = (m[i]! - 0.5) * 2;
    m[i] = mask[i] ? (v < 0 ? 0 : v > 1 ? 1 : v) : 0;
  }
  return m;
}
