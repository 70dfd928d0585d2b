import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { textOutline } from './label-text.js';
import { SHEET, labelArea, layoutSheet, renderSheet, renderSheetPdf, type SheetLayout, type SheetSlot } from './sheet.js';
import type { Rect } from './types.js';

const overlap = (a: Rect, b: Rect, pad = 0) =>
  a.x < b.x + b.width + pad && b.x < a.x + a.width + pad && a.y < b.y + b.height + pad && b.y < a.y + a.height + pad;

let photos: { one_inch: Buffer; two_inch: Buffer };
beforeAll(async () => {
  photos = {
    one_inch: await sharp({ create: { width: 295, height: 413, channels: 3, background: '#C81E1E' } }).jpeg().toBuffer(),
    two_inch: await sharp({ create: { width: 413, height: 579, channels: 3, background: '#1E3CC8' } }).jpeg().toBuffer(),
  };
});

describe('layoutSheet', () => {
  it('holds 1寸×8 + 2寸×4 (layout 1) and 2寸×8 (layout 2)', () => {
    const count = (l: SheetLayout, s: string) => layoutSheet(l).filter((x) => x.size === s).length;
    expect([count(1, 'one_inch'), count(1, 'two_inch')]).toEqual([8, 4]);
    expect([count(2, 'one_inch'), count(2, 'two_inch')]).toEqual([0, 8]);
  });

  for (const layout of [1, 2] as const) {
    it(`layout ${layout}: slots fit 1800×1200, leave room for cut guides, and never overlap`, () => {
      const slots = layoutSheet(layout);
      for (const s of slots) {
        expect(s.x).toBeGreaterThanOrEqual(1);
        expect(s.y).toBeGreaterThanOrEqual(1);
        expect(s.x + s.width).toBeLessThanOrEqual(SHEET.width - 1);
        expect(s.y + s.height).toBeLessThanOrEqual(SHEET.height - 1);
        expect(Number.isInteger(s.x) && Number.isInteger(s.y)).toBe(true);
      }
      for (let i = 0; i < slots.length; i++) {
        for (let j = i + 1; j < slots.length; j++) expect(overlap(slots[i]!, slots[j]!, 2), `${i} vs ${j}`).toBe(false);
      }
      const label = labelArea(layout);
      for (const s of slots) expect(overlap(s, label, 2)).toBe(false);
      expect(label.x + label.width).toBeLessThanOrEqual(SHEET.width);
    });
  }

  it('keeps every photo at its print size in pixels (turned photos swap width and height)', () => {
    const dims = (s: SheetSlot) => (s.rotated ? [s.height, s.width] : [s.width, s.height]);
    for (const s of [...layoutSheet(1), ...layoutSheet(2)]) {
      expect(dims(s)).toEqual(s.size === 'one_inch' ? [295, 413] : [413, 579]);
    }
  });

  it('rejects unknown layouts', () => {
    expect(() => layoutSheet(3 as SheetLayout)).toThrow(/layout/);
  });
});

describe('renderSheet (JPEG)', () => {
  it('renders 1800×1200 at 300 dpi with the photos in their slots and grey cut guides', async () => {
    const { jpeg } = await renderSheet(1, photos);
    const m = await sharp(jpeg).metadata();
    expect([m.width, m.height, m.density, m.isProgressive, m.channels]).toEqual([1800, 1200, 300, false, 3]);
    const { data } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
    const px = (x: number, y: number) => [...data.subarray((y * 1800 + x) * 3, (y * 1800 + x) * 3 + 3)];
    const near = (a: number[], b: number[], tol = 12) => a.every((v, i) => Math.abs(v - b[i]!) <= tol);
    for (const s of layoutSheet(1)) {
      const c = px(s.x + (s.width >> 1), s.y + (s.height >> 1));
      expect(near(c, s.size === 'one_inch' ? [0xc8, 0x1e, 0x1e] : [0x1e, 0x3c, 0xc8]), `${s.size} at ${s.x},${s.y}: ${c}`).toBe(true);
      const g = px(s.x - 1, s.y + (s.height >> 1)); // the guide, just outside the left edge
      expect(near(g, [0xbd, 0xbd, 0xbd], 20), `guide ${g}`).toBe(true);
    }
    const label = labelArea(1);
    expect(near(px(label.x + 30, label.y + 300), [255, 255, 255], 3)).toBe(true); // no label: blank margin
  });

  it('prints a Chinese label in the right margin', async () => {
    const area = labelArea(2);
    const ink = async (label?: string) => {
      const { jpeg } = await renderSheet(2, photos, label ? { label } : {});
      const { data } = await sharp(jpeg).extract({ left: area.x, top: area.y, width: area.width, height: area.height }).greyscale().raw().toBuffer({ resolveWithObject: true });
      return data.filter((v) => v < 128).length;
    };
    expect(await ink()).toBe(0);
    expect(await ink('订单 A0001 张伟')).toBeGreaterThan(500);
  });

  it('needs readable photos of the sizes of the layout', async () => {
    await expect(renderSheet(1, { two_inch: photos.two_inch })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(renderSheet(2, { two_inch: photos.two_inch.subarray(0, 300) })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(renderSheetPdf(2, { two_inch: Buffer.from('not a photo') })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

describe('renderSheetPdf', () => {
  it('writes one 152×102 mm page with the photos embedded as JPEG at 300 dpi', async () => {
    const pdf = await renderSheetPdf(1, photos, { label: '张伟' });
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect(width / (72 / 25.4)).toBeCloseTo(152, 1);
    expect(height / (72 / 25.4)).toBeCloseTo(102, 1);
    const text = pdf.toString('latin1');
    expect(text.match(/\/Subtype \/Image/g)?.length).toBe(2); // each size embedded once
    expect(text).toContain('/Filter /DCTDecode');
    expect(text).toMatch(/\/Width 413[\s\S]*?\/Height 579|\/Height 579[\s\S]*?\/Width 413/);
    expect(text).toMatch(/\/Width 413[\s\S]*?\/Height 295|\/Height 295[\s\S]*?\/Width 413/); // the turned 1寸
  });
});

describe('textOutline', () => {
  it('finds glyphs for Chinese names, Latin and digits in the npm font', () => {
    const t = textOutline('张伟 欧阳娜娜 Zoë 2024', 40);
    expect(t.missing).toEqual([]);
    expect(t.d.length).toBeGreaterThan(1000);
    expect(t.width).toBeGreaterThan(40 * 8);
  });

  it('marks characters the font lacks', () => {
    expect(textOutline('𠮷', 40).missing).toEqual(['𠮷']);
  });
});
