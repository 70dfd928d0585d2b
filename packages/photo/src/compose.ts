/**
 * Compose the ID photo: level the pupil line, find the crown on the matte, place the head with
 * geometry.ts's solver, then render the decontaminated foreground over the flat background colour at
 * output resolution.
 */
import sharp from 'sharp';
import type { DetectedFace } from './face.js';
import { straightCrownCut } from './crown-cut.js';
import { solvePlacement, type HeadMeasures, type Placement, type TargetGeometry } from './geometry.js';
import { sideMinScale, sideTouchRows } from './side-cut.js';
import type { Point, Raster } from './types.js';
import { roundHalfUp } from './numbers.js';

/** Largest roll (degrees) we level by rotation; beyond it the photo is a retake. */
export const MAX_LEVEL_DEG = 8;
/**
 * Smallest placement margin accepted for an output (0 = a measure on its range edge, 1 = all centred).
 * Keeps the geometry inside the ranges even when another face model measures a little differently.
 */
export const MIN_PLACEMENT_MARGIN = 0.15;
/**
 * Margin a placement must keep to be enlarged so that a side edge of the source leaves the output
 * (side-cut.ts): twice the minimum, as the straight cut is a blemish and a measure near its range edge
 * risks the photo (another face model may read a few px more).
 */
export const SIDE_CUT_MIN_MARGIN = 0.3;

/**
 * A matte row belongs to the head when at least CROWN_COVER of the head band has alpha ≥ CROWN_ALPHA.
 * Loose enough that flyaway strands over the hair mass count: a reader with a ruler (or another
 * model) measures the head top from the first strands, not from the dense hair below them.
 */
const CROWN_ALPHA = 96;
export const CROWN_COVER = 0.02;

export interface HeadScan {
  /** topmost source row of the head (hair) on the matte, or -1 when the matte shows no head */
  crownRow: number;
  /** x of the crown (centre of the matte run on that row) */
  crownX: number;
  /** fraction of the head band covered by the matte on the top source row (hair cut by the top edge) */
  topEdgeCoverage: number;
  /** lowest source row where the figure still covers a good part of the body band */
  bodyBottomRow: number;
  /** the hair's top runs along a straight line: cut by a border inside the picture (crown-cut.ts) */
  straightCut: boolean;
}

/**
 * The columns above the face where the head is looked for (cheeks ± 20 % of the face width, clipped to
 * the image) and the row the upward walk starts from (the forehead landmark).
 */
export function headBand(
  face: DetectedFace,
  W: number,
  H: number,
): { x0: number; x1: number; band: number; startY: number; fw: number } {
  const lm = face.landmarks;
  const fw = Math.max(1, lm.cheekRight.x - lm.cheekLeft.x);
  const x0 = Math.max(0, Math.floor(lm.cheekLeft.x - 0.2 * fw));
  const x1 = Math.min(W - 1, Math.ceil(lm.cheekRight.x + 0.2 * fw));
  const startY = Math.min(H - 1, Math.max(0, Math.round(lm.forehead.y)));
  return { x0, x1, band: Math.max(1, x1 - x0 + 1), startY, fw };
}

/**
 * Scan the matte for the top of the head above the face and for the bottom of the figure. With the image,
 * a crown cut by a flat border inside the picture is recognised from a shorter straight stretch.
 */
