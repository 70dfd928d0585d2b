/**
 * Pixel measurements on and around a detected face, used by checks.ts: brightness, light balance,
 * sharpness, eye openness, eye-region darkness (sunglasses), glare, moiré.
 */
import type { DetectedFace } from './face.js';
import { MESH } from './face.js';
import { resizeTo, sampleBilinear } from './raster.js';
import type { Point, Raster } from './types.js';
import { median, roundHalfUp } from './numbers.js';

const dist = (a: Point, b: Point): number => Math.hypot(a.x - b.x, a.y - b.y);

export function faceWidth(face: DetectedFace): number {
  return dist(face.landmarks.cheekLeft, face.landmarks.cheekRight);
}

/** Luma values of a square patch centred on p with side `size` (clipped to the image). */
function patch(img: Raster, p: Point, size: number): number[] {
  const h = Math.max(1, Math.round(size / 2));
  const out: number[] = [];
  const c = img.channels;
  const cx = Math.round(p.x);
  const cy = Math.round(p.y);
  for (let y = Math.max(0, cy - h); y < Math.min(img.height, cy + h); y++) {
    for (let x = Math.max(0, cx - h); x < Math.min(img.width, cx + h); x++) {
      const i = (y * img.width + x) * c;
      out.push(
        c === 1 ? img.data[i]! : 0.299 * img.data[i]! + 0.587 * img.data[i + 1]! + 0.114 * img.data[i + 2]!,
      );
    }
  }
  return out;
}

const avg = (v: number[]): number => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : 0);

/** Skin patches: cheeks under the eyes and beside the nose (one side, the other), forehead centre, nose bridge. */
const SKIN = { sideA: [50, 117, 123], sideB: [280, 346, 352], foreheadMid: 151, noseBridge: 6 } as const;

export interface LightMeasure {
  /** mean luma of the skin patches (0…255) */
  brightness: number;
  /** share of face pixels at or above 250 */
  blownFraction: number;
  /** darker / brighter face side (cheek patches), 0…1 */
  balance: number;
}

export function measureLight(img: Raster, face: DetectedFace): LightMeasure {
  const fw = faceWidth(face);
  const m = face.mesh;
  const size = Math.max(3, 0.14 * fw);
  const a = SKIN.sideA.flatMap((i) => patch(img, m[i]!, size * 0.7));
  const b = SKIN.sideB.flatMap((i) => patch(img, m[i]!, size * 0.7));
  const mid = [...patch(img, m[SKIN.foreheadMid]!, size), ...patch(img, m[SKIN.noseBridge]!, size * 0.6)];
  const all = [...a, ...b, ...mid];
  const ma = median(a);
  const mb = median(b);
  return {
    brightness: avg(all),
    blownFraction: all.filter((v) => v >= 250).length / Math.max(1, all.length),
    balance: Math.min(ma, mb) / Math.max(1, Math.max(ma, mb)),
  };
}

/** Eye aspect ratio (mean of both eyes): ~0.25–0.35 open, below ~0.15 closed. */
export function eyeAspectRatio(face: DetectedFace): number {
  const m = face.mesh;
  const ear = (idx: readonly number[]): number => {
    const p = idx.map((i) => m[i]!);
    return (dist(p[1]!, p[5]!) + dist(p[2]!, p[4]!)) / (2 * Math.max(1e-6, dist(p[0]!, p[3]!)));
  };
  return (ear(MESH.eyeA) + ear(MESH.eyeB)) / 2;
}

/** Pixel boxes clipped to the image. */
type Box = { x0: number; y0: number; x1: number; y1: number };

/**
 * A box around each eye, in units of the eye's width w (corner to corner) from its centre: ±halfWidth·w
 * across, from `up`·w above to `down`·w below (negative: above the centre).
 */
