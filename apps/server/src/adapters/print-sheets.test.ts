import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { portrait } from '../test/journey-helpers.js';
import { createPhotoEngine, PrintPhotoError } from './photo-engine.js';
import { createPrintRunPdf, sizesForLayout } from './print-sheets.js';

const engine = createPhotoEngine({ threads: 1 });
afterAll(() => engine.close());

describe('print sizes from the real photo engine, on a print-run PDF', () => {
  it('processes an original to 1寸 and 2寸 and lays them out on labelled 300 dpi sheets', async () => {
    const photos = await engine.processPrintSizes(portrait('obama.jpg'), sizesForLayout(1), { background: '#FFFFFF' });
    const one = await sharp(photos.one_inch!).metadata();
    const two = await sharp(photos.two_inch!).metadata();
    expect([one.width, one.height, one.format]).toEqual([295, 413, 'jpeg']);
    expect([two.width, two.height, two.format]).toEqual([413, 579, 'jpeg']);
    // the background is the one asked for (top-left corner of the 2寸 photo)
    const { data } = await sharp(photos.two_inch!).extract({ left: 2, top: 2, width: 4, height: 4 }).raw().toBuffer({ resolveWithObject: true });
    expect(Math.min(...data)).toBeGreaterThan(235);

    const pdf = await createPrintRunPdf('test run');
    await pdf.addOrder(1, photos, '20260601120000123456 欧阳娜娜', 2);
    await pdf.addOrder(2, { two_inch: photos.two_inch! }, '20260601120000654321 张伟', 1);
    expect(pdf.pages).toBe(3);
    const doc = await PDFDocument.load(await pdf.save());
    expect(doc.getPageCount()).toBe(3);
    expect(doc.getTitle()).toBe('test run');
  }, 120_000);

  it('reports an original it cannot use as a PrintPhotoError', async () => {
    await expect(engine.processPrintSizes(Buffer.from('not an image'), ['two_inch'], { background: '#FFFFFF' })).rejects.toBeInstanceOf(PrintPhotoError);
  }, 60_000);
});
