/**
 * Guided filter (He, Sun, Tang 2010): edge-aware smoothing of `p` steered by an image guide.
 * Used to snap the coarse person mask to the image's real edges. Colour-guide version solves a
 * 3×3 system per pixel so edges that differ only in hue (skin vs. a beige wall) are kept.
 */
import { boxMean } from './matte-ops.js';

/**
 * Grey-guide guided filter coefficients: q = A·guide + B, returned as [A, B] (window means).
 * guide and p are planes of w×h (guide scaled 0…1).
 */
export function guidedCoefficientsGray(
  guide: Float32Array,
  p: Float32Array,
  w: number,
  h: number,
  r: number,
  eps: number,
): [Float32Array, Float32Array] {
  const n = w * h;
  const tmp = new Float32Array(n);
  const meanI = boxMean(guide, w, h, r, undefined, tmp);
  const meanP = boxMean(p, w, h, r, undefined, tmp);
  const prod = new Float32Array(n);
  for (let i = 0; i < n; i++) prod[i] = guide[i]! * p[i]!;
  const corrIP = boxMean(prod, w, h, r, undefined, tmp);
  for (let i = 0; i < n; i++) prod[i] = guide[i]! * guide[i]!;
  const corrII = boxMean(prod, w, h, r, undefined, tmp);
  const a = new Float32Array(n);
  const b = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const mi = meanI[i]!;
    const ai = (corrIP[i]! - mi * meanP[i]!) / (corrII[i]! - mi * mi + eps);
    a[i] = ai;
    b[i] = meanP[i]! - ai * mi;
  }
  return [boxMean(a, w, h, r, undefined, tmp), boxMean(b, w, h, r, undefined, tmp)];
}

/** Grey-guide guided filter of p (same resolution). */
export function guidedFilterGray(
  guide: Float32Array,
  p: Float32Array,
  w: number,
  h: number,
  r: number,
  eps: number,
): Float32Array {
  const [A, B] = guidedCoefficientsGray(guide, p, w, h, r, eps);
  const q = new Float32Array(w * h);
  for (let i = 0; i < q.length; i++) q[i] = A[i]! * guide[i]! + B[i]!;
  return q;
}

/**
 * Colour-guide guided filter. `guide` holds three planes (R, G, B scaled 0…1) of w×h.
 * Returns the per-pixel linear coefficients' means (ar, ag, ab, b) so callers can apply them at
 * another resolution (fast guided filter), or use `applyGuided` for the same resolution.
 */
export function guidedCoefficientsColor(
  guide: Float32Array[],
  p: Float32Array,
  w: number,
  h: number,
  r: number,
  eps: number,
): Float32Array[] {
  const n = w * h;
  const [R, G, B] = guide as [Float32Array, Float32Array, Float32Array];
  const tmp = new Float32Array(n);
  const prod = new Float32Array(n);
  const mean = (src: Float32Array): Float32Array => boxMean(src, w, h, r, undefined, tmp);
  const meanOfProduct = (x: Float32Array, y: Float32Array): Float32Array => mean(productInto(x, y, prod));
  const mR = mean(R);
  const mG = mean(G);
  const mB = mean(B);
  const mP = mean(p);
  const cRP = meanOfProduct(R, p);
  const cGP = meanOfProduct(G, p);
  const cBP = meanOfProduct(B, p);
  const cRR = meanOfProduct(R, R);
  const cRG = meanOfProduct(R, G);
  const cRB = meanOfProduct(R, B);
  const cGG = meanOfProduct(G, G);
  const cGB = meanOfProduct(G, B);
  const cBB = meanOfProduct(B, B);
  const aR = new Float32Array(n);
  const aG = new Float32Array(n);
  const aB = new Float32Array(n);
  const bb = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const mr = mR[i]!;
    const mg = mG[i]!;
    const mb = mB[i]!;
    const mp = mP[i]!;
    const covR = cRP[i]! - mr * mp;
    const covG = cGP[i]! - mg * mp;
    const covB = cBP[i]! - mb * mp;
    const rr = cRR[i]! - mr * mr + eps;
    const rg = cRG[i]! - mr * mg;
    const rb = cRB[i]! - mr * mb;
    const gg = cGG[i]! - mg * mg + eps;
    const gb = cGB[i]! - mg * mb;
    const bbv = cBB[i]! - mb * mb + eps;
    // Inverse of the symmetric 3×3 covariance (+eps·I) by cofactors.
    const i00 = gg * bbv - gb * gb;
    const i01 = gb * rb - rg * bbv;
    const i02 = rg * gb - gg * rb;
    const i11 = rr * bbv - rb * rb;
    const i12 = rb * rg - rr * gb;
    const i22 = rr * gg - rg * rg;
    const det = rr * i00 + rg * i01 + rb * i02;
    const inv = 1 / det;
    const ar = (i00 * covR + i01 * covG + i02 * covB) * inv;
    const ag = (i01 * covR + i11 * covG + i12 * covB) * inv;
    const ab = (i02 * covR + i12 * covG + i22 * covB) * inv;
    aR[i] = ar;
    aG[i] = ag;
    aB[i] = ab;
    bb[i] = mp - ar * mr - ag * mg - ab * mb;
  }
  return [mean(aR), mean(aG), mean(aB), mean(bb)];
}

/** out = x·y element by element (a plain function: V8 keeps its optimised code from photo to photo). */
function productInto(x: Float32Array, y: Float32Array, out: Float32Array): Float32Array {
  for (let i = 0; i < out.length; i++) out[i] = x[i]! * y[i]!;
  return out;
}

/** q = aR·R + aG·G + aB·B + b, with coefficient planes at the guide's resolution. */
export function applyGuided(guide: Float32Array[], coef: Float32Array[], n: number): Float32Array {
  const [R, G, B] = guide as [Float32Array, Float32Array, Float32Array];
  const [aR, aG, aB, b] = coef as [Float32Array, Float32Array, Float32Array, Float32Array];
  const q = new Float32Array(n);
  for (let i = 0; i < n; i++) q[i] = aR[i]! * R[i]! + aG[i]! * G[i]! + aB[i]! * B[i]! + b[i]!;
  return q;
}