function boxesAroundEyes(face: DetectedFace, halfWidth: number, up: number, down: number): Box[] {
  const m = face.mesh;
  return [MESH.eyeA, MESH.eyeB].map((idx) => {
    const c1 = m[idx[0]]!;
    const c2 = m[idx[3]]!;
    const w = dist(c1, c2);
    const cx = (c1.x + c2.x) / 2;
    const cy = (c1.y + c2.y) / 2;
    return { x0: cx - halfWidth * w, x1: cx + halfWidth * w, y0: cy - up * w, y1: cy + down * w };
  });
}

/** Boxes around both eyes (lens area of glasses) in image px. */
const eyeBoxes = (face: DetectedFace): Box[] => boxesAroundEyes(face, 0.75, 0.45, 0.45);

/** Bands above both eyes, between the eye opening and the brow: the upper lids, or the lenses' upper half. */
const lidBands = (face: DetectedFace): Box[] => boxesAroundEyes(face, 0.6, 0.8, -0.1);

/** Eye contours (upper then lower lid) of the canonical mesh. */
const EYE_RINGS = [
  [33, 246, 161, 160, 159, 158, 157, 173, 133, 155, 154, 153, 145, 144, 163, 7],
  [362, 398, 384, 385, 386, 387, 388, 466, 263, 249, 390, 373, 374, 380, 381, 382],
] as const;

/** The polygon's extent (minX, maxX) and the pixel rows and columns it covers inside a w×h image. */
function pixelBounds(
  poly: Point[],
  w: number,
  h: number,
): { minX: number; maxX: number; x0: number; x1: number; y0: number; y1: number } {
  const xs = poly.map((p) => p.x);
  const ys = poly.map((p) => p.y);
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  return {
    minX,
    maxX,
    x0: Math.max(0, Math.floor(minX)),
    x1: Math.min(w - 1, Math.ceil(maxX)),
    y0: Math.max(0, Math.floor(Math.min(...ys))),
    y1: Math.min(h - 1, Math.ceil(Math.max(...ys))),
  };
}

/** Even-odd point-in-polygon test. */
export function inPolygon(x: number, y: number, poly: Point[]): boolean {
  return insideRow(rowCrossings(poly, y), x);
}

/** Where the horizontal line at y crosses the polygon's edges (the crossings of the even-odd rule). */
function rowCrossings(poly: Point[], y: number): number[] {
  const xs: number[] = [];
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const a = poly[i]!;
    const b = poly[j]!;
    if (a.y > y !== b.y > y) xs.push(((b.x - a.x) * (y - a.y)) / (b.y - a.y) + a.x);
  }
  return xs;
}

/** Even-odd rule on one row: inside when an odd number of its crossings lie right of x. */
function insideRow(crossings: number[], x: number): boolean {
  let inside = false;
  for (const c of crossings) if (x < c) inside = !inside;
  return inside;
}

/**
 * Share of the pixels inside both eye contours that are bright like the white of the eye (luma at least
 * 75 % of the skin's). Open eyes show sclera; sunglasses show none.
 */
export function scleraFraction(img: Raster, face: DetectedFace, skinBrightness: number): number {
  let n = 0;
  let bright = 0;
  const c = img.channels;
  for (const ring of EYE_RINGS) {
    const poly = ring.map((i) => face.mesh[i]!);
    const b = pixelBounds(poly, img.width, img.height);
    for (let y = b.y0; y <= b.y1; y++) {
      const row = rowCrossings(poly, y + 0.5);
      for (let x = b.x0; x <= b.x1; x++) {
        if (!insideRow(row, x + 0.5)) continue;
        const i = (y * img.width + x) * c;
        const l = 0.299 * img.data[i]! + 0.587 * img.data[i + 1]! + 0.114 * img.data[i + 2]!;
        n++;
        if (l >= 0.75 * skinBrightness) bright++;
      }
    }
  }
  return n ? bright / n : 0;
}

