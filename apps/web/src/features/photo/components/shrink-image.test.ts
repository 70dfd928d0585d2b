import { describe, expect, it } from 'vitest';
import { targetSize } from './shrink-image.js';

describe('targetSize', () => {
  it('keeps photos up to 12 MP', () => {
    expect(targetSize(4000, 3000)).toBeNull();
    expect(targetSize(1080, 1440)).toBeNull();
  });
  it('scales a 48 MP photo to at most 12 MP with its aspect ratio', () => {
    const s = targetSize(8000, 6000)!;
    expect(s.width * s.height).toBeLessThanOrEqual(12_000_000);
    expect(s.width * s.height).toBeGreaterThan(11_900_000);
    expect(s.width / s.height).toBeCloseTo(8000 / 6000, 2);
  });
});
