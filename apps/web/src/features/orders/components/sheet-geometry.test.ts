import { describe, expect, it } from 'vitest';
import { layoutSheet, SHEET as ENGINE_SHEET } from '@gradphoto/photo/sheet';
import { SHEET, layoutCounts, sheetSlots } from './sheet-geometry.js';

describe('sheet geometry (browser copy of packages/photo sheet.ts)', () => {
  it('版式一 is 2寸×4 + 1寸×8, 版式二 is 2寸×8', () => {
    expect(layoutCounts(1)).toEqual({ one: 8, two: 4 });
    expect(layoutCounts(2)).toEqual({ one: 0, two: 8 });
  });

  it('keeps every slot on the sheet without overlaps', () => {
    for (const layout of [1, 2] as const) {
      const slots = sheetSlots(layout);
      for (const s of slots) {
        expect(s.x).toBeGreaterThanOrEqual(0);
        expect(s.y).toBeGreaterThanOrEqual(0);
        expect(s.x + s.width).toBeLessThanOrEqual(SHEET.width);
        expect(s.y + s.height).toBeLessThanOrEqual(SHEET.height);
      }
      for (const a of slots)
        for (const b of slots) {
          if (a === b) continue;
          const apart =
            a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
          expect(apart).toBe(true);
        }
    }
  });

  it('is exactly the photo engine layout (which cannot be bundled: it needs sharp)', () => {
    expect(SHEET).toEqual({ width: ENGINE_SHEET.width, height: ENGINE_SHEET.height });
    expect(sheetSlots(1)).toEqual(layoutSheet(1));
    expect(sheetSlots(2)).toEqual(layoutSheet(2));
    expect(sheetSlots(1)[4]).toEqual({
      size: 'one_inch',
      x: 16,
      y: 594,
      width: 413,
      height: 295,
      rotated: true,
    });
  });
});
