import { PDFDocument } from 'pdf-lib';
import { renderSheetPdf, type SheetLayout, type SheetPhotos } from '@gradphoto/photo/sheet';

/** Which print sizes a layout holds (版式一: 2寸 + 1寸; 版式二: 2寸 only). */
export function sizesForLayout(layout: SheetLayout): Array<'one_inch' | 'two_inch'> {
  return layout === 1 ? ['one_inch', 'two_inch'] : ['two_inch'];
}

export interface PrintRunPdf {
  /** Adds one order: its sheet (labelled, e.g. `<orderNo> <name>`) `copies` times. */
  addOrder(layout: SheetLayout, photos: SheetPhotos, label: string, copies: number): Promise<void>;
  readonly pages: number;
  save(): Promise<Buffer>;
}

/**
 * One PDF for a print run: every order's 6-inch sheet at 300 dpi (renderSheetPdf, label in vector
 * outlines so Chinese names render anywhere), merged with pdf-lib. Each order's sheet is embedded once
 * and drawn on as many pages as it has copies, so copies cost no extra image data.
 */
export async function createPrintRunPdf(title: string): Promise<PrintRunPdf> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.setCreator('gradphoto');
  doc.setProducer('gradphoto print run');
  let pages = 0;
  return {
    async addOrder(layout, photos, label, copies) {
      const sheet = await renderSheetPdf(layout, photos, { label });
      const [embedded] = await doc.embedPdf(sheet, [0]);
      for (let i = 0; i < Math.max(1, copies); i++) {
        const page = doc.addPage([embedded!.width, embedded!.height]);
        page.drawPage(embedded!);
        pages += 1;
      }
    },
    get pages() {
      return pages;
    },
    async save() {
      return Buffer.from(await doc.save());
    },
  };
}
