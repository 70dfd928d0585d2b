/**
 * A crown cut along a straight line inside the picture. A photo that was rotated, shifted or pasted onto a
 * flat border (an "aligned" portrait, a screenshot, a collage) can end above the head on a line that is not
 * the image edge: the matte then finds wall above the hair, and the head seems complete. A real head's top is
 * a dome: on the 81 review faces the longest stretch of the hair's top outline that stays within 1.5 px of
 * one straight line spans at most 0.33 face widths (on the 1024 px working image). Hair cut by a border
 * lies on that line for the width of the hair at the cut: 0.48–1.15 face widths on the three such photos of
 * the review sets (padding of rotated, "aligned" portraits), 0.41 for a photo cut 30 px into the hair and
 * pasted onto white. From 0.4 on, the strip above the line must also be flat as only a border is: 1.0 on
 * those, at most 0.81 above the natural heads.
 */
import type { Raster } from './types.js';

/** Share of the face width the straight stretch must span. */
export const STRAIGHT_CUT_SPAN = 0.6;
/** Largest distance (px) of the outline from the fitted line. */
const LINE_TOLERANCE = 1.5;
/** Below this face width (px) a 1.5 px tolerance is too coarse for the test. */
const MIN_FACE_WIDTH = 80;

export interface CrownBand {
  /** columns of the head band (inclusive) */
  x0: number;
  x1: number;
  /** the row the walk up the head starts from (forehead) */
  startY: number;
  /** face width in px */
  fw: number;
}

/**
 * Top of the hair in each column of the band: the first row of the unbroken run of alpha ≥ 128 that
 * reaches up from the forehead row, or NaN where the forehead row itself is not covered.
 */
export function hairTops(alpha: Raster, band: CrownBand): Float64Array {
  const { width: W, data } = alpha;
  const tops = new Float64Array(band.x1 - band.x0 + 1);
  for (let x = band.x0; x <= band.x1; x++) {
    let y = band.startY;
    if (data[y * W + x]! < 128) {
      tops[x - band.x0] = NaN;
      continue;
    }
    while (y > 0 && data[(y - 1) * W + x]! >= 128) y--;
    tops[x - band.x0] = y;
  }
  return tops;
}

/** Largest difference (levels, any channel) from the strip's median colour of a pixel of a flat border. */
const FLAT_LEVELS = 2;

/** A straight stretch of the hair's top outline: its first column (band-relative) and line y = slope·k + icpt. */
interface Stretch {
  i: number;
  length: number;
  slope: number;
  icpt: number;
}

/**
 * The first stretch of `span` face widths where the hair's top outline stays within LINE_TOLERANCE of one
 * straight line and reaches the crown, or null.
 */
export function straightStretch(tops: Float64Array, band: CrownBand, crownRow: number, span: number): Stretch | null {
  const n = tops.length;
  const L = Math.round(span * band.fw);
  if (L < 3 || L > n) return null;
  for (let i = 0; i + L <= n; i += 2) {
    // Least-squares line over columns i … i+L−1 (x relative to i).
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let sxy = 0;
    let minY = Infinity;
    let valid = true;
    for (let k = 0; k < L; k++) {
      const y = tops[i + k]!;
      if (Number.isNaN(y)) {
        valid = false;
        break;
      }
      sx += k;
      sy += y;
      sxx += k * k;
      sxy += k * y;
      if (y < minY) minY = y;
    }
    if (!valid || minY > crownRow + 2) continue;
    const slope = (L * sxy - sx * sy) / (L * sxx - sx * sx);
    const icpt = (sy - slope * sx) / L;
    let worst = 0;
    for (let k = 0; k < L && worst <= LINE_TOLERANCE; k++) worst = Math.max(worst, Math.abs(tops[i + k]! - (slope * k + icpt)));
    if (worst <= LINE_TOLERANCE) return { i, length: L, slope, icpt };
  }
  return null;
}

/**
 * Share of the pixels in a strip 4–10 rows above the stretch that lie within FLAT_LEVELS (every channel) of
 * the strip's median colour: about 1 for a flat border (or a clipped white wall), lower for a wall a camera
 * recorded. Null when the stretch is too close to the top edge for a strip.
 */
export function flatAbove(image: Raster, band: CrownBand, s: Stretch): number | null {
  const { width: W, height: H, channels: C, data } = image;
  const px: number[] = [];
  for (let k = 0; k < s.length; k++) {
    const x = band.x0 + s.i + k;
    const line = s.slope * k + s.icpt;
    for (let y = Math.round(line - 10); y <= Math.round(line - 4); y++) {
      if (y < 0 || y >= H) continue;
      px.push((y * W + x) * C);
    }
  }
  if (px.length < 3 * s.length) return null;
  const med: number[] = [];
  for (let c = 0; c < Math.min(3, C); c++) {
    const v = px.map((p) => data[p + c]!).sort((a, b) => a - b);
    med.push(v[v.length >> 1]!);
  }
  let near = 0;
  for (const p of px) if (med.every((m, c) => Math.abs(data[p + c]! - m) <= FLAT_LEVELS)) near++;
  return near / px.length;
}

/** From this span on, a straight stretch counts as a cut only when the strip above it is flat. */
export const FLAT_BORDER_SPAN = 0.4;
/** Share of flat pixels above the stretch that marks a border, not a wall. */
const FLAT_SHARE = 0.97;

/**
 * True when the hair's top is cut by a border inside the picture: its outline runs along one straight line
 * (within LINE_TOLERANCE) for STRAIGHT_CUT_SPAN face widths, or for FLAT_BORDER_SPAN under a flat strip.
 */
export function straightCrownCut(alpha: Raster, band: CrownBand, crownRow: number, image?: Raster): boolean {
  if (band.fw < MIN_FACE_WIDTH || crownRow < 0) return false;
  const tops = hairTops(alpha, band);
  if (straightStretch(tops, band, crownRow, STRAIGHT_CUT_SPAN)) return true;
  if (!image) return false;
  const s = straightStretch(tops, band, crownRow, FLAT_BORDER_SPAN);
  if (!s) return false;
  const flat = flatAbove(image, band, s);
  return flat !== null && flat >= FLAT_SHARE;
}