export interface EyeRegionMeasure {
  /** eye-region mean luma divided by the skin brightness */
  relativeBrightness: number;
  /** share of eye-region pixels darker than 45 % of the skin brightness */
  darkFraction: number;
  /** share of eye-region pixels that are specular highlights (near white, brighter than skin + 70) */
  glareFraction: number;
  /**
   * share of eye-region pixels with the lower cheeks' skin colour (chromaticity within 0.04, luma within
   * 40 %). Lids and the skin around the eyes make 0.14–0.85 of the boxes on the 80 faces of the review
   * sets (0.10–0.86 while the colour came from under the eyes), clear glasses 0.4–0.8; a lens of any tint
   * or a mirror lens leaves almost none (≤ 0.06).
   */
  skinLikeFraction: number;
  /**
   * the same share in the bands above the eyes (upper lids up to the brows): 0.07–0.94 on the review
   * sets' faces, at most 0.02 under drawn-on mirror lenses, where the mesh, lost behind the lens, puts the
   * eyes at the lens's lower rim and reads them as closed.
   */
  lidSkinLikeFraction: number;
}

/**
 * Cheek points low enough that a sunglass lens rarely covers them: beside the nostrils and below the
 * cheekbones (one side, the other). The under-eye points of SKIN lie under a large lens (aviators), which
 * made the lens itself the reference "skin" colour.
 */
const LOWER_CHEEKS = [205, 50, 36, 425, 280, 266] as const;

/** Median RGB (per channel) of the lower cheek patches: robust to a strand of hair or a lens edge on one. */
export function skinColour(img: Raster, face: DetectedFace): [number, number, number] {
  const c = img.channels;
  const h = Math.max(1, Math.round(0.05 * faceWidth(face)));
  const ch: [number[], number[], number[]] = [[], [], []];
  for (const idx of LOWER_CHEEKS) {
    const p = face.mesh[idx]!;
    for (let y = Math.max(0, Math.round(p.y) - h); y < Math.min(img.height, Math.round(p.y) + h); y++) {
      for (let x = Math.max(0, Math.round(p.x) - h); x < Math.min(img.width, Math.round(p.x) + h); x++) {
        const i = (y * img.width + x) * c;
        for (let k = 0; k < 3; k++) ch[k].push(img.data[i + (c >= 3 ? k : 0)]!);
      }
    }
  }
  return [median(ch[0]), median(ch[1]), median(ch[2])];
}

/**
 * How coloured the skin is: max − min of its median R, G, B (`skinColour`, the lower cheeks; 0 for a
 * black-and-white photo, whatever channels it is stored in). Colour photos of the quality sets read 9–90;
 * the palest, a whitened high-key magazine portrait, 9.
 */
export function skinChroma(skin: [number, number, number]): number {
  return Math.max(...skin) - Math.min(...skin);
}

