import { describe, expect, it } from 'vitest';
import { guidedFilterGray } from './guided-filter.js';
import { boxMean, downscaleToPlanes, morph, normalizedMean, resizePlane } from './matte-ops.js';
import { binarise, boundaryF, iou } from './matte-metrics.js';
import { previewOf } from './matte.js';

function bruteBoxMean(a: Float32Array, w: number, h: number, r: number): Float32Array {
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      let c = 0;
      for (let yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++) {
        for (let xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) {
          s += a[yy * w + xx]!;
          c++;
        }
      }
      out[y * w + x] = s / c;
    }
  }
  return out;
}

describe('matte image operations', () => {
  it('boxMean equals the brute-force clamped window mean', () => {
    const w = 37;
    const h = 23;
    const a = new Float32Array(w * h).map((_, i) => Math.sin(i * 12.9898) * 0.5 + 0.5);
    for (const r of [0, 1, 4, 30]) {
      const fast = boxMean(a, w, h, r);
      const slow = bruteBoxMean(a, w, h, r);
      let err = 0;
      for (let i = 0; i < w * h; i++) err = Math.max(err, Math.abs(fast[i]! - slow[i]!));
      expect(err).toBeLessThan(1e-5);
    }
  });

  it('erodes and dilates a square mask by the radius', () => {
    const w = 20;
    const m = new Uint8Array(w * w);
    for (let y = 5; y < 15; y++) for (let x = 5; x < 15; x++) m[y * w + x] = 1;
    const sum = (a: Uint8Array): number => a.reduce((s, v) => s + v, 0);
    expect(sum(morph(m, w, w, 2, true))).toBe(6 * 6);
    expect(sum(morph(m, w, w, 2, false))).toBe(14 * 14);
  });

  it('fills unknown pixels with the mean of the known ones nearby', () => {
    const w = 10;
    const plane = new Float32Array(w * w).fill(0.9);
    const known = new Uint8Array(w * w);
    for (let i = 0; i < w * 3; i++) {
      known[i] = 1;
      plane[i] = 0.25;
    }
    const { planes, support } = normalizedMean([plane], known, w, w, 3);
    expect(planes[0]![5 * w + 5]!).toBeCloseTo(0.25, 5); // row 5 reaches rows 2..8: known rows 0..2
    expect(support[9 * w + 5]!).toBe(0); // nothing known within 3 rows of row 9
  });

  it('resizes and area-averages planes', () => {
    const up = resizePlane(Float32Array.from([0, 1]), 2, 1, 4, 1);
    expect(Array.from(up)).toEqual([0, 0.25, 0.75, 1]);
    const rgb = Uint8Array.from([10, 20, 30, 30, 40, 50]);
    const [r, g, b] = downscaleToPlanes(rgb, 2, 1, 3, 1, 1);
    expect([r![0], g![0], b![0]]).toEqual([20, 30, 40]);
  });

  it('a preview of exactly half the size gives the general area average, rounded', () => {
    let seed = 7;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % 256;
    for (const [W, H, long] of [
      [40, 30, 20], // exactly half: pixel pairs of the even rows
      [41, 30, 20], // not exactly half: the general path
    ] as const) {
      const data = Uint8Array.from({ length: W * H * 3 }, rnd);
      const p = previewOf({ data, width: W, height: H, channels: 3 }, long);
      const planes = downscaleToPlanes(data, W, H, 3, p.width, p.height, H >= 2 * p.height ? 2 : 1);
      const expected = Array.from({ length: p.width * p.height * 3 }, (_, i) =>
        Math.round(planes[i % 3]![Math.floor(i / 3)]!),
      );
      expect(Array.from(p.data)).toEqual(expected);
    }
  });

  it('guided filter keeps an edge that the guide shows and smooths where it does not', () => {
    const w = 40;
    const h = 10;
    const guide = new Float32Array(w * h);
    const p = new Float32Array(w * h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        guide[y * w + x] = x < 20 ? 0.1 : 0.9; // true edge at x = 20
        p[y * w + x] = x < 24 ? 0 : 1; // mask edge off by 4 px
      }
    }
    const q = guidedFilterGray(guide, p, w, h, 6, 1e-4);
    // The filtered mask moves its 0.5 crossing toward the guide's edge.
    let cross = 0;
    for (let x = 0; x < w; x++) if (q[5 * w + x]! < 0.5) cross = x;
    expect(cross).toBeLessThan(23);
  });
});

describe('matte metrics', () => {
  it('computes IoU and boundary F', () => {
    const w = 30;
    const a = new Uint8Array(w * w);
    const b = new Uint8Array(w * w);
    for (let y = 5; y < 25; y++) {
      for (let x = 5; x < 25; x++) a[y * w + x] = 1;
      for (let x = 7; x < 25; x++) b[y * w + x] = 1;
    }
    expect(iou(a, b)).toBeCloseTo(18 / 20, 5);
    expect(boundaryF(a, b, w, w, 3)).toBe(1); // 2 px shift is within tolerance
    expect(boundaryF(a, b, w, w, 1)).toBeLessThan(1);
    expect(Array.from(binarise(Uint8Array.from([0, 127, 128, 255])))).toEqual([0, 0, 1, 1]);
  });
});
