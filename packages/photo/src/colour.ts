/**
 * Conversion of decoded HEIF pixels to sRGB. iPhones tag HEIC photos Display P3 (an ICC profile or an nclx
 * box). libheif returns the numbers as stored, so they are converted here: linearise with the sRGB curve
 * (P3 uses it too), apply the 3x3 primaries matrix, re-encode. Matrix/TRC ICC profiles only; anything else
 * is left as is (treated as sRGB). JPEG/PNG/WebP profiles are handled by sharp/lcms instead.
 */
import type { HeifColour } from './heif-boxes.js';
import type { Raster } from './types.js';

type Mat3 = [number, number, number, number, number, number, number, number, number];

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

/** The linear-light matrix that takes the file's primaries to sRGB, or null when none is needed/known. */
export function heifToSrgbMatrix(colour: HeifColour | null): Mat3 | null {
  if (!colour) return null;
  let m: Mat3 | null = null;
  if (colour.type === 'nclx') {
    if (colour.primaries === 12) m = P3_TO_SRGB;
  } else {
    const src = iccPrimariesMatrix(colour.icc);
    if (src) m = multiply(invert(SRGB_D50), src);
  }
  if (!m) return null;
  const identity = [1, 0, 0, 0, 1, 0, 0, 0, 1];
  const off = Math.max(...m.map((v, i) => Math.abs(v - identity[i]!)));
  return off < 0.01 ? null : m;
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

/** Apply a linear-light 3x3 matrix to an RGB(A) raster in place. */
export function applyLinearMatrix(img: Raster, m: Mat3): void {
  if (img.channels < 3) return;
  const { toLin, fromLin } = tables();
  const d = img.data;
  const step = img.channels;
  const clamp = (v: number) => (v <= 0 ? 0 : v >= 1 ? LIN_STEPS : Math.round(v * LIN_STEPS));
  for (let i = 0; i < d.length; i += step) {
    const r = toLin[d[i]!]!;
    const g = toLin[d[i + 1]!]!;
    const b = toLin[d[i + 2]!]!;
    d[i] = fromLin[clamp(m[0] * r + m[1] * g + m[2] * b)]!;
    d[i + 1] = fromLin[clamp(m[3] * r + m[4] * g + m[5] * b)]!;
    d[i + 2] = fromLin[clamp(m[6] * r + m[7] * g + m[8] * b)]!;
  }
}