export function measureEyeRegions(
  img: Raster,
  face: DetectedFace,
  skinBrightness: number,
  skin: [number, number, number] = skinColour(img, face),
): EyeRegionMeasure {
  let n = 0;
  let sum = 0;
  let dark = 0;
  let glare = 0;
  let skinLike = 0;
  const c = img.channels;
  const glareLevel = Math.max(235, skinBrightness + 70);
  const [sr, sg, sb] = skin;
  const skinL = 0.299 * sr + 0.587 * sg + 0.114 * sb;
  const ss = sr + sg + sb + 1;
  const isSkin = (r: number, g: number, bl: number, l: number): boolean => {
    const s = r + g + bl + 1;
    return Math.abs(l - skinL) < 0.4 * skinL && Math.hypot(r / s - sr / ss, g / s - sg / ss) < 0.04;
  };
  const eachPixel = (boxes: Box[], fn: (r: number, g: number, bl: number, l: number) => void): void => {
    for (const b of boxes) {
      for (let y = Math.max(0, Math.floor(b.y0)); y < Math.min(img.height, Math.ceil(b.y1)); y++) {
        for (let x = Math.max(0, Math.floor(b.x0)); x < Math.min(img.width, Math.ceil(b.x1)); x++) {
          const i = (y * img.width + x) * c;
          const r = img.data[i]!;
          const g = img.data[i + 1]!;
          const bl = img.data[i + 2]!;
          fn(r, g, bl, 0.299 * r + 0.587 * g + 0.114 * bl);
        }
      }
    }
  };
  eachPixel(eyeBoxes(face), (r, g, bl, l) => {
    n++;
    sum += l;
    if (l < 0.45 * skinBrightness) dark++;
    if (l >= glareLevel && Math.max(r, g, bl) - Math.min(r, g, bl) < 40) glare++;
    if (isSkin(r, g, bl, l)) skinLike++;
  });
  let nLid = 0;
  let skinLid = 0;
  eachPixel(lidBands(face), (r, g, bl, l) => {
    nLid++;
    if (isSkin(r, g, bl, l)) skinLid++;
  });
  return {
    relativeBrightness: n ? sum / n / Math.max(1, skinBrightness) : 1,
    darkFraction: n ? dark / n : 0,
    glareFraction: n ? glare / n : 0,
    skinLikeFraction: n ? skinLike / n : 1,
    lidSkinLikeFraction: nLid ? skinLid / nLid : 1,
  };
}

/** The inner face (between the cheeks, forehead to chin) as grey, resampled to a face width of `target` px. */
function innerFaceGrey(img: Raster, face: DetectedFace, target: number): Raster {
  const lm = face.landmarks;
  const fw = faceWidth(face);
  const x0 = Math.max(0, Math.floor(lm.cheekLeft.x + 0.15 * fw));
  const x1 = Math.min(img.width, Math.ceil(lm.cheekRight.x - 0.15 * fw));
  const y0 = Math.max(0, Math.floor(lm.forehead.y));
  const y1 = Math.min(img.height, Math.ceil(lm.chin.y - 0.1 * fw));
  const w = Math.max(1, x1 - x0);
  const h = Math.max(1, y1 - y0);
  const grey = new Uint8Array(w * h);
  const c = img.channels;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = ((y + y0) * img.width + x + x0) * c;
      grey[y * w + x] = roundHalfUp(
        0.299 * img.data[i]! + 0.587 * img.data[i + 1]! + 0.114 * img.data[i + 2]!,
      );
    }
  }
  const src: Raster = { data: grey, width: w, height: h, channels: 1 };
  const k = target / Math.max(1, fw);
  const tw = Math.max(3, Math.round(w * k));
  const th = Math.max(3, Math.round(h * k));
  if (k <= 1) return resizeTo(src, tw, th);
  const up = new Uint8Array(tw * th);
  for (let y = 0; y < th; y++) {
    for (let x = 0; x < tw; x++)
      up[y * tw + x] = roundHalfUp(sampleBilinear(src, (x + 0.5) / k - 0.5, (y + 0.5) / k - 0.5));
  }
  return { data: up, width: tw, height: th, channels: 1 };
}

/**
 * Sharpness: variance of the 4-neighbour Laplacian over the inner face, measured at the scale the face
 * will have in the output (face width `outputFaceWidth`), so it does not depend on the source size.
 */
export function sharpness(img: Raster, face: DetectedFace, outputFaceWidth = 240): number {
  const g = innerFaceGrey(img, face, outputFaceWidth);
  const { width: w, height: h, data } = g;
  let n = 0;
  let s = 0;
  let s2 = 0;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const l = data[i - 1]! + data[i + 1]! + data[i - w]! + data[i + w]! - 4 * data[i]!;
      n++;
      s += l;
      s2 += l * l;
    }
  }
  if (!n) return 0;
  const mean = s / n;
  return s2 / n - mean * mean;
}

