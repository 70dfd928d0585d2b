/**
 * How much of the head's top outline rests on a half-believed segmentation. Above a real head the
 * segmentation is sure of the hair almost up to the matte's crown (on the 45 review portraits the gap is
 * at most 0.07 of the face height, dark hair on a dark wall included). Where a piece of background that
 * looks like hair (bright bokeh behind blond hair) joins the head, the matte's crown climbs well above
 * the last row the segmentation is sure of: the top of the head, and with it the placement, can't be
 * trusted.
 */
import { headBand, scanHead } from './compose.js';
import type { DetectedFace } from './face.js';
import type { CoarseMask } from './segment.js';
import type { Raster } from './types.js';

/** Probability from which the segmentation counts as sure of the person. */
const SURE = 0.9;

/** Topmost row (in image px) above the forehead where the head band is still covered, or -1. */
function crownOf(covered: (y: number) => number, startY: number, need: number, maxGap: number): number {
  let crown = -1;
  let gap = 0;
  for (let y = startY; y >= 0; y--) {
    if (covered(y) >= need) {
      crown = y;
      gap = 0;
    } else if (++gap > maxGap) break;
  }
  return crown;
}

/**
 * (sure crown − matte crown) / face height: the share of the face height between the top of the
 * matte and the top of what the segmentation is sure of, over the head band (cheeks ± 20 %).
 */
export function crownDoubt(alpha: Raster, coarse: CoarseMask, face: DetectedFace): number {
  const { width: W, height: H } = alpha;
  // the same head band as scanHead; sure rows must cover 4 % of it (calibrated on the review portraits)
  const { x0, x1, band, startY } = headBand(face, W, H);
  const need = Math.max(2, 0.04 * band);
  const matteCrown = scanHead(alpha, face).crownRow;
  if (matteCrown < 0) return 0;
  // The same walk on the probability grid, counted in image columns.
  const gx = W / coarse.width;
  const gy = H / coarse.height;
  const c0 = Math.max(0, Math.floor(x0 / gx));
  const c1 = Math.min(coarse.width - 1, Math.floor(x1 / gx));
  const sureRow = crownOf(
    (r) => {
      let n = 0;
      for (let c = c0; c <= c1; c++) if (coarse.prob[r * coarse.width + c]! >= SURE) n++;
      return n * gx;
    },
    Math.min(coarse.height - 1, Math.floor(startY / gy)),
    need,
    1,
  );
  const sureCrown = sureRow < 0 ? startY : sureRow * gy;
  return Math.max(0, sureCrown - matteCrown) / Math.max(1, face.box.height);
}
