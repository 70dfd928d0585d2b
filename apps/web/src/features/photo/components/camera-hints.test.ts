import { describe, expect, it } from 'vitest';
import { cameraHint, eyeTilt, sampleLight, toViewfinder, visibleCrop, type FaceBox } from './camera-hints.js';

const centred: FaceBox = {
  x: 0.31,
  y: 0.2,
  width: 0.38,
  height: 0.3,
  leftEye: { x: 0.42, y: 0.32 },
  rightEye: { x: 0.58, y: 0.32 },
};
const even = { left: 140, right: 150 };

describe('cameraHint', () => {
  it('says good for one centred, well-sized, level face in even light', () => {
    expect(cameraHint([centred], even)).toEqual({ key: 'good', tone: 'ok' });
  });
  it('asks for exactly one person', () => {
    expect(cameraHint([], even)?.key).toBe('noFace');
    expect(cameraHint([centred, centred], even)?.key).toBe('manyFaces');
  });
  it('tells where to move', () => {
    expect(cameraHint([{ ...centred, x: 0.02 }], even)?.key).toBe('outside');
    expect(cameraHint([{ ...centred, x: 0.42, width: 0.16, y: 0.28, height: 0.14 }], even)?.key).toBe(
      'tooFar',
    );
    expect(cameraHint([{ ...centred, x: 0.18, width: 0.64, y: 0.1, height: 0.5 }], even)?.key).toBe(
      'tooClose',
    );
  });
  it('notices a tilted head from the eyes', () => {
    expect(cameraHint([{ ...centred, rightEye: { x: 0.58, y: 0.35 } }], even)?.key).toBe('tilted');
    expect(
      eyeTilt({ ...centred, leftEye: { x: 0.58, y: 0.32 }, rightEye: { x: 0.42, y: 0.32 } }),
    ).toBeCloseTo(0);
  });
  it('gives light hints with or without a face detector', () => {
    expect(cameraHint(null, { left: 30, right: 40 })?.key).toBe('dark');
    expect(cameraHint(null, { left: 250, right: 245 })?.key).toBe('bright');
    expect(cameraHint(null, { left: 60, right: 160 })?.key).toBe('uneven');
    expect(cameraHint([centred], { left: 60, right: 160 })?.key).toBe('uneven');
    expect(cameraHint(null, even)).toBeNull();
    expect(cameraHint(null, null)).toBeNull();
  });
});

describe('sampleLight', () => {
  it('measures the left and right halves of the head area', () => {
    const w = 30;
    const h = 40;
    const data = new Uint8ClampedArray(w * h * 4);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const v = x < w / 2 ? 50 : 200;
        data.set([v, v, v, 255], (y * w + x) * 4);
      }
    const s = sampleLight(data, w, h);
    expect(s.left).toBeCloseTo(50, 0);
    expect(s.right).toBeCloseTo(200, 0);
  });
});

describe('visibleCrop / toViewfinder', () => {
  it('crops a landscape frame to the middle of a 3:4 viewfinder', () => {
    expect(visibleCrop(1600, 1200)).toEqual({ x: 350, y: 0, width: 900, height: 1200 });
    expect(visibleCrop(720, 1280)).toEqual({ x: 0, y: 160, width: 720, height: 960 });
  });
  it('maps boxes into the viewfinder, mirrored for the front camera', () => {
    const crop = { x: 500, y: 0, width: 900, height: 1200 };
    const box = { x: 590, y: 120, width: 90, height: 120 };
    expect(toViewfinder(box, crop, false)).toEqual({ x: 0.1, y: 0.1, width: 0.1, height: 0.1 });
    expect(toViewfinder(box, crop, true).x).toBeCloseTo(0.8);
  });
});