/**
 * Moiré / screen pattern strength: strongest normalised autocorrelation of the high-pass face signal
 * at lags 3–8 px (rows and columns, both must show it). Natural skin texture decays quickly; a
 * re-photographed screen or halftone print repeats.
 */
export function moireStrength(img: Raster, face: DetectedFace): number {
  const fw = faceWidth(face);
  const g = innerFaceGrey(img, face, Math.min(fw, 240));
  const { width: w, height: h, data } = g;
  if (w < 24 || h < 24) return 0;
  // High-pass: value minus 3×3 mean.
  const hp = new Float32Array(w * h);
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      let s = 0;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) s += data[(y + dy) * w + x + dx]!;
      hp[y * w + x] = data[y * w + x]! - s / 9;
    }
  }
  let bestX = 0;
  let bestY = 0;
  for (let lag = 3; lag <= 8; lag++) {
    bestX = Math.max(bestX, lagCorrelation(hp, w, h, lag, 0));
    bestY = Math.max(bestY, lagCorrelation(hp, w, h, 0, lag));
  }
  return Math.min(bestX, bestY);
}

/** Normalised autocorrelation of a high-passed w×h plane at lag (dx, dy), inside a 1 px border. */
function lagCorrelation(hp: Float32Array, w: number, h: number, dx: number, dy: number): number {
  let num = 0;
  let den = 0;
  for (let y = 1; y < h - 1 - dy; y++) {
    for (let x = 1; x < w - 1 - dx; x++) {
      const a = hp[y * w + x]!;
      num += a * hp[(y + dy) * w + x + dx]!;
      den += a * a;
    }
  }
  return den > 0 ? num / den : 0;
}

/** Face oval of the canonical mesh, in order around the face. */
const FACE_OVAL = [
  10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176, 149,
  150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109,
] as const;

/**
 * Share of the face (mesh oval shrunk by 5 % towards its centre) that the matte marks as person
 * (alpha ≥ 128). A trustworthy matte covers the whole face; a matte that cuts into the cheeks or
 * forehead cannot be trusted at the edges either.
 */
export function matteFaceCoverage(alpha: Raster, face: DetectedFace): number {
  const oval = FACE_OVAL.map((i) => face.mesh[i]!);
  const c = oval.reduce((a, p) => ({ x: a.x + p.x / oval.length, y: a.y + p.y / oval.length }), {
    x: 0,
    y: 0,
  });
  const poly = oval.map((p) => ({ x: c.x + 0.95 * (p.x - c.x), y: c.y + 0.95 * (p.y - c.y) }));
  const b = pixelBounds(poly, alpha.width, alpha.height);
  let n = 0;
  let fg = 0;
  const step = Math.max(1, Math.floor((b.maxX - b.minX) / 120));
  for (let y = b.y0; y <= b.y1; y += step) {
    const row = rowCrossings(poly, y + 0.5);
    for (let x = b.x0; x <= b.x1; x += step) {
      if (!insideRow(row, x + 0.5)) continue;
      n++;
      if (alpha.data[y * alpha.width + x]! >= 128) fg++;
    }
  }
  return n ? fg / n : 1;
}

/**
 * Yaw from the mesh geometry, independent of Human's pose estimate: how far the nose tip sits from the
 * middle of the cheeks, along the pupil line, relative to half the face width, scaled to degrees
 * (about 25° per unit, fitted on the portraits against Human's yaw).
 */
export function geometricYaw(face: DetectedFace): number {
  const lm = face.landmarks;
  const ux = lm.pupilRight.x - lm.pupilLeft.x;
  const uy = lm.pupilRight.y - lm.pupilLeft.y;
  const n = Math.hypot(ux, uy) || 1;
  const along = (p: Point): number => (p.x * ux + p.y * uy) / n;
  const a = along(lm.cheekLeft);
  const b = along(lm.cheekRight);
  const half = Math.abs(b - a) / 2 || 1;
  return (25 * (along(lm.noseTip) - (a + b) / 2)) / half;
}
