import { describe, expect, it } from 'vitest';
import { MAX_STRETCH, placement, toModelInput } from './segment.js';

describe('segmentation input placement', () => {
  it('stretches portraits up to 3:4 over the whole 256×256 input', () => {
    expect(placement(600, 800)).toEqual({ x0: 0, y0: 0, w: 256, h: 256 });
    expect(placement(3024, 4032)).toEqual({ x0: 0, y0: 0, w: 256, h: 256 });
    expect(placement(512, 512)).toEqual({ x0: 0, y0: 0, w: 256, h: 256 });
  });

  it('pads 16:9 images along the short side so the person is squashed at most 4:3', () => {
    const p = placement(1920, 1080);
    expect(p.w).toBe(256);
    expect(p.h).toBeLessThan(256);
    expect((1920 / 1080) * (p.h / p.w)).toBeCloseTo(MAX_STRETCH, 1);
    expect(p.y0).toBe((256 - p.h) >> 1);
    const q = placement(1080, 1920);
    expect(q.h).toBe(256);
    expect(q.x0).toBe((256 - q.w) >> 1);
  });

  it('repeats the edge pixels into the padding', () => {
    const W = 40;
    const H = 10;
    const data = new Uint8Array(W * H * 3);
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) data[(y * W + x) * 3] = y < H / 2 ? 255 : 0;
    const at = placement(W, H);
    const input = toModelInput({ data, width: W, height: H, channels: 3 }, at);
    expect(input[0]).toBeCloseTo(1, 5); // top padding repeats the top row (red)
    expect(input[(255 * 256) * 3]).toBeCloseTo(0, 5); // bottom padding repeats the bottom row
  });
});
