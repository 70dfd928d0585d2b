/**
 * Straight cuts at the sides. Where the figure (a shoulder, an arm, long hair) runs into the source's left
 * or right edge, an output window reaching past that edge shows the person ending on a vertical line
 * against the flat new background: common in selfies, where the arm's length frames the shoulders tightly.
 * A slightly larger scale (a larger face, still inside its range) keeps the edge outside the output. This
 * module finds where the figure touches the sides and the smallest scale that hides those edges.
 */
import type { Point, Raster } from './types.js';

/** Alpha from which an edge pixel belongs to the figure. */
const FIGURE_ALPHA = 128;
/** A touch counts from this many consecutive rows (share of the height; at least 3 rows). */
const MIN_RUN = 0.01;

/** Topmost source row where the figure touches the left / right edge (-1 where it does not). */
export interface SideTouch {
  left: number;
  right: number;
}

function topmostRun(alpha: Raster, x: number): number {
  const { width: W, height: H, data } = alpha;
  const need = Math.max(3, Math.round(MIN_RUN * H));
  let run = 0;
  for (let y = 0; y < H; y++) {
    if (data[y * W + x]! >= FIGURE_ALPHA) {
      if (++run >= need) return y - run + 1;
    } else run = 0;
  }
  return -1;
}

export function sideTouchRows(alpha: Raster): SideTouch {
  return { left: topmostRun(alpha, 0), right: topmostRun(alpha, alpha.width - 1) };
}

export interface SideFrame {
  touch: SideTouch;
  /** source width, px */
  width: number;
  /** lowest source row the output may show (the figure's bottom) */
  bottomRow: number;
  /** face centre x in the levelled frame */
  centreX: number;
  /** output width, px */
  outputWidth: number;
  /** source point → levelled frame (the rotation that levels the pupil line) */
  level: (p: Point) => Point;
  /** levelled y below which the output shows nothing (at the scale found without this constraint) */
  outputBottomY: number;
}

/**
 * Smallest scale at which the output, centred on the face, stays inside the source's side edges along
 * the rows where the figure touches them (0 when nothing touches a side inside the output).
 */
export function sideMinScale(f: SideFrame): number {
  let s = 0;
  const need = (x: number, top: number, side: 1 | -1): void => {
    const a = f.level({ x, y: top });
    const b = f.level({ x, y: f.bottomRow });
    if (Math.min(a.y, b.y) >= f.outputBottomY) return;
    // the edge segment's innermost point in the levelled frame
    const room = side === 1 ? f.centreX - Math.max(a.x, b.x) : Math.min(a.x, b.x) - f.centreX;
    s = Math.max(s, room > 0 ? f.outputWidth / (2 * room) : Infinity);
  };
  if (f.touch.left >= 0) need(0, f.touch.left, 1);
  if (f.touch.right >= 0) need(f.width, f.touch.right, -1);
  return s;
}
