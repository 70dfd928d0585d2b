import { describe, expect, it } from 'vitest';
import { CheckCode } from './check-codes.js';
import { matteChecks, THRESHOLDS } from './checks.js';
import { crownDoubt } from './crown-doubt.js';
import type { DetectedFace } from './face.js';
import type { MatteStats } from './matte.js';
import type { CoarseMask } from './segment.js';
import type { Raster } from './types.js';

const W = 400;
const H = 400;
const p = (x: number, y: number) => ({ x, y });
/** A face 100 px wide (x 150–250), forehead at y 140, box 130 px high. */
const face: DetectedFace = {
  box: { x: 150, y: 130, width: 100, height: 130 },
  score: 0.9,
  meshScore: 1,
  mesh: [],
  pose: { roll: 0, yaw: 0, pitch: 0 },
  landmarks: {
    pupilLeft: p(180, 180),
    pupilRight: p(220, 180),
    irisRadius: 4,
    cheekLeft: p(150, 200),
    cheekRight: p(250, 200),
    chin: p(200, 260),
    forehead: p(200, 140),
    noseTip: p(200, 215),
    crownEstimate: p(200, 90),
  },
};

/** Alpha: a head column (x 140–260) from `top` down. */
function alphaFrom(top: number): Raster {
  const data = new Uint8Array(W * H);
  for (let y = top; y < H; y++) for (let x = 140; x <= 260; x++) data[y * W + x] = 255;
  return { data, width: W, height: H, channels: 1 };
}

/** Probability on a 100×100 grid: sure (0.95) from `sureTop` down, half-believed (0.6) from `top` to it. */
function coarseFrom(top: number, sureTop: number): CoarseMask {
  const g = 100;
  const prob = new Float32Array(g * g);
  for (let r = 0; r < g; r++)
    for (let c = 35; c <= 65; c++) {
      const y = (r * H) / g;
      prob[r * g + c] = y >= sureTop ? 0.95 : y >= top ? 0.6 : 0;
    }
  return { prob, width: g, height: g };
}

describe('crownDoubt', () => {
  it('is about zero when the segmentation is sure of the hair up to the matte crown', () => {
    expect(crownDoubt(alphaFrom(60), coarseFrom(60, 60), face)).toBeLessThan(0.05);
  });

  it('measures the half-believed height above the head as a share of the face height', () => {
    // matte crown at 20, sure from 60: 40 px of a 130 px face
    const d = crownDoubt(alphaFrom(20), coarseFrom(20, 60), face);
    expect(d).toBeGreaterThan(0.28);
    expect(d).toBeLessThan(0.34);
  });

  it('feeds the hair-outline check, which rejects above the threshold', () => {
    const stats = { lowContrastFraction: 0, lowContrastDoubt: 0, backgroundBusyness: 0 } as MatteStats;
    const ok = matteChecks(stats, 1, 0.05).find((c) => c.code === CheckCode.HAIR_OUTLINE_UNCLEAR)!;
    const bad = matteChecks(stats, 1, THRESHOLDS.maxCrownDoubt + 0.1).find(
      (c) => c.code === CheckCode.HAIR_OUTLINE_UNCLEAR,
    )!;
    expect(ok.passed).toBe(true);
    expect(bad.passed).toBe(false);
    expect(bad.severity).toBe('reject');
    expect(bad.message.en).toContain('top of your hair');
  });
});
