import { describe, expect, it } from 'vitest';
import { hairTops, straightCrownCut, type CrownBand } from './crown-cut.js';
import type { Raster } from './types.js';

const W = 400;
const H = 400;
const band: CrownBand = { x0: 80, x1: 320, startY: 200, fw: 200 };

/** A head as an alpha: an ellipse (the dome of the hair) over a filled body, optionally cut by a line. */
function head(cut?: (x: number) => number, jitter = 0): Raster {
  const data = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const dx = (x - 200) / 125;
      const dy = (y - 190) / 150;
      const rough = jitter * Math.sin(x * 1.7) * Math.sin(x * 0.37);
      const inside = dx * dx + dy * dy <= 1 || y > 190;
      if (inside && (!cut || y >= cut(x) + rough) && y >= 40 + rough) data[y * W + x] = 255;
    }
  }
  return { data, width: W, height: H, channels: 1 };
}

function crownOf(a: Raster): number {
  const tops = hairTops(a, band);
  return Math.min(...Array.from(tops).filter((v) => !Number.isNaN(v)));
}

describe('straightCrownCut', () => {
  it('leaves a round head alone', () => {
    const a = head();
    expect(straightCrownCut(a, band, crownOf(a))).toBe(false);
  });

  it('finds hair cut by a level border inside the picture', () => {
    const a = head(() => 70);
    expect(crownOf(a)).toBe(70);
    expect(straightCrownCut(a, band, 70)).toBe(true);
  });

  it('finds hair cut by a slanted border (a rotated photo on a flat ground)', () => {
    const a = head((x) => 60 + 0.15 * x);
    expect(straightCrownCut(a, band, crownOf(a))).toBe(true);
  });

  it('takes a flat but ragged top of hair for hair, not a cut', () => {
    const a = head(() => 70, 4);
    expect(straightCrownCut(a, band, crownOf(a))).toBe(false);
  });

  it('takes a shorter straight cut for a border only under a flat strip', () => {
    // Cut 13 px below the top of the dome: the straight stretch spans about half a face width.
    const a = head(() => 53);
    const image = (noise: number): Raster => {
      const data = new Uint8Array(W * H * 3);
      for (let i = 0; i < data.length; i++) data[i] = 200 + Math.round(noise * Math.sin(i * 12.9898) * 43758.5453) % (noise + 1);
      return { data, width: W, height: H, channels: 3 };
    };
    expect(straightCrownCut(a, band, 53)).toBe(false);
    expect(straightCrownCut(a, band, 53, image(0))).toBe(true);
    expect(straightCrownCut(a, band, 53, image(12))).toBe(false);
  });

  it('does not judge faces too small for a pixel tolerance', () => {
    const a = head(() => 70);
    expect(straightCrownCut(a, { ...band, fw: 60 }, 70)).toBe(false);
  });
});
