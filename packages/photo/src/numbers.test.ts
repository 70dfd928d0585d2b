import { describe, expect, it } from 'vitest';
import { median } from './numbers.js';

describe('median', () => {
  it('is the element at index ⌊n/2⌋ of the sorted values, as a comparator sort gives it', () => {
    let s = 99;
    for (const n of [1, 2, 5, 64, 1001]) {
      const v = Array.from({ length: n }, () => ((s = (s * 1103515245 + 12345) >>> 0) % 5000) / 7 - 300);
      const sorted = [...v].sort((a, b) => a - b);
      expect(median(v)).toBe(sorted[n >> 1]);
    }
    expect(median([3, 1, 2, 10])).toBe(3);
    expect(median(new Float32Array([0.5]))).toBe(0.5);
  });

  it('is 0 for no values', () => {
    expect(median([])).toBe(0);
  });
});
