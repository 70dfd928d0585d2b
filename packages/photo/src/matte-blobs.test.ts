import { describe, expect, it } from 'vitest';
import { components, dropAlphaSpecks, dropSpecks } from './matte-blobs.js';

function grid(rows: string[]): { m: Uint8Array; w: number; h: number } {
  const w = rows[0]!.length;
  const h = rows.length;
  const m = new Uint8Array(w * h);
  rows.forEach((r, y) => [...r].forEach((c, x) => (m[y * w + x] = c === '#' ? 1 : 0)));
  return { m, w, h };
}

describe('person specks', () => {
  const rows = ['#.........', '..........', '...####...', '...####...', '...####..#', '...####...'];

  it('labels 8-connected components', () => {
    const { m, w, h } = grid(rows);
    const { areas } = components(m, w, h);
    expect(areas.slice(1).sort((a, b) => a - b)).toEqual([1, 1, 16]);
  });

  it('drops small components unless a face is inside', () => {
    const { m, w, h } = grid(rows);
    const prob = new Float32Array(w * h).map((_, i) => (m[i] ? 0.9 : 0));
    const n = dropSpecks(m, prob, w, h, [{ x: 9, y: 4 }], 0.1);
    expect(n).toBe(1); // the corner speck goes, the one with a face stays
    expect(m[0]).toBe(0);
    expect(prob[0]).toBeCloseTo(0.2, 5);
    expect(m[4 * w + 9]).toBe(1);
    expect(m[3 * w + 4]).toBe(1);
  });

  it('clears detached flecks of alpha, keeping the person and faint strands joined to it', () => {
    const w = 12;
    const h = 6;
    const alpha = new Uint8Array(w * h);
    // person: a 4×4 block; a faint strand (alpha 20) joined to it; a fleck of 2 px apart with a faint rim
    for (let y = 2; y < 6; y++) for (let x = 0; x < 4; x++) alpha[y * w + x] = 255;
    alpha[1 * w + 4] = 20;
    alpha[0 * w + 5] = 20;
    alpha[3 * w + 9] = 200;
    alpha[3 * w + 10] = 180;
    alpha[4 * w + 10] = 10;
    const cleared = dropAlphaSpecks(alpha, w, h, 3);
    expect(cleared).toBe(2);
    expect(alpha[3 * w + 9]).toBe(0);
    expect(alpha[3 * w + 10]).toBe(0);
    expect(alpha[4 * w + 10]).toBe(10); // below the joining level: left as it is (invisible)
    expect(alpha[0 * w + 5]).toBe(20);
    expect(alpha[2 * w]).toBe(255);
    expect(dropAlphaSpecks(alpha, w, h, 0)).toBe(0);
  });

  it('clears exactly the 8-connected pieces under the area that a pixel-by-pixel labelling finds', () => {
    let seed = 7;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 20; round++) {
      const w = 40 + Math.floor(rand() * 30);
      const h = 30 + Math.floor(rand() * 30);
      const alpha = Uint8Array.from({ length: w * h }, () => (rand() < 0.45 ? Math.floor(rand() * 256) : 0));
      const maxArea = 1 + Math.floor(rand() * 12);
      // Reference: label pixel by pixel, clear the small components.
      const expected = Uint8Array.from(alpha);
      const { labels, areas } = components(
        Uint8Array.from(alpha, (a) => (a >= 16 ? 1 : 0)),
        w,
        h,
      );
      let count = 0;
      for (let i = 0; i < labels.length; i++) {
        if (labels[i] && areas[labels[i]!]! < maxArea) {
          expected[i] = 0;
          count++;
        }
      }
      expect(dropAlphaSpecks(alpha, w, h, maxArea)).toBe(count);
      expect(alpha).toEqual(expected);
    }
  });
});
