/**
 * Conversion of decoded HEIF pixels to sRGB. iPhones tag HEIC photos Display P3 (an ICC profile or an nclx
 * box). libheif returns the numbers as stored, so they are converted here: linearise with the sRGB curve
 * (P3 uses it too), apply the 3x3 primaries matrix, re-encode. Matrix/TRC ICC profiles only; anything else
 * is left as is (treated as sRGB). JPEG/PNG/WebP profiles are handled by sharp/lcms instead.
 */
import type { HeifColour } from './heif-boxes.js';
import type { Raster } from './types.js';

export type Mat3 = [number, number, number, number, number, number, number, number, number];

/** sRGB primaries, D50-adapted as in ICC profiles (columns: rXYZ, gXYZ, bXYZ). */
const SRGB_D50: Mat3 = [0.4360747, 0.3850649, 0.1430804, 0.2225045, 0.7168786, 0.0606169, 0.0139322, 0.0971045, 0.7141733];
/** Display P3 (D65) to sRGB, linear light. */
const P3_TO_SRGB: Mat3 = [1.2249401, -0.2249404, 0, -0.0420569, 1.0420571, 0, -0.0196376, -0.0786361, 1.0982735];

function invert(m: Mat3): Mat3 {
  const [a, b, c, d, e, f, g, h, i] = m;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [
    A / det, -(b * i - c * h) / det, (b * f - c * e) / det,
    B / det, (a * i - c * g) / det, -(a * f - c * d) / det,
    C / det, -(a * h - b * g) / det, (a * e - b * d) / det,
  ];
}

function multiply(x: Mat3, y: Mat3): Mat3 {
  const r = new Array<number>(9).fill(0);
  for (let row = 0; row < 3; row++) {
    for (let col = 0; col < 3; col++) {
      let s = 0;
      for (let k = 0; k < 3; k++) s += x[row * 3 + k]! * y[k * 3 + col]!;
      r[row * 3 + col] = s;
    }
  }
  return r as Mat3;
}

function s15Fixed16(b: Uint8Array, o: number): number {
  const v = ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >> 0;
  return v / 65536;
}

/** RGB→XYZ(D50) matrix of a matrix/TRC ICC profile (rXYZ/gXYZ/bXYZ tags), or null. */
export function iccPrimariesMatrix(icc: Uint8Array): Mat3 | null {
  if (icc.length < 132) return null;
  const u32 = (o: number) => ((icc[o]! << 24) >>> 0) + (icc[o + 1]! << 16) + (icc[o + 2]! << 8) + icc[o + 3]!;
  const count = u32(128);
  if (count > 200 || 132 + count * 12 > icc.length) return null;
  const tags: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const o = 132 + i * 12;
    const sig = String.fromCharCode(icc[o]!, icc[o + 1]!, icc[o + 2]!, icc[o + 3]!);
    tags[sig] = u32(o + 4);
  }
  const cols: number[][] = [];
  for (const t of ['rXYZ', 'gXYZ', 'bXYZ']) {
    const off = tags[t];
    if (off === undefined || off + 20 > icc.length) return null;
    cols.push([s15Fixed16(icc, off + 8), s15Fixed16(icc, off + 12), s15Fixed16(icc, off + 16)]);
  }
  const [r, g, b] = cols as [number[], number[], number[]];
  return [r[0]!, g[0]!, b[0]!, r[1]!, g[1]!, b[1]!, r[2]!, g[2]!, b[2]!];
}

