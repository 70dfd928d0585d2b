/**
 * Coarse person segmentation with MediaPipe selfie segmentation (Apache-2.0; weights in ../models,
 * see models/README.md): the general model (256×256) and, as a second opinion, the landscape model
 * (256×144, a separately trained network). Runs on the shared tfjs wasm backend.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { downscaleToPlanes, resizePlane } from './matte-ops.js';
import { initTf, tf } from './tf.js';
import { loadTflite, type TfliteModel } from './tflite.js';
import type { Raster } from './types.js';

const GENERAL_PATH = fileURLToPath(new URL('../models/selfie_segmentation.tflite', import.meta.url));
const LANDSCAPE_PATH = fileURLToPath(
  new URL('../models/selfie_segmentation_landscape.tflite', import.meta.url),
);
const SIZE = 256;
/** The landscape model's input: 256 wide, 144 high. */
const L_W = 256;
const L_H = 144;
/**
 * How far an image's aspect ratio may change to fill the landscape input (a 3:4 portrait is widened
 * 2.37×, which the model still segments well); narrower or much wider images are padded.
 */
const L_MAX_SQUEEZE = 2.4;

/** Person probability (0…1) on a small grid (≤ 256×256) covering exactly the whole image. */
export interface CoarseMask {
  prob: Float32Array;
  width: number;
  height: number;
}

interface Models {
  general: TfliteModel;
  landscape: TfliteModel;
}

let model: Promise<Models> | null = null;
let loadMs: number | null = null;

/** Load the segmentation models (once); later calls return at once. */
export async function loadSegmenter(): Promise<void> {
  if (!model) {
    const t0 = performance.now();
    model = (async () => {
      await initTf();
      const general = loadTflite(await readFile(GENERAL_PATH));
      const landscape = loadTflite(await readFile(LANDSCAPE_PATH));
      // Warm-up: the first inference lays out the weights, compiles kernels and allocates buffers.
      tf.tidy(() => {
        general.predict(tf.zeros([1, SIZE, SIZE, 3])).dataSync();
        landscape.predict(tf.zeros([1, L_H, L_W, 3])).dataSync();
      });
      loadMs = performance.now() - t0;
      return { general, landscape };
    })();
    model.catch(() => {
      model = null;
    });
  }
  await model;
}

/** Milliseconds the model took to load and warm up, or null before `loadSegmenter()` finished. */
export function segmenterLoadMs(): number | null {
  return loadMs;
}

/**
 * Where the image lies on the model's SIZE×SIZE input: moderately elongated images (up to
 * MAX_STRETCH, e.g. 3:4 portraits) are stretched to the square, which the model handles best;
 * longer ones are stretched to MAX_STRETCH and padded (edge pixels repeated) along their short side,
 * since the model fails on a person squashed 16:9 into a square.
 */
export const MAX_STRETCH = 4 / 3;

export interface InputPlacement {
  /** image columns occupy model columns [x0, x0 + w) and rows [y0, y0 + h) */
  x0: number;
  y0: number;
  w: number;
  h: number;
}

export function placement(width: number, height: number): InputPlacement {
  return fitInput(width, height, SIZE, SIZE, MAX_STRETCH);
}

/**
 * Where an image lies on a mw×mh model input: stretched over all of it while its aspect ratio changes by
 * at most `maxStretch` either way, otherwise stretched by `maxStretch` and padded along the input's
 * other side.
 */
function fitInput(width: number, height: number, mw: number, mh: number, maxStretch: number): InputPlacement {
  const aspect = width / height;
  const inputAspect = mw / mh;
  if (aspect / inputAspect > maxStretch) {
    const h = Math.max(1, Math.round((mw * maxStretch) / aspect));
    return { x0: 0, y0: (mh - h) >> 1, w: mw, h };
  }
  if (inputAspect / aspect > maxStretch) {
    const w = Math.max(1, Math.round(mh * maxStretch * aspect));
    return { x0: (mw - w) >> 1, y0: 0, w, h: mh };
  }
  return { x0: 0, y0: 0, w: mw, h: mh };
}

/** Area-average resample of an RGB/RGBA raster to a mw×mh model input (0…1, NHWC), edges repeated. */
export function toModelInput(
  image: Raster,
  at: InputPlacement = placement(image.width, image.height),
  mw = SIZE,
  mh = SIZE,
): Float32Array {
  const [R, G, B] =
    at.w <= image.width && at.h <= image.height
      ? downscaleToPlanes(image.data, image.width, image.height, image.channels, at.w, at.h)
      : upscaleToPlanes(image, at.w, at.h);
  const out = new Float32Array(mw * mh * 3);
  for (let y = 0; y < mh; y++) {
    const sy = Math.min(at.h - 1, Math.max(0, y - at.y0));
    for (let x = 0; x < mw; x++) {
      const sx = Math.min(at.w - 1, Math.max(0, x - at.x0));
      const i = sy * at.w + sx;
      const o = (y * mw + x) * 3;
      out[o] = R[i]! / 255;
      out[o + 1] = G[i]! / 255;
      out[o + 2] = B[i]! / 255;
    }
  }
  return out;
}

