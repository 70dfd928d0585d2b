import { describe, expect, it } from 'vitest';
import { rangeMargin, solvePlacement, type HeadMeasures, type TargetGeometry } from './geometry.js';

const XUEXIN: TargetGeometry = { width: 480, height: 640, headTop: [50, 110], eyeLine: [200, 300], faceWidth: [180, 300] };
const noLimit = (): number => Infinity;

describe('rangeMargin', () => {
  it('is 1 at the centre, 0 on the edges and negative outside', () => {
    expect(rangeMargin(80, [50, 110])).toBe(1);
    expect(rangeMargin(50, [50, 110])).toBe(0);
    expect(rangeMargin(110, [50, 110])).toBe(0);
    expect(rangeMargin(120, [50, 110])).toBeLessThan(0);
  });
});

describe('solvePlacement', () => {
  it('centres every measure when the head proportions allow it', () => {
    // crown→eyes of 170 px and face 240 px at scale 1 put all three at their centres (80, 250, 240).
    const m: HeadMeasures = { crownY: 100, eyeY: 270, faceWidth: 240, centreX: 300 };
    const p = solvePlacement(m, XUEXIN, noLimit);
    expect(p.margin).toBeGreaterThan(0.99);
    expect(p.headTop).toBeCloseTo(80, 0);
    expect(p.eyeLine).toBeCloseTo(250, 0);
    expect(p.faceWidth).toBeCloseTo(240, 0);
    // face centred horizontally
    expect(p.scale * m.centreX + p.offsetX).toBeCloseTo(240, 6);
  });

  it('is scale invariant: a source twice as large gives half the scale and the same output', () => {
    const m: HeadMeasures = { crownY: 120, eyeY: 330, faceWidth: 260, centreX: 400 };
    const m2: HeadMeasures = { crownY: 240, eyeY: 660, faceWidth: 520, centreX: 800 };
    const a = solvePlacement(m, XUEXIN, noLimit);
    const b = solvePlacement(m2, XUEXIN, noLimit);
    expect(b.scale).toBeCloseTo(a.scale / 2, 4);
    expect(b.headTop).toBeCloseTo(a.headTop, 2);
    expect(b.eyeLine).toBeCloseTo(a.eyeLine, 2);
  });

  it('balances the margins when the proportions pull apart (long hair above the eyes)', () => {
    const m: HeadMeasures = { crownY: 0, eyeY: 260, faceWidth: 200, centreX: 200 };
    const p = solvePlacement(m, XUEXIN, noLimit);
    expect(p.margin).toBeGreaterThan(0);
    const margins = [rangeMargin(p.headTop, XUEXIN.headTop), rangeMargin(p.eyeLine, XUEXIN.eyeLine), rangeMargin(p.faceWidth, XUEXIN.faceWidth)];
    expect(Math.min(...margins)).toBeCloseTo(p.margin, 3);
    // every measure inside its range
    expect(p.headTop).toBeGreaterThanOrEqual(50);
    expect(p.headTop).toBeLessThanOrEqual(110);
    expect(p.eyeLine).toBeGreaterThanOrEqual(200);
    expect(p.eyeLine).toBeLessThanOrEqual(300);
    expect(p.faceWidth).toBeGreaterThanOrEqual(180);
    expect(p.faceWidth).toBeLessThanOrEqual(300);
  });

  it('is at least as good as any point of a brute-force grid', () => {
    const m: HeadMeasures = { crownY: 40, eyeY: 230, faceWidth: 170, centreX: 250 };
    const p = solvePlacement(m, XUEXIN, noLimit);
    let best = -Infinity;
    for (let s = 0.8; s <= 2; s += 0.005) {
      for (let ty = -400; ty <= 200; ty += 0.5) {
        const v = Math.min(
          rangeMargin(s * m.crownY + ty, XUEXIN.headTop),
          rangeMargin(s * m.eyeY + ty, XUEXIN.eyeLine),
          rangeMargin(s * m.faceWidth, XUEXIN.faceWidth),
        );
        best = Math.max(best, v);
      }
    }
    expect(p.margin).toBeGreaterThanOrEqual(best - 0.01);
  });

  it('never shows rows below the bottom limit', () => {
    const m: HeadMeasures = { crownY: 100, eyeY: 270, faceWidth: 240, centreX: 300 };
    // The source ends 300 px below the eyes: at scale 1 the output bottom (640) would need 390.
    const limit = 270 + 300;
    const p = solvePlacement(m, XUEXIN, () => limit);
    expect((XUEXIN.height - p.offsetY) / p.scale).toBeLessThanOrEqual(limit + 1e-6);
    expect(p.margin).toBeLessThan(1);
  });

  it('reports a negative margin when the figure cannot reach the bottom edge', () => {
    const m: HeadMeasures = { crownY: 100, eyeY: 270, faceWidth: 240, centreX: 300 };
    const p = solvePlacement(m, XUEXIN, () => 270 + 120);
    expect(p.margin).toBeLessThan(0);
    expect(solvePlacement(m, XUEXIN, noLimit).margin).toBeGreaterThan(0.9);
  });

  it('scales the ranges for other specs', () => {
    const oneInch: TargetGeometry = {
      width: 295,
      height: 413,
      headTop: [(50 * 413) / 640, (110 * 413) / 640],
      eyeLine: [(200 * 413) / 640, (300 * 413) / 640],
      faceWidth: [(180 * 295) / 480, (300 * 295) / 480],
    };
    const m: HeadMeasures = { crownY: 100, eyeY: 270, faceWidth: 240, centreX: 300 };
    const p = solvePlacement(m, oneInch, noLimit);
    expect(p.margin).toBeGreaterThan(0.5);
    expect(p.scale * m.centreX + p.offsetX).toBeCloseTo(295 / 2, 6);
  });

  it('keeps to a smallest scale and still balances the other measures', () => {
    const m: HeadMeasures = { crownY: 100, eyeY: 270, faceWidth: 240, centreX: 300 };
    const free = solvePlacement(m, XUEXIN, noLimit);
    const held = solvePlacement(m, XUEXIN, noLimit, free.scale * 1.1);
    expect(held.scale).toBeGreaterThanOrEqual(free.scale * 1.1 - 1e-9);
    expect(held.margin).toBeLessThan(free.margin);
    expect(held.margin).toBeGreaterThan(0.5);
  });
});