function srgbEotf(c: number): number {
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** A tone curve (`curv` or `para`) of an ICC profile as a function, or null when unreadable. */
function iccCurve(icc: Uint8Array, off: number): ((x: number) => number) | null {
  if (off + 12 > icc.length) return null;
  const type = String.fromCharCode(icc[off]!, icc[off + 1]!, icc[off + 2]!, icc[off + 3]!);
  const u16 = (o: number) => (icc[o]! << 8) | icc[o + 1]!;
  const u32 = (o: number) => ((icc[o]! << 24) >>> 0) + (icc[o + 1]! << 16) + (icc[o + 2]! << 8) + icc[o + 3]!;
  if (type === 'curv') {
    const n = u32(off + 8);
    if (n === 0) return (x) => x;
    if (n === 1) {
      const g = u16(off + 12) / 256;
      return (x) => x ** g;
    }
    if (off + 12 + 2 * n > icc.length) return null;
    return (x) => {
      const p = Math.min(1, Math.max(0, x)) * (n - 1);
      const i = Math.min(n - 2, Math.floor(p));
      const f = p - i;
      return (u16(off + 12 + 2 * i) * (1 - f) + u16(off + 14 + 2 * i) * f) / 65535;
    };
  }
  if (type === 'para') {
    const fn = u16(off + 8);
    const counts = [1, 3, 4, 5, 7];
    if (fn > 4 || off + 12 + 4 * counts[fn]! > icc.length) return null;
    const p = Array.from({ length: counts[fn]! }, (_, i) => s15Fixed16(icc, off + 12 + 4 * i));
    const [g, a = 1, b = 0, c = 0, d = 0, e = 0, f = 0] = p as [number, ...number[]];
    switch (fn) {
      case 0:
        return (x) => x ** g;
      case 1:
        return (x) => (x >= -b / a ? (a * x + b) ** g : 0);
      case 2:
        return (x) => (x >= -b / a ? (a * x + b) ** g + c : c);
      case 3:
        return (x) => (x >= d ? (a * x + b) ** g : c * x);
      default:
        return (x) => (x >= d ? (a * x + b) ** g + e : c * x + f);
    }
  }
  return null;
}

export type IccClass = { kind: 'srgb' } | { kind: 'matrix'; matrix: Mat3 } | { kind: 'other' };

/**
 * Sort an embedded ICC profile: `srgb` (sRGB primaries and curve: nothing to do), `matrix` (RGB matrix/TRC
 * profile with the sRGB curve but other primaries, e.g. Display P3: a 3x3 matrix in linear light converts
 * it), or `other` (needs a full colour-management transform).
 */
export function classifyIcc(icc: Uint8Array): IccClass {
  if (icc.length < 132) return { kind: 'other' };
  const space = String.fromCharCode(icc[16]!, icc[17]!, icc[18]!, icc[19]!);
  if (space !== 'RGB ') return { kind: 'other' };
  const u32 = (o: number) => ((icc[o]! << 24) >>> 0) + (icc[o + 1]! << 16) + (icc[o + 2]! << 8) + icc[o + 3]!;
  const count = u32(128);
  if (count > 200 || 132 + count * 12 > icc.length) return { kind: 'other' };
  const tags: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const o = 132 + i * 12;
    tags[String.fromCharCode(icc[o]!, icc[o + 1]!, icc[o + 2]!, icc[o + 3]!)] = u32(o + 4);
  }
  if (tags.A2B0 !== undefined || tags.A2B1 !== undefined) return { kind: 'other' }; // LUT-based profile
  const src = iccPrimariesMatrix(icc);
  if (!src) return { kind: 'other' };
  for (const t of ['rTRC', 'gTRC', 'bTRC']) {
    const off = tags[t];
    const curve = off === undefined ? null : iccCurve(icc, off);
    if (!curve) return { kind: 'other' };
    for (let x = 0.05; x <= 1.0001; x += 0.05) if (Math.abs(curve(x) - srgbEotf(x)) > 0.004) return { kind: 'other' };
  }
  const m = multiply(invert(SRGB_D50), src);
  return isIdentity(m) ? { kind: 'srgb' } : { kind: 'matrix', matrix: m };
}

function isIdentity(m: Mat3): boolean {
  const identity = [1, 0, 0, 0, 1, 0, 0, 0, 1];
  return Math.max(...m.map((v, i) => Math.abs(v - identity[i]!))) < 0.01;
}

/** The linear-light matrix that takes a HEIF's primaries to sRGB, or null when none is needed/known. */
export function heifToSrgbMatrix(colour: HeifColour | null): Mat3 | null {
  if (!colour) return null;
  let m: Mat3 | null = null;
  if (colour.type === 'nclx') {
    if (colour.primaries === 12) m = P3_TO_SRGB;
  } else {
    // libheif-js has no colour management: use the profile's primaries (the curve is taken as sRGB's).
    const src = iccPrimariesMatrix(colour.icc);
    if (src) m = multiply(invert(SRGB_D50), src);
  }
  return m && !isIdentity(m) ? m : null;
}

let toLinear: Float32Array | null = null;
let fromLinear: Uint8Array | null = null;
const LIN_STEPS = 4096;

function tables(): { toLin: Float32Array; fromLin: Uint8Array } {
  if (!toLinear || !fromLinear) {
    toLinear = new Float32Array(256);
    for (let i = 0; i < 256; i++) {
      const c = i / 255;
      toLinear[i] = c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }
    fromLinear = new Uint8Array(LIN_STEPS + 1);
    for (let i = 0; i <= LIN_STEPS; i++) {
      const l = i / LIN_STEPS;
      const c = l <= 0.0031308 ? l * 12.92 : 1.055 * l ** (1 / 2.4) - 0.055;
      fromLinear[i] = Math.round(Math.min(1, Math.max(0, c)) * 255);
    }
  }
  return { toLin: toLinear, fromLin: fromLinear };
}

/** Apply a linear-light 3x3 matrix to an RGB(A) raster in place (integer tables: ~10 ns per pixel). */
export function applyLinearMatrix(img: Raster, m: Mat3): void {
  if (img.channels < 3) return;
  const { toLin, fromLin } = tables();
  // t[k][v] = m[k] · linear(v) · LIN_STEPS, so a pixel costs 9 table reads and integer adds.
  const t = m.map((coef) => {
    const row = new Int32Array(256);
    for (let v = 0; v < 256; v++) row[v] = Math.round(coef * toLin[v]! * LIN_STEPS);
    return row;
  });
  const [t0, t1, t2, t3, t4, t5, t6, t7, t8] = t as [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];
  const d = img.data;
  const step = img.channels;
  const n = d.length;
  for (let i = 0; i < n; i += step) {
    const r = d[i]!;
    const g = d[i + 1]!;
    const b = d[i + 2]!;
    let R = t0[r]! + t1[g]! + t2[b]!;
    let G = t3[r]! + t4[g]! + t5[b]!;
    let B = t6[r]! + t7[g]! + t8[b]!;
    R = R < 0 ? 0 : R > LIN_STEPS ? LIN_STEPS : R;
    G = G < 0 ? 0 : G > LIN_STEPS ? LIN_STEPS : G;
    B = B < 0 ? 0 : B > LIN_STEPS ? LIN_STEPS : B;
    d[i] = fromLin[R]!;
    d[i + 1] = fromLin[G]!;
    d[i + 2] = fromLin[B]!;
  }
}
