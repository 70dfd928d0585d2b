import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeMatte, type MatteResult } from './matte.js';
import { loadSegmenter, segmenterLoadMs, segmentPerson } from './segment.js';
import type { Raster } from './types.js';

const fixture = (name: string): string => new URL(`../test-fixtures/portraits/${name}`, import.meta.url).pathname;

async function readRgb(path: string): Promise<Raster> {
  const { data, info } = await sharp(readFileSync(path)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height, channels: 3 };
}

/** Mean of alpha/255 over a rectangle. */
function meanAlpha(m: MatteResult, x0: number, y0: number, x1: number, y1: number): number {
  const { data, width } = m.alpha;
  let s = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) s += data[y * width + x]!;
  return s / ((x1 - x0) * (y1 - y0) * 255);
}

describe('person segmentation and matte on a real portrait (obama.jpg, busy office background)', () => {
  let img: Raster;
  let m: MatteResult;
  beforeAll(async () => {
    await loadSegmenter();
    img = await readRgb(fixture('obama.jpg'));
    m = await computeMatte(img);
  }, 60_000);

  it('loads the model from the repository and reports the load time', () => {
    expect(segmenterLoadMs()).toBeGreaterThan(0);
  });

  it('segments the person on a 256×256 probability grid', async () => {
    const c = await segmentPerson(img);
    expect(c.width * c.height).toBe(c.prob.length);
    expect(c.prob[128 * 256 + 128]!).toBeGreaterThan(0.9);
    expect(c.prob[2 * 256 + 2]!).toBeLessThan(0.1);
  });

  it('returns alpha and foreground at the input size', () => {
    expect(m.alpha).toMatchObject({ width: img.width, height: img.height, channels: 1 });
    expect(m.alpha.data.length).toBe(img.width * img.height);
    expect(m.foreground).toMatchObject({ width: img.width, height: img.height, channels: 3 });
  });

  it('is opaque on the face and the suit, transparent in the corners', () => {
    expect(meanAlpha(m, 420, 150, 570, 340)).toBeGreaterThan(0.99); // face
    expect(meanAlpha(m, 300, 700, 600, 1000)).toBeGreaterThan(0.99); // chest
    const s = 24;
    const { width: W } = img;
    const H2 = Math.floor(img.height / 2);
    expect(meanAlpha(m, 0, 0, s, s)).toBeLessThan(0.01);
    expect(meanAlpha(m, W - s, 0, W, s)).toBeLessThan(0.01);
    expect(meanAlpha(m, 0, H2, s, H2 + s)).toBeLessThan(0.01);
  });

  it('has a soft edge, confined to a band', () => {
    let soft = 0;
    for (const a of m.alpha.data) if (a > 16 && a < 240) soft++;
    const frac = soft / m.alpha.data.length;
    expect(frac).toBeGreaterThan(0.002);
    expect(frac).toBeLessThan(0.08);
    expect(m.stats.unknownFraction).toBeGreaterThan(0);
    expect(m.stats.personFraction).toBeGreaterThan(0.3);
    expect(m.stats.personFraction).toBeLessThan(0.8);
  });

  it('pulls edge colours away from the old wall colour (decontamination)', () => {
    const wall = m.stats.wallColor;
    const dist = (d: Uint8Array, i: number): number =>
      Math.hypot(d[i * 3]! - wall[0], d[i * 3 + 1]! - wall[1], d[i * 3 + 2]! - wall[2]);
    let before = 0;
    let after = 0;
    let n = 0;
    for (let i = 0; i < m.alpha.data.length; i++) {
      const a = m.alpha.data[i]!;
      if (a < 64 || a > 192) continue;
      before += dist(img.data, i);
      after += dist(m.foreground.data, i);
      n++;
    }
    expect(n).toBeGreaterThan(500);
    expect(after / n).toBeGreaterThan(before / n + 10);
  });

  it('rates the office background as busy', () => {
    expect(m.stats.backgroundBusyness).toBeGreaterThan(0.3);
  });
});

describe('computeMatte on unusual input', () => {
  it('handles a tiny RGBA image and an image without a person', async () => {
    const W = 24;
    const H = 30;
    const rgba = new Uint8Array(W * H * 4).fill(200);
    const small = await computeMatte({ data: rgba, width: W, height: H, channels: 4 });
    expect(small.alpha.data.length).toBe(W * H);
    expect(small.foreground.data.length).toBe(W * H * 3);

    const flat = new Uint8Array(300 * 400 * 3).fill(235); // an empty white wall
    const m = await computeMatte({ data: flat, width: 300, height: 400, channels: 3 });
    expect(m.stats.personFraction).toBeLessThan(0.05);
    expect(Number.isFinite(m.stats.edgeContrast)).toBe(true);
    expect(m.stats.backgroundBusyness).toBeLessThan(0.05);
  });

  it('matches the pixel size of a 16:9 frame', async () => {
    const img = await readRgb(fixture('two-people.jpg'));
    const m = await computeMatte(img);
    expect(m.alpha.width).toBe(img.width);
    expect(m.stats.personFraction).toBeGreaterThan(0.2);
  });
});
