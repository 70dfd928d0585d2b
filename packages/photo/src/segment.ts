/**
 * Coarse person segmentation with MediaPipe selfie segmentation (general model, 256×256,
 * Apache-2.0; weights in ../models, see models/README.md). Runs on the shared tfjs wasm backend.
 */
import { fileURLToPath } from 'node:url';
import type { GraphModel } from '@tensorflow/tfjs-converter';
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

/**
 * Area-average resample of an RGB/RGBA raster region to SIZE×SIZE floats in 0…1 (NHWC).
 * Region is given in source pixels; it may extend beyond the image (edge pixels are repeated).
 */
export function toModelInput(
  image: Raster,
  region = { x: 0, y: 0, width: image.width, height: image.height },
): Float32Array {
  const { data, width, height, channels } = image;
  const out = new Float32Array(SIZE * SIZE * 3);
  const sx = region.width / SIZE;
  const sy = region.height / SIZE;
  // Sample a small fixed grid of points per output pixel (cheap area average).
  const n = Math.max(1, Math.min(4, Math.floor(Math.min(sx, sy))));
  const inv = 1 / (n * n * 255);
  for (let oy = 0; oy < SIZE; oy++) {
    for (let ox = 0; ox < SIZE; ox++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let j = 0; j < n; j++) {
        let y = Math.floor(region.y + (oy + (j + 0.5) / n) * sy);
        y = y < 0 ? 0 : y >= height ? height - 1 : y;
        for (let i = 0; i < n; i++) {
          let x = Math.floor(region.x + (ox + (i + 0.5) / n) * sx);
          x = x < 0 ? 0 : x >= width ? width - 1 : x;
          const p = (y * width + x) * channels;
          r += data[p]!;
          g += data[p + 1]!;
          b += data[p + 2]!;
        }
      }
      const o = (oy * SIZE + ox) * 3;
      out[o] = r * inv;
      out[o + 1] = g * inv;
      out[o + 2] = b * inv;
    }
  }
  return out;
}

/** Coarse person probability for the whole image, on a 256×256 grid stretched over it. */
export async function segmentPerson(image: Raster): Promise<CoarseMask> {
  if (image.channels !== 3 && image.channels !== 4) throw new Error('segmentPerson needs an RGB image');
  await loadSegmenter();
  const m = await model!;
  const input = toModelInput(image);
  const prob = tf.tidy(() => {
    const x = tf.tensor4d(input, [1, SIZE, SIZE, 3]);
    const y = m.execute(x) as tf.Tensor;
    return y.dataSync() as Float32Array;
  });
  return { prob: Float32Array.from(prob), width: SIZE, height: SIZE };
}
