/**
 * Text-line boxes from the PaddleOCR detection map, and their straightened crops: the DB post-processing of
 * PaddleOCR (min-area rectangle of each blob, "unclipped" by area·1.5/perimeter, perspective crop).
 *
 * Adapted from @gutenye/ocr-common's splitIntoLineImages (MIT), which leaks OpenCV Mats (every contour,
 * every crop) into the wasm heap on each call: in a long-running server that grows without bound. Here every
 * Mat is freed before returning and crops are copied out of the wasm heap. The rounded-offset polygon the
 * original builds with js-clipper has the expanded rectangle as its min-area rectangle, so that is used directly.
 */
import { createRequire } from 'node:module';
import type CV from '@techstark/opencv-js';
import type { ImageRawData } from '@gutenye/ocr-common';

/**
 * opencv.js is a 10 MB emscripten bundle: loaded with require, because vitest's module runner stalls on it
 * when it comes through `import`. Its wasm runtime initialises asynchronously: await `opencvReady()` first.
 */
const cv = createRequire(import.meta.url)('@techstark/opencv-js') as typeof CV;

export async function opencvReady(): Promise<void> {
  const m = cv as unknown as { Mat?: unknown; onRuntimeInitialized?: () => void };
  if (typeof m.Mat === 'function') return;
  await new Promise<void>((resolve) => {
    m.onRuntimeInitialized = resolve;
  });
}

type Pt = [number, number];
type CvImageData = Parameters<typeof cv.matFromImageData>[0];

export interface LineCrop {
  /** Corners in source-image pixels, clockwise from top-left. */
  box: Pt[];
  /** The straightened line, RGBA. */
  image: ImageRawData;
}

const MIN_SIDE = 3;
const UNCLIP_RATIO = 1.5;

/** Corners of a rotated rectangle (OpenCV RotatedRect convention). */
function boxPoints(c: { x: number; y: number }, w: number, h: number, angleDeg: number): Pt[] {
  const t = (angleDeg * Math.PI) / 180;
  const [cos, sin] = [Math.cos(t), Math.sin(t)];
  const [dx, dy] = [w / 2, h / 2];
  return [
    [c.x - dx * cos + dy * sin, c.y - dx * sin - dy * cos],
    [c.x + dx * cos + dy * sin, c.y + dx * sin - dy * cos],
    [c.x + dx * cos - dy * sin, c.y + dx * sin + dy * cos],
    [c.x - dx * cos - dy * sin, c.y - dx * sin + dy * cos],
  ];
}

/** Clockwise from the top-left corner (smallest x+y). */
function orderClockwise(pts: Pt[]): Pt[] {
  const cx = pts.reduce((s, p) => s + p[0], 0) / 4;
  const cy = pts.reduce((s, p) => s + p[1], 0) / 4;
  const sorted = [...pts].sort((a, b) => Math.atan2(a[1] - cy, a[0] - cx) - Math.atan2(b[1] - cy, b[0] - cx));
  const start = sorted.reduce((best, p, i) => (p[0] + p[1] < sorted[best]![0] + sorted[best]![1] ? i : best), 0);
  return [...sorted.slice(start), ...sorted.slice(0, start)];
}

const dist = (a: Pt, b: Pt) => Math.hypot(a[0] - b[0], a[1] - b[1]);
const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

/** Finds text lines in `map` (white = text, RGBA) and crops them from `source` (same size or scaled). */
export function splitLines(map: ImageRawData, source: ImageRawData): LineCrop[] {
  const mats: Array<{ delete(): void }> = [];
  const keep = <T extends { delete(): void }>(mat: T): T => {
    mats.push(mat);
    return mat;
  };
  try {
    const bin = keep(cv.matFromImageData(map as CvImageData));
    cv.cvtColor(bin, bin, cv.COLOR_RGBA2GRAY, 0);
    const contours = keep(new cv.MatVector());
    const hierarchy = keep(new cv.Mat());
    cv.findContours(bin, contours, hierarchy, cv.RETR_LIST, cv.CHAIN_APPROX_SIMPLE);
    const src = keep(cv.matFromImageData(source as CvImageData));
    const rx = source.width / map.width;
    const ry = source.height / map.height;
    const out: LineCrop[] = [];
    for (let i = 0; i < contours.size(); i++) {
      const contour = contours.get(i);
      let rect: { center: { x: number; y: number }; size: { width: number; height: number }; angle: number };
      try {
        rect = cv.minAreaRect(contour);
      } finally {
        contour.delete();
      }
      const { width: w, height: h } = rect.size;
      if (Math.min(w, h) < MIN_SIDE) continue;
      const d = (w * h * UNCLIP_RATIO) / (2 * (w + h));
      if (Math.min(w, h) + 2 * d < MIN_SIDE + 2) continue;
      const box = orderClockwise(
        boxPoints(rect.center, w + 2 * d, h + 2 * d, rect.angle).map(([x, y]): Pt => [clamp(Math.round(x * rx), 0, source.width), clamp(Math.round(y * ry), 0, source.height)]),
      );
      const cropW = Math.floor(Math.max(dist(box[0]!, box[1]!), dist(box[2]!, box[3]!)));
      const cropH = Math.floor(Math.max(dist(box[0]!, box[3]!), dist(box[1]!, box[2]!)));
      if (cropW <= 3 || cropH <= 3) continue;
      out.push({ box, image: crop(src, box, cropW, cropH, keep) });
    }
    return out;
  } finally {
    for (const mat of mats) mat.delete();
  }
}

function crop(src: CV.Mat, box: Pt[], w: number, h: number, keep: <T extends { delete(): void }>(m: T) => T): ImageRawData {
  const from = keep(cv.matFromArray(4, 1, cv.CV_32FC2, box.flat()));
  const to = keep(cv.matFromArray(4, 1, cv.CV_32FC2, [0, 0, w, 0, w, h, 0, h]));
  const m = keep(cv.getPerspectiveTransform(from, to));
  let dst = keep(new cv.Mat());
  cv.warpPerspective(src, dst, m, new cv.Size(w, h), cv.INTER_CUBIC, cv.BORDER_REPLICATE, new cv.Scalar());
  if (h / w >= 1.5) {
    // a vertical line: turn it so the recogniser reads it left to right
    const rotated = keep(new cv.Mat());
    cv.rotate(dst, rotated, cv.ROTATE_90_COUNTERCLOCKWISE);
    dst = rotated;
  }
  return { data: Buffer.from(dst.data), width: dst.cols, height: dst.rows };
}
