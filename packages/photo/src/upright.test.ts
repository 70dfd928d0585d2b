import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { CheckCode } from './check-codes.js';
import { loadFaceModels, type DetectedFace } from './face.js';
import { processPhoto } from './process.js';
import { loadSegmenter } from './segment.js';
import { measureOutput, portrait } from './test-helpers.js';
import type { Point, Raster } from './types.js';
import { quarterTurnsToUpright, turnRaster } from './upright.js';

describe('turnRaster', () => {
  // 3 wide, 2 high, one channel: 1 2 3 / 4 5 6
  const r: Raster = { width: 3, height: 2, channels: 1, data: Uint8Array.from([1, 2, 3, 4, 5, 6]) };

  it('turns clockwise by quarter turns', () => {
    expect(turnRaster(r, 1)).toEqual({
      width: 2,
      height: 3,
      channels: 1,
      data: Uint8Array.from([4, 1, 5, 2, 6, 3]),
    });
    expect(turnRaster(r, 2).data).toEqual(Uint8Array.from([6, 5, 4, 3, 2, 1]));
    expect(turnRaster(r, 3)).toEqual({
      width: 2,
      height: 3,
      channels: 1,
      data: Uint8Array.from([3, 6, 2, 5, 1, 4]),
    });
  });

  it('comes back after four quarter turns, and keeps the channels of a pixel together', () => {
    const rgb: Raster = { width: 2, height: 1, channels: 3, data: Uint8Array.from([10, 20, 30, 40, 50, 60]) };
    expect(turnRaster(rgb, 1).data).toEqual(Uint8Array.from([10, 20, 30, 40, 50, 60]));
    expect(turnRaster(rgb, 3).data).toEqual(Uint8Array.from([40, 50, 60, 10, 20, 30]));
    expect(turnRaster(turnRaster(r, 1), 3)).toEqual(r);
    expect(turnRaster(r, 4)).toBe(r);
  });
});

describe('quarterTurnsToUpright', () => {
  /** A face whose chin lies `down` from between the eyes, pupils across it. */
  function lying(down: Point, roll: number): DetectedFace {
    const eye = { x: 100, y: 100 };
    const across = { x: -down.y, y: down.x };
    const at = (k: number, v: Point) => ({ x: eye.x + k * v.x, y: eye.y + k * v.y });
    return {
      pose: { roll, yaw: 0, pitch: 0 },
      landmarks: { pupilLeft: at(-0.3, across), pupilRight: at(0.3, across), chin: at(1, down) },
    } as unknown as DetectedFace;
  }

  it('turns a face whose chin points right once and one whose chin points left three times', () => {
    expect(quarterTurnsToUpright(lying({ x: 100, y: 10 }, -85))).toBe(1);
    expect(quarterTurnsToUpright(lying({ x: -100, y: -10 }, 84))).toBe(3);
  });

  it('leaves upright and merely tilted faces alone', () => {
    expect(quarterTurnsToUpright(lying({ x: 5, y: 100 }, 3))).toBe(0);
    expect(quarterTurnsToUpright(lying({ x: 60, y: 80 }, 37))).toBe(0);
  });
});

describe('a photo stored sideways', () => {
  beforeAll(async () => {
    await Promise.all([loadFaceModels(), loadSegmenter()]);
  }, 120_000);

  it.each([90, 270])(
    'turned %i° without an orientation tag: produced upright, with a warning and the mask as stored',
    async (deg) => {
      const sideways = await sharp(portrait('obama.jpg')).rotate(deg).jpeg({ quality: 92 }).toBuffer();
      const meta = await sharp(sideways).metadata();
      expect(meta.orientation ?? 1).toBe(1);
      const r = await processPhoto(new Uint8Array(sideways), { wantMask: true });
      const turned = r.checks.find((c) => c.code === CheckCode.PHOTO_TURNED)!;
      expect(turned).toMatchObject({ passed: false, severity: 'warn', value: 360 - deg });
      expect(r.verdict).toBe('warn');
      const g = await measureOutput(r.output!.bytes);
      expect(g.eyeLine).toBeGreaterThanOrEqual(200);
      expect(g.eyeLine).toBeLessThanOrEqual(300);
      expect(Math.abs(g.pupilTilt)).toBeLessThanOrEqual(1);
      // the report's landmarks are in the file as stored: the upright photo's nose tip, turned with it
      const up = await processPhoto(portrait('obama.jpg'));
      const { width: W, height: H } = await sharp(portrait('obama.jpg')).metadata();
      const n = up.face!.landmarks.noseTip;
      const expected = deg === 90 ? { x: H! - n.y, y: n.x } : { x: n.y, y: W! - n.x };
      expect(
        Math.hypot(r.face!.landmarks.noseTip.x - expected.x, r.face!.landmarks.noseTip.y - expected.y),
      ).toBeLessThan(0.01 * W!);
      expect(r.face!.box.x + r.face!.box.width).toBeLessThanOrEqual(meta.width!);
      // the mask belongs to the file as stored: sideways, the figure's body towards the side it lay on
      expect([r.mask!.width, r.mask!.height]).toEqual([meta.width, meta.height]);
      const column = (x: number) => {
        let n = 0;
        for (let y = 0; y < r.mask!.height; y++) if (r.mask!.data[y * r.mask!.width + x]! >= 128) n++;
        return n / r.mask!.height;
      };
      // turned clockwise, the body (the photo's bottom edge) lies along the left side
      const [body, head] =
        deg === 90 ? [column(0), column(r.mask!.width - 1)] : [column(r.mask!.width - 1), column(0)];
      expect(body).toBeGreaterThan(0.3);
      expect(head).toBeLessThan(0.05);
    },
  );

  it('leaves an upright photo as it is', async () => {
    const r = await processPhoto(portrait('obama.jpg'));
    expect(r.checks.find((c) => c.code === CheckCode.PHOTO_TURNED)).toMatchObject({ passed: true, value: 0 });
  });
});
