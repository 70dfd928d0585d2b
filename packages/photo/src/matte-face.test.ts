import { describe, expect, it } from 'vitest';
import { clearWallPockets, protectFaces } from './matte-face.js';
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

describe('clearWallPockets', () => {
  /** 100×100: white wall, skin face box (30..70, 30..80), dark hair beside the jaw (72..84, 52..80) with a wall-coloured 6×6 pocket and one wall-coloured pixel. */
  function pocketScene(hair: [number, number, number]) {
    const W = 100;
    const wall: [number, number, number] = [238, 238, 236];
    const data = new Uint8Array(W * W * 3);
    const alpha = new Uint8Array(W * W);
    for (let y = 0; y < W; y++) {
      for (let x = 0; x < W; x++) {
        const face = x >= 30 && x < 70 && y >= 30 && y < 80;
        const hairHere = x >= 72 && x < 84 && y >= 52 && y < 80;
        const pocket = x >= 75 && x < 81 && y >= 60 && y < 66;
        const lone = x === 82 && y === 70;
        data.set(face ? [205, 150, 120] : hairHere && !pocket && !lone ? hair : wall, (y * W + x) * 3);
        alpha[y * W + x] = face || hairHere ? 255 : 0;
      }
    }
    const local = { fg: [0, 1, 2].map((c) => new Float32Array(16).fill(hair[c]! / 255)), width: 4, height: 4 };
    return { image: { data, width: W, height: W, channels: 3 } as Raster, alpha, fg: new Uint8Array(data), wall, local, W, face: { x: 30, y: 30, width: 40, height: 50 } };
  }

  it('clears a pocket of wall enclosed by hair beside the jaw, not a lone light pixel, the hair or the face', () => {
    const s = pocketScene([40, 30, 25]);
    const n = clearWallPockets(s.alpha, s.fg, s.image, [s.face], s.wall, s.local);
    expect(n).toBe(36);
    expect(s.alpha[62 * s.W + 77]).toBe(0);
    expect(s.alpha[70 * s.W + 82]).toBe(255); // a highlight, not a pocket
    expect(s.alpha[55 * s.W + 73]).toBe(255); // hair
    expect(s.alpha[60 * s.W + 50]).toBe(255); // face
  });

  it('leaves hair close to the wall colour alone (light hair on a light wall)', () => {
    const s = pocketScene([225, 222, 214]);
    // The hair is within reach of the wall colour, but nearer its own colour around it.
    for (let y = 60; y < 66; y++) for (let x = 75; x < 81; x++) s.image.data.set([229, 227, 221], (y * s.W + x) * 3);
    expect(clearWallPockets(s.alpha, s.fg, s.image, [s.face], s.wall, s.local)).toBe(0);
    expect(s.alpha[62 * s.W + 77]).toBe(255);
    expect(s.alpha[55 * s.W + 73]).toBe(255);
  });
});
