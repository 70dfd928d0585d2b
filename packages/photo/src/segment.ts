/**
 * Coarse person segmentation with MediaPipe selfie segmentation (general model, 256×256,
 * Apache-2.0; weights in ../models, see models/README.md). Runs on the shared tfjs wasm backend.
 */
import { fileURLToPath } from 'node:url';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { downscaleToPlanes, resizePlane } from './matte-ops.js';
import { initTf, loadGraphModelFromFile, tf } from './tf.js';
import type { Raster } from './types.js';

const MODEL_PATH = fileURLToPath(new URL('../models/selfie.json', import.meta.url));
const SIZE = 256;

/** Person probability (0…1) on a small grid (≤ 256×256) covering exactly the whole image. */
export interface CoarseMask {
  prob: Float32Array;
  width: number;
  height: number;
}

let model: Promise<GraphModel> | null = null;
let loadMs: number | null = null;

/** Load the segmentation model (once); later calls return at once. */
export async function loadSegmenter(): Promise<void> {
  if (!model) {
    const t0 = performance.now();
    model = (async () => {
      await initTf();
      const m = await loadGraphModelFromFile(MODEL_PATH);
      // Warm-up: the first inference compiles kernels and allocates buffers.
      tf.tidy(() => {
        const out = m.execute(tf.zeros([1, SIZE, SIZE, 3])) as tf.Tensor;
        out.dataSync();
      });
      loadMs = performance.now() - t0;
      return m;
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
  const aspect = width / height;
  if (aspect > MAX_STRETCH) {
    const h = Math.max(1, Math.round((SIZE * MAX_STRETCH) / aspect));
    return { x0: 0, y0: (SIZE - h) >> 1, w: SIZE, h };
  }
  if (1 / aspect > MAX_STRETCH) {
    const w = Math.max(1, Math.round((SIZE * MAX_STRETCH) * aspect));
    return { x0: (SIZE - w) >> 1, y0: 0, w, h: SIZE };
  }
  return { x0: 0, y0: 0, w: SIZE, h: SIZE };
}

/** Area-average resample of an RGB/RGBA raster to the SIZE×SIZE model input (0…1, NHWC). */
export function toModelInput(image: Raster, at: InputPlacement = placement(image.width, image.height)): Float32Array {
  const [R, G, B] =
    at.w <= image.width && at.h <= image.height
      ? downscaleToPlanes(image.data, image.width, image.height, image.channels, at.w, at.h)
      : upscaleToPlanes(image, at.w, at.h);
  const out = new Float32Array(SIZE * SIZE * 3);
  for (let y = 0; y < SIZE; y++) {
    const sy = Math.min(at.h - 1, Math.max(0, y - at.y0));
    for (let x = 0; x < SIZE; x++) {
      const sx = Math.min(at.w - 1, Math.max(0, x - at.x0));
      const i = sy * at.w + sx;
      const o = (y * SIZE + x) * 3;
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
  return planes.map((pl) => resizePlane(pl, image.width, image.height, dw, dh)) as [Float32Array, Float32Array, Float32Array];
}

export interface SegmentOptions {
  /** Also run the mirrored image and average (test-time augmentation: steadier edges, 2× the time). */
  flip?: boolean;
}

/**
 * Coarse person probability for the whole image, on a grid stretched over it (256×256, or 256 by
 * fewer for elongated images).
 */
export async function segmentPerson(image: Raster, opts: SegmentOptions = {}): Promise<CoarseMask> {
  if (image.channels !== 3 && image.channels !== 4) throw new Error('segmentPerson needs an RGB image');
  await loadSegmenter();
  const m = await model!;
  const at = placement(image.width, image.height);
  const input = toModelInput(image, at);
  const prob = run(m, input);
  if (opts.flip) {
    const mirrored = new Float32Array(input.length);
    for (let y = 0; y < SIZE; y++) {
      for (let x = 0; x < SIZE; x++) {
        const a = (y * SIZE + x) * 3;
        const b = (y * SIZE + SIZE - 1 - x) * 3;
        mirrored[b] = input[a]!;
        mirrored[b + 1] = input[a + 1]!;
        mirrored[b + 2] = input[a + 2]!;
      }
    }
    const p2 = run(m, mirrored);
    for (let y = 0; y < SIZE; y++) {
      for (let x = 0; x < SIZE; x++) prob[y * SIZE + x] = (prob[y * SIZE + x]! + p2[y * SIZE + SIZE - 1 - x]!) / 2;
    }
  }
  if (at.w === SIZE && at.h === SIZE) return { prob, width: SIZE, height: SIZE };
  // Keep only the part of the grid that covers the image.
  const crop = new Float32Array(at.w * at.h);
  for (let y = 0; y < at.h; y++) crop.set(prob.subarray((y + at.y0) * SIZE + at.x0, (y + at.y0) * SIZE + at.x0 + at.w), y * at.w);
  return { prob: crop, width: at.w, height: at.h };
}

function run(m: GraphModel, input: Float32Array): Float32Array {
  const x = tf.tensor4d(input, [1, SIZE, SIZE, 3]);
  let y: tf.Tensor | null = null;
  try {
    y = m.execute(x) as tf.Tensor;
    // Copy out: the backend may reuse the buffer once the tensor is disposed.
    return Float32Array.from(y.dataSync() as Float32Array);
  } finally {
    x.dispose();
    y?.dispose();
  }
}
