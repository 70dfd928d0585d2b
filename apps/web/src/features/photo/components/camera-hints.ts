/**
 * Live hints on the camera page, from what the browser can tell: faces (the `FaceDetector` API, where the
 * browser has it) and the light in the frame (always: a tiny downscaled frame). Pure, so it is unit-tested.
 */

/** A detected face, in fractions of the visible viewfinder (0–1), eyes optional. */
export interface FaceBox {
  x: number;
  y: number;
  width: number;
  height: number;
  leftEye?: { x: number; y: number };
  rightEye?: { x: number; y: number };
}

/** Light in the head area of the guide: mean luminance 0–255 of its left and right halves. */
export interface LightSample {
  left: number;
  right: number;
}

export type HintKey =
  | 'noFace'
  | 'manyFaces'
  | 'outside'
  | 'tooFar'
  | 'tooClose'
  | 'tilted'
  | 'dark'
  | 'bright'
  | 'uneven'
  | 'good';

export interface Hint {
  key: HintKey;
  tone: 'ok' | 'warn';
}

/** Where the guide's head sits in the viewfinder (fractions); see GuideOverlay. */
export const GUIDE_HEAD = { cx: 0.5, cy: 0.35, width: 0.39 } as const;

/** Tilt of the eye line in degrees (positive: right eye lower). */
export function eyeTilt(face: FaceBox): number | null {
  if (!face.leftEye || !face.rightEye) return null;
  const dx = face.rightEye.x - face.leftEye.x;
  const dy = face.rightEye.y - face.leftEye.y;
  if (dx === 0 && dy === 0) return null;
  let deg = (Math.atan2(dy, dx) * 180) / Math.PI;
  // the detector may list the eyes either way round
  if (deg > 90) deg -= 180;
  if (deg < -90) deg += 180;
  return deg;
}

/**
 * The hint to show now. `faces` is null when the browser cannot detect faces (then only light hints,
 * or none). The most useful problem comes first: who is in the frame, then where, then the light.
 */
export function cameraHint(faces: FaceBox[] | null, light: LightSample | null): Hint | null {
  if (faces) {
    if (faces.length === 0) return { key: 'noFace', tone: 'warn' };
    if (faces.length > 1) return { key: 'manyFaces', tone: 'warn' };
    const f = faces[0]!;
    const cx = f.x + f.width / 2;
    const cy = f.y + f.height / 2;
    if (Math.abs(cx - GUIDE_HEAD.cx) > 0.16 || Math.abs(cy - GUIDE_HEAD.cy) > 0.18)
      return { key: 'outside', tone: 'warn' };
    if (f.width < GUIDE_HEAD.width * 0.6) return { key: 'tooFar', tone: 'warn' };
    if (f.width > GUIDE_HEAD.width * 1.35) return { key: 'tooClose', tone: 'warn' };
    const tilt = eyeTilt(f);
    if (tilt !== null && Math.abs(tilt) > 6) return { key: 'tilted', tone: 'warn' };
  }
  if (light) {
    const mean = (light.left + light.right) / 2;
    if (mean < 55) return { key: 'dark', tone: 'warn' };
    if (mean > 235) return { key: 'bright', tone: 'warn' };
    const ratio = Math.min(light.left, light.right) / Math.max(light.left, light.right, 1);
    if (ratio < 0.55) return { key: 'uneven', tone: 'warn' };
  }
  return faces ? { key: 'good', tone: 'ok' } : null;
}

/**
 * Mean luminance of the left and right halves of the guide's head box in an RGBA frame
 * (`data` of `width`×`height`, the whole viewfinder).
 */
export function sampleLight(data: Uint8ClampedArray, width: number, height: number): LightSample {
  const half = (GUIDE_HEAD.width / 2) * width;
  const x0 = Math.max(0, Math.round(GUIDE_HEAD.cx * width - half));
  const x1 = Math.min(width, Math.round(GUIDE_HEAD.cx * width + half));
  const y0 = Math.max(0, Math.round((GUIDE_HEAD.cy - 0.12) * height));
  const y1 = Math.min(height, Math.round((GUIDE_HEAD.cy + 0.12) * height));
  const mid = Math.round((x0 + x1) / 2);
  const sum = [0, 0];
  const n = [0, 0];
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * width + x) * 4;
      const lum = 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;
      const side = x < mid ? 0 : 1;
      sum[side]! += lum;
      n[side]! += 1;
    }
  }
  return { left: n[0] ? sum[0]! / n[0] : 0, right: n[1] ? sum[1]! / n[1] : 0 };
}

/** The part of a `videoW`×`videoH` frame that an `object-fit: cover` viewfinder of `aspect` (w/h) shows. */
export function visibleCrop(
  videoW: number,
  videoH: number,
  aspect = 3 / 4,
): { x: number; y: number; width: number; height: number } {
  if (videoW / videoH > aspect) {
    const width = videoH * aspect;
    return { x: (videoW - width) / 2, y: 0, width, height: videoH };
  }
  const height = videoW / aspect;
  return { x: 0, y: (videoH - height) / 2, width: videoW, height };
}

/** A box in video pixels → fractions of the viewfinder (mirrored like the preview of a front camera). */
export function toViewfinder(
  box: { x: number; y: number; width: number; height: number },
  crop: { x: number; y: number; width: number; height: number },
  mirrored: boolean,
): { x: number; y: number; width: number; height: number } {
  const width = box.width / crop.width;
  const x = (box.x - crop.x) / crop.width;
  return {
    x: mirrored ? 1 - x - width : x,
    y: (box.y - crop.y) / crop.height,
    width,
    height: box.height / crop.height,
  };
}
