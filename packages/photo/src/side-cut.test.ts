import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFaceModels } from './face.js';
import { processPhoto } from './process.js';
import { loadSegmenter } from './segment.js';
import { sideMinScale, sideTouchRows, type SideFrame } from './side-cut.js';
import { portrait } from './test-helpers.js';
import type { Point, Raster } from './types.js';

function alphaWith(width: number, height: number, cover: (x: number, y: number) => boolean): Raster {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) data[y * width + x] = cover(x, y) ? 255 : 0;
  return { width, height, channels: 1, data };
}

describe('sideTouchRows', () => {
  it('finds the topmost run of figure on each side edge and ignores specks of a row or two', () => {
    const alpha = alphaWith(
      200,
      300,
      (x, y) => (x < 20 && y >= 150) || (x > 190 && (y === 50 || y === 51 || y >= 250)),
    );
    expect(sideTouchRows(alpha)).toEqual({ left: 150, right: 250 });
    expect(sideTouchRows(alphaWith(200, 300, (x) => x > 50 && x < 150))).toEqual({ left: -1, right: -1 });
  });
});

describe('sideMinScale', () => {
  const level = (p: Point): Point => p;
  const frame: SideFrame = {
    touch: { left: 500, right: -1 },
    width: 700,
    bottomRow: 999,
    centreX: 300,
    outputWidth: 480,
    level,
    outputBottomY: 1000,
  };

  it('is the scale at which half the output width reaches from the face centre to the touched edge', () => {
    expect(sideMinScale(frame)).toBeCloseTo(480 / 2 / 300, 9);
    // the right edge is 400 px from the centre: the left one decides
    expect(sideMinScale({ ...frame, touch: { left: 500, right: 500 } })).toBeCloseTo(0.8, 9);
    expect(sideMinScale({ ...frame, touch: { left: -1, right: 500 } })).toBeCloseTo(0.6, 9);
  });

  it('ignores a touch below what the output shows, and asks more where the levelled edge leans inwards', () => {
    expect(sideMinScale({ ...frame, outputBottomY: 450 })).toBe(0);
    // levelling by 3° turns the source's left edge: its upper end moves right in the levelled frame
    const r = (-3 * Math.PI) / 180;
    const turned = (p: Point): Point => ({
      x: 300 + (p.x - 300) * Math.cos(r) - (p.y - 400) * Math.sin(r),
      y: 400 + (p.x - 300) * Math.sin(r) + (p.y - 400) * Math.cos(r),
    });
    const s = sideMinScale({ ...frame, level: turned });
    const inner = Math.max(turned({ x: 0, y: 500 }).x, turned({ x: 0, y: 999 }).x);
    expect(inner).toBeGreaterThan(0);
    expect(s).toBeCloseTo(240 / (300 - inner), 9);
  });
});

describe('a shoulder running into the side of the photo', () => {
  beforeAll(async () => {
    await Promise.all([loadFaceModels(), loadSegmenter()]);
  }, 120_000);

  it('is not cut off on a straight line: the output shows the suit up to its right edge', async () => {
    // obama-2.jpg: the right shoulder runs into the photo's right edge. Centred at the smallest scale the
    // suit ended on a vertical line some 25 px left of the output's edge, with flat wall beyond it.
    const r = await processPhoto(portrait('obama-2.jpg'));
    expect(r.verdict).not.toBe('reject');
    const { data, info } = await sharp(r.output!.bytes).raw().toBuffer({ resolveWithObject: true });
    const wall = [0x28, 0xbe, 0xfa];
    let far = 0;
    let n = 0;
    for (let y = Math.round(info.height * 0.9); y < info.height; y++) {
      for (let x = info.width - 4; x < info.width; x++) {
        const i = (y * info.width + x) * info.channels;
        n++;
        if (Math.hypot(data[i]! - wall[0]!, data[i + 1]! - wall[1]!, data[i + 2]! - wall[2]!) > 60) far++;
      }
    }
    expect(far / n).toBeGreaterThan(0.9);
  });
});
