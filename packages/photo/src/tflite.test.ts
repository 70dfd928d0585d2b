import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { binarise, iou } from './matte-metrics.js';
import { resizePlane } from './matte-ops.js';
import { landscapePlacement, placement, toModelInput } from './segment.js';
import { initTf, tf } from './tf.js';
import { loadTflite, type TfliteModel } from './tflite.js';
import type { Raster } from './types.js';

const model = (name: string): Uint8Array => readFileSync(new URL(`../models/${name}`, import.meta.url));
const fixture = new URL('../test-fixtures/portraits/obama.jpg', import.meta.url).pathname;

function predict(m: TfliteModel, input: Float32Array, w: number, h: number, batch = 1): Float32Array {
  const x = tf.tensor4d(input, [batch, h, w, 3]);
  const y = m.predict(x);
  const out = Float32Array.from(y.dataSync() as Float32Array);
  x.dispose();
  y.dispose();
  return out;
}

describe('TFLite runner (tflite.ts) on the MediaPipe selfie models', () => {
  let img: Raster;
  let general: TfliteModel;
  let landscape: TfliteModel;
  beforeAll(async () => {
    await initTf();
    const { data, info } = await sharp(fixture).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    img = { data: new Uint8Array(data), width: info.width, height: info.height, channels: 3 };
    general = loadTflite(model('selfie_segmentation.tflite'));
    landscape = loadTflite(model('selfie_segmentation_landscape.tflite'));
  }, 60_000);

  it('reads the input and output shapes from the flatbuffer', () => {
    expect(general.inputShape).toEqual([1, 256, 256, 3]);
    expect(general.outputShape).toEqual([1, 256, 256, 1]);
    expect(landscape.inputShape).toEqual([1, 144, 256, 3]);
    expect(landscape.outputShape).toEqual([1, 144, 256, 1]);
  });

  it('finds the person with both models, and the two agree', () => {
    const g = predict(general, toModelInput(img, placement(img.width, img.height)), 256, 256);
    const at = landscapePlacement(img.width, img.height);
    const l = predict(landscape, toModelInput(img, at, 256, 144), 256, 144);
    // The face (centre of the portrait) is person, the top corners are wall, for each model.
    expect(g[100 * 256 + 128]!).toBeGreaterThan(0.9);
    expect(l[56 * 256 + 128]!).toBeGreaterThan(0.9);
    expect(g[3 * 256 + 3]!).toBeLessThan(0.1);
    expect(l[3 * 256 + 3]!).toBeLessThan(0.1);
    // Different networks, same person: their masks overlap closely but are not identical.
    const lOnG = resizePlane(l, 256, 144, 256, 256);
    const toMask = (p: Float32Array): Uint8Array => binarise(Uint8Array.from(p, (v) => Math.round(v * 255)));
    const overlap = iou(toMask(g), toMask(lOnG));
    expect(overlap).toBeGreaterThan(0.9);
    expect(overlap).toBeLessThan(1);
  });

  it('gives the same output for the same input (weights are laid out once and kept)', () => {
    const input = toModelInput(img, landscapePlacement(img.width, img.height), 256, 144);
    const a = predict(landscape, input, 256, 144);
    const b = predict(landscape, input, 256, 144);
    expect(b).toEqual(a);
  });

  it('runs a batch of two (the segmenter sends the image and its mirror together) as two single runs', () => {
    for (const [m, w, h, at] of [
      [general, 256, 256, placement(img.width, img.height)],
      [landscape, 256, 144, landscapePlacement(img.width, img.height)],
    ] as const) {
      const a = toModelInput(img, at, w, h);
      const b = a.map((v, i) => (i % 3 === 0 ? 1 - v : v)); // a second, different picture
      const pair = new Float32Array(2 * a.length);
      pair.set(a);
      pair.set(b, a.length);
      const both = predict(m, pair, w, h, 2);
      expect(both.length).toBe(2 * w * h);
      expect(both.subarray(0, w * h)).toEqual(predict(m, a, w, h));
      expect(both.subarray(w * h)).toEqual(predict(m, b, w, h));
      expect(both.subarray(w * h)).not.toEqual(both.subarray(0, w * h));
    }
  });

  it('gives the numbers of the operators as written when it folds RELUs and rewrites the transposed convolution', () => {
    for (const [name, w, h, at] of [
      ['selfie_segmentation.tflite', 256, 256, placement(img.width, img.height)],
      ['selfie_segmentation_landscape.tflite', 256, 144, landscapePlacement(img.width, img.height)],
    ] as const) {
      const input = toModelInput(img, at, w, h);
      const fast = predict(loadTflite(model(name)), input, w, h);
      const literal = predict(loadTflite(model(name), { literal: true }), input, w, h);
      let worst = 0;
      for (let i = 0; i < fast.length; i++) worst = Math.max(worst, Math.abs(fast[i]! - literal[i]!));
      expect(worst).toBeLessThan(1e-5);
      // A person and a wall in both: the comparison is not between two blank outputs.
      expect(Math.max(...literal)).toBeGreaterThan(0.9);
      expect(Math.min(...literal)).toBeLessThan(0.1);
    }
  });

  it('refuses a file that is not a TFLite model, or is cut short, with an error', () => {
    expect(() => loadTflite(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toThrow(
      /not a TFLite model/,
    );
    const whole = model('selfie_segmentation_landscape.tflite');
    expect(() => loadTflite(whole.subarray(0, 4096))).toThrow(/tflite/);
  });
});
