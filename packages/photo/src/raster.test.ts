import { describe, expect, it } from 'vitest';
import { resizeInto, resizeTo } from './raster.js';
import type { Raster } from './types.js';

/** The plain definition: each output pixel is the rounded mean of the source pixels in its span. */
function referenceResize(src: Raster, w: number, h: number): Uint8Array {
  const c = src.channels;
  const out = new Uint8Array(w * h * c);
  const span = (i: number, n: number, k: number) => {
    const a = Math.floor(i * k);
    return [a, Math.max(a + 1, Math.min(n, Math.floor((i + 1) * k)))] as const;
  };
  for (let y = 0; y < h; y++) {
    const [ya, yb] = span(y, src.height, src.height / h);
    for (let x = 0; x < w; x++) {
      const [xa, xb] = span(x, src.width, src.width / w);
      for (let ch = 0; ch < c; ch++) {
        let s = 0;
        for (let yy = ya; yy < yb; yy++)
          for (let xx = xa; xx < xb; xx++) s += src.data[(yy * src.width + xx) * c + ch]!;
        out[(y * w + x) * c + ch] = Math.round(s / ((xb - xa) * (yb - ya)));
      }
    }
  }
  return out;
}

function noise(width: number, height: number, channels: Raster['channels']): Raster {
  const data = new Uint8Array(width * height * channels);
  let s = 12345;
  for (let i = 0; i < data.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    data[i] = s >>> 24;
  }
  return { data, width, height, channels };
}

describe('resizeTo', () => {
  it.each([
    [3, 97, 131, 40, 53],
    [3, 97, 131, 97, 131],
    [3, 64, 48, 21, 17],
    [1, 101, 77, 33, 50],
    [4, 50, 60, 7, 9],
    [3, 20, 20, 30, 30],
  ] as const)('averages each span exactly (%i channels, %i×%i → %i×%i)', (c, sw, sh, w, h) => {
    const src = noise(sw, sh, c);
    const out = resizeTo(src, w, h);
    expect([out.width, out.height, out.channels]).toEqual([w, h, c]);
    const want = referenceResize(src, w, h);
    expect(Buffer.from(out.data).equals(Buffer.from(want))).toBe(true);
    // The float copy holds the same whole numbers.
    expect(Array.from(resizeInto(src, w, h, new Float32Array(w * h * c)))).toEqual(Array.from(want));
  });
});
