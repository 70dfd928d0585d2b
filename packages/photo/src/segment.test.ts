import { describe, expect, it } from 'vitest';
import { landscapePlacement, MAX_STRETCH, placement, toModelInput } from './segment.js';

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
    expect(input[255 * 256 * 3]).toBeCloseTo(0, 5); // bottom padding repeats the bottom row
  });

  it("stretches photos from 3:4 to wide ones over the landscape model's whole 256×144 input", () => {
    for (const [w, h] of [
      [600, 800],
      [3024, 4032],
      [512, 512],
      [1920, 1080],
    ] as const) {
      expect(landscapePlacement(w, h)).toEqual({ x0: 0, y0: 0, w: 256, h: 144 });
    }
  });

  it('pads narrower or much wider photos so the landscape model changes their aspect ratio at most 2.4 times', () => {
    const tall = landscapePlacement(1080, 2400); // 9:20
    expect(tall.h).toBe(144);
    expect(tall.w).toBeLessThan(256);
    expect(tall.x0).toBe((256 - tall.w) >> 1);
    expect(256 / 144 / (1080 / 2400) / (256 / tall.w)).toBeCloseTo(2.4, 1);
    const wide = landscapePlacement(6000, 1000); // 6:1 panorama
    expect(wide.w).toBe(256);
    expect(wide.h).toBeLessThan(144);
    expect(wide.y0).toBe((144 - wide.h) >> 1);
    // narrowed 2.4 times on the input, not widened
    expect(wide.w / wide.h / (6000 / 1000)).toBeCloseTo(1 / 2.4, 1);
  });

  it('lays a photo out on a model input of any size', () => {
    const data = new Uint8Array(30 * 40 * 3).fill(128);
    const input = toModelInput(
      { data, width: 30, height: 40, channels: 3 },
      landscapePlacement(30, 40),
      256,
      144,
    );
    expect(input.length).toBe(256 * 144 * 3);
    expect(input[(143 * 256 + 255) * 3]).toBeCloseTo(128 / 255, 5);
  });
});
