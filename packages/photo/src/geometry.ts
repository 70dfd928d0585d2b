/**
 * Placement solver: choose the scale and offset that put head top, eye line and face width inside the
 * spec's ranges with the widest margin, keeping the face centred and never showing anything below the
 * source's bottom edge (no invented body).
 *
 * All inputs are in the *levelled* source frame (the source rotated so the pupil line is horizontal).
 * Output coordinates: x_out = scale * x + offsetX, y_out = scale * y + offsetY.
 */

export type Range = readonly [number, number];

export interface TargetGeometry {
  width: number;
  height: number;
  /** top of the head (hair) below the top edge, px */
  headTop: Range;
  /** pupil line below the top edge, px */
  eyeLine: Range;
  /** face width cheek to cheek, px */
  faceWidth: Range;
}

export interface HeadMeasures {
  /** y of the top of the hair */
  crownY: number;
  /** y of the pupil line */
  eyeY: number;
  /** cheek-to-cheek width */
  faceWidth: number;
  /** x of the face centre (mid-cheeks) */
  centreX: number;
}

export interface Placement {
  scale: number;
  offsetX: number;
  offsetY: number;
  /** the smallest normalised margin (0 = on a range edge, 1 = every measure at its range centre) */
  margin: number;
  /** resulting output measures */
  headTop: number;
  eyeLine: number;
  faceWidth: number;
}

/** Normalised margin of v inside [lo, hi]: 1 at the centre, 0 on an edge, negative outside. */
export function rangeMargin(v: number, [lo, hi]: Range): number {
  const half = (hi - lo) / 2;
  return Math.min(v - lo, hi - v) / half;
}

/**
 * Best vertical offset for a given scale: maximise min(margin(headTop), margin(eyeLine)) subject to
 * offsetY >= minOffsetY. Both margins are concave tent functions of offsetY, so the optimum is one of a
 * few breakpoints.
 */
function bestOffsetY(s: number, m: HeadMeasures, g: TargetGeometry, minOffsetY: number): { ty: number; value: number } {
  const a = s * m.crownY;
  const b = s * m.eyeY;
  const [h0, h1] = g.headTop;
  const [e0, e1] = g.eyeLine;
  const hh = (h1 - h0) / 2;
  const eh = (e1 - e0) / 2;
  const f = (ty: number): number => Math.min(rangeMargin(a + ty, g.headTop), rangeMargin(b + ty, g.eyeLine));
  const candidates = [
    (h0 + h1) / 2 - a,
    (e0 + e1) / 2 - b,
    // rising edge of one tent meets the falling edge of the other: (a+ty-h0)/hh = (e1-b-ty)/eh
    (eh * (h0 - a) + hh * (e1 - b)) / (hh + eh),
    // (h1-a-ty)/hh = (b+ty-e0)/eh
    (eh * (h1 - a) + hh * (e0 - b)) / (hh + eh),
    minOffsetY,
  ];
  let best = { ty: minOffsetY, value: -Infinity };
  for (const c of candidates) {
    const ty = Math.max(c, minOffsetY);
    const v = f(ty);
    if (v > best.value) best = { ty, value: v };
  }
  return best;
}

/**
 * Solve the placement. `bottomLimit(scale)` gives the largest levelled-frame y that may appear on the
 * output's bottom row at that scale (the source's bottom edge, allowing for rotation); the output must
 * not extend below it. Scales below `minScale` are not considered. The returned margin is negative when
 * no placement keeps every measure in range.
 */
export function solvePlacement(
  m: HeadMeasures,
  g: TargetGeometry,
  bottomLimit: (scale: number) => number,
  minScale = 0,
): Placement {
  const evalScale = (s: number): { ty: number; value: number } => {
    // y_out = s*y + ty <= height must hold at y = bottomLimit  =>  ty >= height - s*bottomLimit
    const minTy = g.height - s * bottomLimit(s);
    const best = bestOffsetY(s, m, g, minTy);
    return { ty: best.ty, value: Math.min(best.value, rangeMargin(s * m.faceWidth, g.faceWidth)) };
  };
  // Face width bounds the scale; search a little beyond so infeasible cases still find their best.
  const sLo = Math.max(minScale, (g.faceWidth[0] / m.faceWidth) * 0.9);
  const sHi = Math.max(sLo, (g.faceWidth[1] / m.faceWidth) * 1.1);
  let bestS = sLo;
  let best = evalScale(sLo);
  const steps = 240;
  for (let i = 1; i <= steps; i++) {
    const s = sLo + ((sHi - sLo) * i) / steps;
    const r = evalScale(s);
    if (r.value > best.value) {
      best = r;
      bestS = s;
    }
  }
  // Refine around the best grid point (the objective is concave in s).
  let lo = Math.max(sLo, bestS - (sHi - sLo) / steps);
  let hi = Math.min(sHi, bestS + (sHi - sLo) / steps);
  for (let i = 0; i < 40; i++) {
    const m1 = lo + (hi - lo) / 3;
    const m2 = hi - (hi - lo) / 3;
    if (evalScale(m1).value < evalScale(m2).value) lo = m1;
    else hi = m2;
  }
  const sRef = (lo + hi) / 2;
  const ref = evalScale(sRef);
  if (ref.value > best.value) {
    best = ref;
    bestS = sRef;
  }
  const s = bestS;
  return {
    scale: s,
    offsetX: g.width / 2 - s * m.centreX,
    offsetY: best.ty,
    margin: best.value,
    headTop: s * m.crownY + best.ty,
    eyeLine: s * m.eyeY + best.ty,
    faceWidth: s * m.faceWidth,
  };
}
