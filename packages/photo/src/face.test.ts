import { beforeAll, describe, expect, it } from 'vitest';
import { detectorInput } from './face.js';
import { resizeTo } from './raster.js';
import { initTf } from './tf.js';
import type { Raster } from './types.js';

/** The plain bilinear enlargement to w×h (pixel centres aligned, edges clamped), before rounding. */
function referenceEnlarge(src: Raster, w: number, h: number): Float64Array {
  const c = src.channels;
  const out = new Float64Array(w * h * c);
  const px = (x: number, y: number, ch: number) => src.data[(y * src.width + x) * c + ch]!;
  for (let y = 0; y < h; y++) {
    const sy = Math.min(src.height - 1, Math.max(0, (y + 0.5) * (src.height / h) - 0.5));
    const y0 = Math.floor(sy);
    const y1 = Math.min(src.height - 1, y0 + 1);
    const ty = sy - y0;
    for (let x = 0; x < w; x++) {
      const sx = Math.min(src.width - 1, Math.max(0, (x + 0.5) * (src.width / w) - 0.5));
      const x0 = Math.floor(sx);
      const x1 = Math.min(src.width - 1, x0 + 1);
      const tx = sx - x0;
      for (let ch = 0; ch < c; ch++) {
        const top = px(x0, y0, ch) * (1 - tx) + px(x1, y0, ch) * tx;
        const bot = px(x0, y1, ch) * (1 - tx) + px(x1, y1, ch) * tx;
        out[(y * w + x) * c + ch] = top * (1 - ty) + bot * ty;
      }
    }
  }
  return out;
}

function noise(width: number, height: number, channels: Raster['channels']): Raster {
  const data = new Uint8Array(width * height * channels);
  for (let i = 0; i < data.length; i++) data[i] = (i * 2654435761) >>> 24;
  return { data, width, height, channels };
}

describe("the face detector's copy of the image (detectorInput)", () => {
  beforeAll(async () => {
    await initTf();
  });

  it.each([
    [48, 64, 128],
    [240, 320, 640],
    [29, 41, 127],
    [61, 47, 200],
  ] as const)(
    'enlarges %i×%i to a long side of %i as the rounded plain bilinear definition',
    (w, h, minSide) => {
      const src = noise(w, h, 3);
      const { tensor, width, height } = detectorInput(src, 960, minSide);
      const k = minSide / Math.max(w, h);
      expect([width, height]).toEqual([Math.round(w * k), Math.round(h * k)]);
      expect(tensor.shape).toEqual([1, height, width, 3]);
      const got = tensor.dataSync();
      tensor.dispose();
      const exact = referenceEnlarge(src, width, height);
      let compared = 0;
      for (let i = 0; i < exact.length; i++) {
        const v = exact[i]!;
        // The backend interpolates in float32: a value within a hair of .5 may round either way. (At 2×,
        // as for the output's re-measure, the weights are quarters: exact in float32, every value compared.)
        if (k !== 2 && Math.abs((v % 1) - 0.5) < 1e-3) continue;
        compared++;
        if (got[i] !== Math.round(v)) expect([i, got[i]]).toEqual([i, Math.round(v)]);
      }
      expect(compared).toBeGreaterThan(0.99 * exact.length);
    },
  );

  it('shrinks by area averaging (resizeTo) and keeps an image that already fits, dropping alpha', () => {
    const src = noise(97, 131, 3);
    const small = detectorInput(src, 50);
    expect(Array.from(small.tensor.dataSync())).toEqual(Array.from(resizeTo(src, 37, 50).data));
    small.tensor.dispose();
    const rgba = noise(20, 10, 4);
    const same = detectorInput(rgba, 50);
    expect([same.width, same.height]).toEqual([20, 10]);
    const rgb = Array.from(rgba.data).filter((_, i) => i % 4 !== 3);
    expect(Array.from(same.tensor.dataSync())).toEqual(rgb);
    same.tensor.dispose();
  });
});