export function scanHead(alpha: Raster, face: DetectedFace, image?: Raster): HeadScan {
  const { width: W, height: H, data } = alpha;
  const lm = face.landmarks;
  const { x0, x1, band, startY, fw } = headBand(face, W, H);
  const rowCount = (y: number): { n: number; sum: number } => {
    let n = 0;
    let sum = 0;
    const base = y * W;
    for (let x = x0; x <= x1; x++) {
      if (data[base + x]! >= CROWN_ALPHA) {
        n++;
        sum += x;
      }
    }
    return { n, sum };
  };
  const need = Math.max(2, CROWN_COVER * band);
  // Walk up from the forehead while head rows continue (tolerating small gaps).
  let crownRow = -1;
  let crownX = (lm.cheekLeft.x + lm.cheekRight.x) / 2;
  let gap = 0;
  const maxGap = Math.max(3, Math.round(0.02 * fw));
  for (let y = startY; y >= 0; y--) {
    const r = rowCount(y);
    if (r.n >= need) {
      crownRow = y;
      crownX = r.sum / r.n;
      gap = 0;
    } else if (++gap > maxGap) break;
  }
  const top = rowCount(0);
  // Bottom of the figure: lowest row below the chin whose coverage of a wider body band stays high.
  const bx0 = Math.max(0, Math.floor(lm.cheekLeft.x - 0.5 * fw));
  const bx1 = Math.min(W - 1, Math.ceil(lm.cheekRight.x + 0.5 * fw));
  const chinRow = Math.min(H - 1, Math.max(0, Math.round(lm.chin.y)));
  let bodyBottomRow = chinRow;
  for (let y = chinRow; y < H; y++) {
    let n = 0;
    const base = y * W;
    for (let x = bx0; x <= bx1; x++) if (data[base + x]! >= 128) n++;
    if (n >= 0.3 * (bx1 - bx0 + 1)) bodyBottomRow = y;
    else if (y - bodyBottomRow > Math.max(4, 0.05 * fw)) break;
  }
  const straightCut = straightCrownCut(alpha, { x0, x1, startY, fw }, crownRow, image);
  return { crownRow, crownX, topEdgeCoverage: top.n / band, bodyBottomRow, straightCut };
}

export interface CompositionPlan {
  /** roll (degrees) that was levelled away */
  rotation: number;
  /** rotation pivot (pupil midpoint) in source px */
  pivot: Point;
  measures: HeadMeasures;
  placement: Placement;
  /** placement ignoring the bottom edge: tells "body cropped" apart from unusual proportions */
  freePlacement: Placement;
  /** the output would have to show rows below the figure */
  bodyCropped: boolean;
  scan: HeadScan;
}

const rad = (d: number): number => (d * Math.PI) / 180;

/** Levelled-frame coordinates of a source point (rotation by `rollDeg` about `pivot`). */
export function levelPoint(p: Point, pivot: Point, rollDeg: number): Point {
  const r = rad(rollDeg);
  const c = Math.cos(r);
  const s = Math.sin(r);
  const dx = p.x - pivot.x;
  const dy = p.y - pivot.y;
  return { x: pivot.x + c * dx - s * dy, y: pivot.y + s * dx + c * dy };
}

/** Source coordinates of a levelled-frame point (inverse of levelPoint). */
export function unlevelPoint(p: Point, pivot: Point, rollDeg: number): Point {
  return levelPoint(p, pivot, -rollDeg);
}

/** Plan the composition of one face for one target geometry. */
export function planComposition(
  face: DetectedFace,
  alpha: Raster,
  g: TargetGeometry,
  scan = scanHead(alpha, face),
): CompositionPlan {
  const lm = face.landmarks;
  const roll = Math.max(-MAX_LEVEL_DEG, Math.min(MAX_LEVEL_DEG, face.pose.roll));
  const pivot = { x: (lm.pupilLeft.x + lm.pupilRight.x) / 2, y: (lm.pupilLeft.y + lm.pupilRight.y) / 2 };
  const lev = (p: Point): Point => levelPoint(p, pivot, roll);
  const cl = lev(lm.cheekLeft);
  const cr = lev(lm.cheekRight);
  const est = lev(lm.crownEstimate);
  const matteCrown = scan.crownRow >= 0 ? lev({ x: scan.crownX, y: scan.crownRow }).y : Infinity;
  // The hair top comes from the matte; if the matte lost the hair (nothing well above the forehead
  // landmark), fall back to the skull estimate from the mesh proportions.
  const fh = lev(lm.forehead);
  const eyeChin = Math.max(1, lev(lm.chin).y - pivot.y);
  const crownY = matteCrown <= fh.y - 0.25 * eyeChin ? matteCrown : Math.min(matteCrown, est.y);
  const measures: HeadMeasures = {
    crownY,
    eyeY: pivot.y,
    faceWidth: Math.hypot(cr.x - cl.x, cr.y - cl.y),
    centreX: (cl.x + cr.x) / 2,
  };
  const H = alpha.height;
  const bottomSrc = Math.min(H, scan.bodyBottomRow + 1);
  const r = rad(roll);
  const sinR = Math.abs(Math.sin(r));
  const bottomLimit = (s: number): number =>
    pivot.y +
    (bottomSrc - pivot.y + Math.sin(r) * (measures.centreX - pivot.x) - (sinR * g.width) / (2 * s)) /
      Math.cos(r);
  let placement = solvePlacement(measures, g, bottomLimit);
  // A figure running into a side edge would end on a straight line: prefer a scale that hides the edge
  // when one keeps a comfortable margin (side-cut.ts); otherwise the cut stays.
  const minScale = sideMinScale({
    touch: sideTouchRows(alpha),
    width: alpha.width,
    bottomRow: bottomSrc,
    centreX: measures.centreX,
    outputWidth: g.width,
    level: lev,
    outputBottomY: (g.height - placement.offsetY) / placement.scale,
  });
  if (minScale > placement.scale) {
    const clear = solvePlacement(measures, g, bottomLimit, minScale);
    if (clear.margin >= SIDE_CUT_MIN_MARGIN) placement = clear;
  }
  const freePlacement = solvePlacement(measures, g, () => Infinity);
  return {
    rotation: roll,
    pivot,
    measures,
    placement,
    freePlacement,
    bodyCropped: placement.margin < MIN_PLACEMENT_MARGIN && freePlacement.margin >= MIN_PLACEMENT_MARGIN,
    scan,
  };
}

