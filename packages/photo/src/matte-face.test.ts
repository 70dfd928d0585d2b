import { describe, expect, it } from 'vitest';
import { protectFaces } from './matte-face.js';
import type { Raster } from './types.js';

/** 100×100 image: wall everywhere, a skin face box at (30..70, 30..80), skin "ears" at x 22..28. */
function setup(wall: [number, number, number]) {
  const W = 100;
  const data = new Uint8Array(W * W * 3);
  const skin = [205, 150, 120];
  for (let y = 0; y < W; y++) {
    for (let x = 0; x < W; x++) {
      const isSkin = (x >= 30 && x < 70 && y >= 30 && y < 80) || (x >= 22 && x < 28 && y >= 45 && y < 65);
      const c = isSkin ? skin : wall;
      data.set(c, (y * W + x) * 3);
    }
  }
  const image: Raster = { data, width: W, height: W, channels: 3 };
  const alpha = new Uint8Array(W * W);
  for (let i = 0; i < alpha.length; i++) alpha[i] = 100; // an unsure matte everywhere
  const fg = new Uint8Array(data);
  return { image, alpha, fg, W, face: { x: 30, y: 30, width: 40, height: 50 } };
}

describe('protectFaces', () => {
  it('makes skin-coloured pixels beside the face opaque and the face centre opaque', () => {
    const s = setup([40, 120, 220]);
    protectFaces(s.alpha, s.fg, s.image, [s.face], [40, 120, 220]);
    expect(s.alpha[55 * s.W + 25]).toBeGreaterThan(240); // ear
    expect(s.alpha[55 * s.W + 18]).toBe(100); // wall beside the ear stays as it was
    expect(s.alpha[55 * s.W + 50]).toBe(255); // face centre
    expect(s.alpha[10 * s.W + 10]).toBe(100); // far away: untouched
  });

  it('leaves the ears alone when the wall itself is skin-coloured', () => {
    const s = setup([190, 140, 112]);
    protectFaces(s.alpha, s.fg, s.image, [s.face], [190, 140, 112]);
    expect(s.alpha[55 * s.W + 25]).toBe(100);
    expect(s.alpha[55 * s.W + 50]).toBe(255);
  });
});
