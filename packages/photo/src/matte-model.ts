/**
 * The per-cell model of the working grid that the full-resolution band solve samples: local wall
 * and foreground colours with their spread, guided-filter coefficients of the coarse mask, the
 * coarse probability, the unmixing support and the soft bounds of the sure regions.
 */
import { guidedCoefficientsColor } from './guided-filter.js';
import { boxMean, normalizedMean, resizePlane } from './matte-ops.js';
import { M_B, M_BVAR, M_COEF, M_F, M_FVAR, M_K, M_PROB, M_SBG, M_SFG, M_SUP } from './matte-solve.js';
import { wallColourOf } from './matte-stats.js';
import type { MatteTuning } from './matte-tuning.js';

export interface CellModel {
  /** M_K planes of the working grid, indexed by the M_* channel numbers */
  model: Float32Array[];
  /** 2 = sure foreground, 0 = sure background, 1 = solve */
  trimap: Uint8Array;
  /** local wall / foreground window means [R, G, B, E|I|²] (0…1) */
  bgCol: Float32Array[];
  fgCol: Float32Array[];
  /** median wall colour (sRGB) */
  wall: [number, number, number];
}

export function buildCellModel(
  planes: Float32Array[],
  prob: Float32Array,
  sureFg: Uint8Array,
  sureBg: Uint8Array,
  lw: number,
  lh: number,
  r: number,
  T: MatteTuning,
): CellModel {
  const ln = lw * lh;
  // Local wall colour and local foreground colour (and their spread) near every band cell.
  const sq = new Float32Array(ln);
  const [pr, pg, pb] = planes as [Float32Array, Float32Array, Float32Array];
  for (let i = 0; i < ln; i++) sq[i] = pr[i]! * pr[i]! + pg[i]! * pg[i]! + pb[i]! * pb[i]!;
  const withSq = [...planes, sq];
  const ncR = Math.round(T.ncRadius * r) + 1;
  const bgNc = normalizedMean(withSq, sureBg, lw, lh, ncR);
  const fgNc = normalizedMean(withSq, sureFg, lw, lh, ncR);
  const bgCol = bgNc.planes;
  const fgCol = fgNc.planes;
  // Where no wall is in reach (holes between hair and neck, under the arms), fall back to the
  // image's overall wall colour and spread: on a plain wall that is what shows through the hole.
  const wall = wallColourOf(planes, sureBg);
  const filled =
    T.globalWall > 0 && fillFromGlobalWall(bgCol, bgNc.support, planes, sureBg, wall, T.globalWall);
  // On a wall that is not plain the unmixing stays off where no wall is near, but the edge colours
  // are still decontaminated, against the overall wall colour rather than black (a white rim otherwise).
  const solveWall = filled ? bgCol : wallWhereUnknown(bgCol, bgNc.support, wall);

  // Guided-filter coefficients (colour guide) of the coarse probability, computed on a
  // half-resolution grid (they are window means anyway) and upsampled.
  const gfR = Math.max(1, Math.round(T.gfRadius * r));
  const hw = Math.max(4, lw >> 1);
  const hh = Math.max(4, lh >> 1);
  const half = planes.map((pl) => resizePlane(pl, lw, lh, hw, hh));
  const coefHalf = guidedCoefficientsColor(
    half,
    resizePlane(prob, lw, lh, hw, hh),
    hw,
    hh,
    Math.max(1, gfR >> 1),
    T.gfEps,
  );
  const coef = coefHalf.map((pl) => resizePlane(pl, hw, hh, lw, lh));

  const floorPlane = softSure(sureFg, lw, lh, T.softSure);
  const ceilPlane = softSure(sureBg, lw, lh, T.softSure);
  const model = new Array<Float32Array>(M_K);
  [model[M_B], model[M_B + 1], model[M_B + 2]] = solveWall;
  [model[M_F], model[M_F + 1], model[M_F + 2]] = fgCol;
  model[M_BVAR] = variance(bgCol);
  model[M_FVAR] = variance(fgCol);
  [model[M_COEF], model[M_COEF + 1], model[M_COEF + 2], model[M_COEF + 3]] = coef;
  model[M_PROB] = prob;
  model[M_SUP] = gated(supportPlane(bgNc.support, fgNc.support, filled ? prob : null), prob, lw, lh, T);
  model[M_SFG] = floorPlane;
  model[M_SBG] = ceilPlane;
  // Cells are solved unless fully inside a sure region (bound 1).
  const trimap = new Uint8Array(ln);
  for (let i = 0; i < ln; i++) trimap[i] = floorPlane[i]! >= 0.999 ? 2 : ceilPlane[i]! >= 0.999 ? 0 : 1;
  return { model, trimap, bgCol, fgCol, wall };
}

/** A twentieth of a window known is enough to trust its mean colour: support × this, capped at 1. */
const SUPPORT_GAIN = 20;

/** Copies of the local wall colour planes with the overall wall colour where no wall is in reach. */
function wallWhereUnknown(
  bgCol: Float32Array[],
  support: Float32Array,
  wall: [number, number, number],
): Float32Array[] {
  const copies = [0, 1, 2].map((c) => Float32Array.from(bgCol[c]!));
  blendWhereUnsupported(
    copies,
    support,
    wall.map((v) => v / 255),
  );
  return copies;
}

/**
 * Blend each plane (in place) toward its target value where the local window holds little of what the
 * planes were averaged from: fully where `support` is 0, not at all from a twentieth of the window on.
 */
function blendWhereUnsupported(planes: Float32Array[], support: Float32Array, targets: number[]): void {
  for (let i = 0; i < support.length; i++) {
    const t = support[i]! * SUPPORT_GAIN;
    if (t >= 1) continue;
    const u = 1 - t;
    for (let c = 0; c < planes.length; c++) planes[c]![i] = t * planes[c]![i]! + u * targets[c]!;
  }
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
  blendWhereUnsupported(bgCol, support, [w[0]!, w[1]!, w[2]!, gsq]);
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

/**
 * Scale the unmixing support down where the segmentation is sure (min(p, 1−p) below probGate),
 * with p box-blurred over `gateBlur` cells so the switch does not draw the grid into the alpha.
 */
function gated(
  support: Float32Array,
  prob: Float32Array,
  w: number,
  h: number,
  T: MatteTuning,
): Float32Array {
  const p = T.gateBlur > 0 ? boxMean(prob, w, h, T.gateBlur) : prob;
  for (let i = 0; i < support.length; i++) {
    const s = support[i]! * SUPPORT_GAIN;
    const g = T.probGate > 0 ? Math.min(p[i]!, 1 - p[i]!) / T.probGate : 1;
    support[i] = (s > 1 ? 1 : s) * (g < 0 ? 0 : g > 1 ? 1 : g);
  }
  return support;
}
