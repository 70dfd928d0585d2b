/**
 * Coarse person segmentation with MediaPipe selfie segmentation (general model, 256×256,
 * Apache-2.0; weights in ../models, see models/README.md). Runs on the shared tfjs wasm backend.
 */
import { fileURLToPath } from 'node:url';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { downscaleToPlanes } from './matte-ops.js';
import { initTf, loadGraphModelFromFile, tf } from './tf.js';
import type { Raster } from './types.js';

const MODEL_PATH = fileURLToPath(new URL('../models/selfie.json', import.meta.url));
const SIZE = 256;

/** Person probability (0…1) on a small grid covering the whole image (stretched, not letterboxed). */
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

/** Area-average resample of an RGB/RGBA raster to SIZE×SIZE floats in 0…1 (NHWC), stretched. */
export function toModelInput(image: Raster): Float32Array {
  const [R, G, B] = downscaleToPlanes(image.data, image.width, image.height, image.channels, SIZE, SIZE);
  const out = new Float32Array(SIZE * SIZE * 3);
  for (let i = 0, o = 0; i < SIZE * SIZE; i++, o += 3) {
    out[o] = R[i]! / 255;
    out[o + 1] = G[i]! / 255;
    out[o + 2] = B[i]! / 255;
  }
  return out;
}

export interface SegmentOptions {
  /** Also run the mirrored image and average (test-time augmentation: steadier edges, 2× the time). */
  flip?: boolean;
}

/** Coarse person probability for the whole image, on a 256×256 grid stretched over it. */
export async function segmentPerson(image: Raster, opts: SegmentOptions = {}): Promise<CoarseMask> {
  if (image.channels !== 3 && image.channels !== 4) throw new Error('segmentPerson needs an RGB image');
  await loadSegmenter();
  const m = await model!;
  const input = toModelInput(image);
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
  return { prob, width: SIZE, height: SIZE };
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