/** Map an output pixel centre to source coordinates. */
export function outputToSource(plan: CompositionPlan, ox: number, oy: number): Point {
  const { scale, offsetX, offsetY } = plan.placement;
  return unlevelPoint({ x: (ox - offsetX) / scale, y: (oy - offsetY) / scale }, plan.pivot, plan.rotation);
}

/** Map a source point to output coordinates. */
export function sourceToOutput(plan: CompositionPlan, p: Point): Point {
  const { scale, offsetX, offsetY } = plan.placement;
  const l = levelPoint(p, plan.pivot, plan.rotation);
  return { x: l.x * scale + offsetX, y: l.y * scale + offsetY };
}

/** Parse '#RRGGBB' into [r, g, b]. */
export function parseHex(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) throw new Error(`not a colour: ${hex}`);
  const v = parseInt(m[1]!, 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

const INV_255 = 1 / 255;

/**
 * Render the planned output: the foreground (RGB, edge colours decontaminated) with its alpha over a
 * flat background. The region the output needs is first shrunk with a Lanczos filter to about the
 * output scale, then rotated/translated with bilinear sampling; outside the source the alpha is 0.
 */
export async function renderComposition(
  plan: CompositionPlan,
  foreground: Raster,
  alpha: Raster,
  g: { width: number; height: number },
  background: string,
): Promise<Raster> {
  const W = foreground.width;
  const H = foreground.height;
  // Source bounding box of the output.
  const corners = [
    outputToSource(plan, 0, 0),
    outputToSource(plan, g.width, 0),
    outputToSource(plan, 0, g.height),
    outputToSource(plan, g.width, g.height),
  ];
  const bx0 = Math.max(0, Math.floor(Math.min(...corners.map((p) => p.x))) - 2);
  const by0 = Math.max(0, Math.floor(Math.min(...corners.map((p) => p.y))) - 2);
  const bx1 = Math.min(W, Math.ceil(Math.max(...corners.map((p) => p.x))) + 2);
  const by1 = Math.min(H, Math.ceil(Math.max(...corners.map((p) => p.y))) + 2);
  const [br, bg, bb] = parseHex(background);
  const out = new Uint8Array(g.width * g.height * 3);
  for (let i = 0; i < out.length; i += 3) {
    out[i] = br;
    out[i + 1] = bg;
    out[i + 2] = bb;
  }
  const result: Raster = { data: out, width: g.width, height: g.height, channels: 3 };
  if (bx1 <= bx0 || by1 <= by0) return result;
  const rw = bx1 - bx0;
  const rh = by1 - by0;
  const rgba = Buffer.alloc(rw * rh * 4);
  const fd = foreground.data;
  const ad = alpha.data;
  for (let y = 0, di = 0; y < rh; y++) {
    for (let si = (y + by0) * W + bx0, end = si + rw; si < end; si++, di += 4) {
      rgba[di] = fd[si * 3]!;
      rgba[di + 1] = fd[si * 3 + 1]!;
      rgba[di + 2] = fd[si * 3 + 2]!;
      rgba[di + 3] = ad[si]!;
    }
  }
  // Shrink to the output scale first when the source is finer than the output (antialiasing).
  const k = Math.min(1, plan.placement.scale * 1.05);
  let region: Raster = { data: rgba, width: rw, height: rh, channels: 4 };
  let fx = 1;
  let fy = 1;
  if (k < 0.95) {
    const nw = Math.max(1, Math.round(rw * k));
    const nh = Math.max(1, Math.round(rh * k));
    const buf = await sharp(rgba, { raw: { width: rw, height: rh, channels: 4 } })
      .resize(nw, nh, { fit: 'fill', kernel: 'lanczos3' })
      .raw()
      .toBuffer();
    region = {
      data: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength),
      width: nw,
      height: nh,
      channels: 4,
    };
    fx = nw / rw;
    fy = nh / rh;
  }
  const d = region.data;
  const rW = region.width;
  const rH = region.height;
  // Output pixel centre → source point → region pixel coordinates.
  const o = outputToSource(plan, 0.5, 0.5);
  const ex = outputToSource(plan, 1.5, 0.5);
  const ey = outputToSource(plan, 0.5, 1.5);
  const dxx = (ex.x - o.x) * fx;
  const dxy = (ex.y - o.y) * fy;
  const dyx = (ey.x - o.x) * fx;
  const dyy = (ey.y - o.y) * fy;
  const ox0 = (o.x - bx0) * fx - 0.5;
  const oy0 = (o.y - by0) * fy - 0.5;
  // Where the region touches the image edge, pixels beyond it are background (no clamped smear).
  const openL = bx0 === 0;
  const openT = by0 === 0;
  const openR = bx1 === W;
  const openB = by1 === H;
  for (let oy = 0; oy < g.height; oy++) {
    let sx = ox0 + dyx * oy;
    let sy = oy0 + dyy * oy;
    for (let ox = 0; ox < g.width; ox++, sx += dxx, sy += dxy) {
      if (sx < -1 || sy < -1 || sx > rW || sy > rH) continue;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const tx = sx - x0;
      const ty = sy - y0;
      let a = 0;
      let r = 0;
      let gg = 0;
      let b = 0;
      if (x0 >= 0 && y0 >= 0 && x0 + 1 < rW && y0 + 1 < rH) {
        // Inside the region: the four taps in the same order as below, without the edge rules.
        const i0 = (y0 * rW + x0) * 4;
        const i2 = i0 + rW * 4;
        const a0 = d[i0 + 3]! * ((1 - tx) * (1 - ty));
        const a1 = d[i0 + 7]! * (tx * (1 - ty));
        const a2 = d[i2 + 3]! * ((1 - tx) * ty);
        const a3 = d[i2 + 7]! * (tx * ty);
        a = a0 + a1 + a2 + a3;
        if (a <= 0) continue;
        r = d[i0]! * a0 + d[i0 + 4]! * a1 + d[i2]! * a2 + d[i2 + 4]! * a3;
        gg = d[i0 + 1]! * a0 + d[i0 + 5]! * a1 + d[i2 + 1]! * a2 + d[i2 + 5]! * a3;
        b = d[i0 + 2]! * a0 + d[i0 + 6]! * a1 + d[i2 + 2]! * a2 + d[i2 + 6]! * a3;
      } else {
        for (let j = 0; j < 4; j++) {
          const xx = x0 + (j & 1);
          const yy = y0 + (j >> 1);
          const w = (j & 1 ? tx : 1 - tx) * (j >> 1 ? ty : 1 - ty);
          if (w === 0) continue;
          let cx = xx;
          let cy = yy;
          if (cx < 0) {
            if (openL) continue;
            cx = 0;
          }
          if (cy < 0) {
            if (openT) continue;
            cy = 0;
          }
          if (cx >= rW) {
            if (openR) continue;
            cx = rW - 1;
          }
          if (cy >= rH) {
            if (openB) continue;
            cy = rH - 1;
          }
          const i = (cy * rW + cx) * 4;
          const al = d[i + 3]! * w;
          a += al;
          r += d[i]! * al;
          gg += d[i + 1]! * al;
          b += d[i + 2]! * al;
        }
      }
      if (a <= 0) continue;
      // The colour sums are weighted by alpha already: (r / a) · (a / 255) is r / 255.
      const keep = 1 - a * INV_255;
      const oi = (oy * g.width + ox) * 3;
      out[oi] = roundHalfUp(r * INV_255 + br * keep);
      out[oi + 1] = roundHalfUp(gg * INV_255 + bg * keep);
      out[oi + 2] = roundHalfUp(b * INV_255 + bb * keep);
    }
  }
  return result;
}