/** Bilinear resample of a small RGB(A) raster to dw×dh planes (0…255), for images under 256 px. */
function upscaleToPlanes(image: Raster, dw: number, dh: number): [Float32Array, Float32Array, Float32Array] {
  const planes: [Float32Array, Float32Array, Float32Array] = [
    new Float32Array(image.width * image.height),
    new Float32Array(image.width * image.height),
    new Float32Array(image.width * image.height),
  ];
  const { data, channels } = image;
  for (let i = 0, p = 0; i < image.width * image.height; i++, p += channels) {
    planes[0][i] = data[p]!;
    planes[1][i] = data[p + 1]!;
    planes[2][i] = data[p + 2]!;
  }
  return planes.map((pl) => resizePlane(pl, image.width, image.height, dw, dh)) as [
    Float32Array,
    Float32Array,
    Float32Array,
  ];
}

export interface SegmentOptions {
  /** Also run the mirrored image and average (test-time augmentation: steadier edges; one batch of two). */
  flip?: boolean;
  /**
   * Average in the landscape model's probability (default true): a second, separately trained
   * network whose errors differ from the general model's (+0.0027 IoU, +0.010 boundary F after
   * refinement on the quality set; QUALITY.md).
   */
  landscape?: boolean;
}

/**
 * Coarse person probability for the whole image, on a grid stretched over it (256×256, or 256 by
 * fewer for elongated images).
 */
export async function segmentPerson(image: Raster, opts: SegmentOptions = {}): Promise<CoarseMask> {
  if (image.channels !== 3 && image.channels !== 4) throw new Error('segmentPerson needs an RGB image');
  await loadSegmenter();
  const { general, landscape } = await model!;
  const at = placement(image.width, image.height);
  const coarse = runPlaced(image, at, SIZE, SIZE, opts.flip ?? false, (x) => general.predict(x));
  if (opts.landscape === false) return coarse;
  const second = runPlaced(
    image,
    landscapePlacement(image.width, image.height),
    L_W,
    L_H,
    opts.flip ?? false,
    (x) => landscape.predict(x),
  );
  const onGrid = resizePlane(second.prob, second.width, second.height, coarse.width, coarse.height);
  // Averaged as log-odds: where one model is sure of the wall and the other only half believes in a
  // person, the wall wins, so textured walls do not turn into faint remnants around the head.
  // The sigmoid of the mean log-odds is √(p·q) / (√(p·q) + √((1−p)(1−q))): two square roots per
  // cell instead of two logarithms and an exponential.
  for (let i = 0; i < coarse.prob.length; i++) {
    const p = clampProb(coarse.prob[i]!);
    const q = clampProb(onGrid[i]!);
    const yes = Math.sqrt(p * q);
    coarse.prob[i] = yes / (yes + Math.sqrt((1 - p) * (1 - q)));
  }
  return coarse;
}

const P_EPS = 1e-4;

function clampProb(p: number): number {
  return p < P_EPS ? P_EPS : p > 1 - P_EPS ? 1 - P_EPS : p;
}

/** Where the image lies on the landscape model's input (stretched to fill it, or padded beyond 2.4×). */
export function landscapePlacement(width: number, height: number): InputPlacement {
  return fitInput(width, height, L_W, L_H, L_MAX_SQUEEZE);
}

/**
 * Run one model on the image placed at `at` on its mw×mh input (and on the mirror image, averaged),
 * and return the probability on the part of the grid that covers the image.
 */
function runPlaced(
  image: Raster,
  at: InputPlacement,
  mw: number,
  mh: number,
  flip: boolean,
  infer: (x: tf.Tensor) => tf.Tensor,
): CoarseMask {
  const input = toModelInput(image, at, mw, mh);
  let prob: Float32Array;
  if (flip) {
    // The image and its mirror as one batch of two: one model run, the same numbers as two runs.
    const n = mw * mh;
    const pair = new Float32Array(2 * input.length);
    pair.set(input);
    for (let y = 0; y < mh; y++) {
      for (let x = 0; x < mw; x++) {
        const a = (y * mw + x) * 3;
        const b = input.length + (y * mw + mw - 1 - x) * 3;
        pair[b] = input[a]!;
        pair[b + 1] = input[a + 1]!;
        pair[b + 2] = input[a + 2]!;
      }
    }
    const both = run(infer, pair, mw, mh, 2);
    prob = both.slice(0, n);
    for (let y = 0; y < mh; y++) {
      for (let x = 0; x < mw; x++)
        prob[y * mw + x] = (prob[y * mw + x]! + both[n + y * mw + mw - 1 - x]!) / 2;
    }
  } else {
    prob = run(infer, input, mw, mh);
  }
  if (at.w === mw && at.h === mh) return { prob, width: mw, height: mh };
  // Keep only the part of the grid that covers the image.
  const crop = new Float32Array(at.w * at.h);
  for (let y = 0; y < at.h; y++)
    crop.set(prob.subarray((y + at.y0) * mw + at.x0, (y + at.y0) * mw + at.x0 + at.w), y * at.w);
  return { prob: crop, width: at.w, height: at.h };
}

function run(
  infer: (x: tf.Tensor) => tf.Tensor,
  input: Float32Array,
  mw: number,
  mh: number,
  batch = 1,
): Float32Array {
  const x = tf.tensor4d(input, [batch, mh, mw, 3]);
  let y: tf.Tensor | null = null;
  try {
    y = infer(x);
    // Copy out: the backend may reuse the buffer once the tensor is disposed.
    return Float32Array.from(y.dataSync() as Float32Array);
  } finally {
    x.dispose();
    y?.dispose();
  }
}
