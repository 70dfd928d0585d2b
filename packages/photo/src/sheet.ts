/**
 * 6-inch print sheets: 1800×1200 px at 300 dpi (152×102 mm, landscape).
 *   layout 1 (版式一): 2寸 × 4 in the top row, 1寸 × 8 below (turned 90°, two rows of four)
 *   layout 2 (版式二): 2寸 × 8 (two rows of four)
 * Every photo is outlined by a thin light-grey cut guide one pixel outside its edge. An optional label
 * (order number, name) runs along the right margin, in vector outlines from an npm font (label-text.ts).
 * The photos given are already processed to each size (the 480×640 result must not be resized: the aspect
 * ratios differ); a photo of another size is scaled to cover its slot.
 */
import { PDFDocument, degrees, rgb } from 'pdf-lib';
import sharp from 'sharp';
import type { OverlayOptions, Sharp } from 'sharp';
import { setJfifDensity } from './encode.js';
import { PhotoError } from './errors.js';
import { textOutline } from './label-text.js';
import { getSpec } from './specs.js';
import type { Rect } from './types.js';

export type SheetLayout = 1 | 2;
export type SheetPhotoSize = 'one_inch' | 'two_inch';

export interface SheetSlot extends Rect {
  size: SheetPhotoSize;
  /** The photo is turned 90° clockwise to fit (width/height above are its footprint on the sheet). */
  rotated: boolean;
}

export interface SheetPhotos {
  one_inch?: Buffer;
  two_inch?: Buffer;
}

export interface SheetOptions {
  /** Printed along the right margin, e.g. "A20240601-0001 张伟". */
  label?: string;
}

export const SHEET = Object.freeze({ width: 1800, height: 1200, dpi: 300, widthMm: 152, heightMm: 102 });

const COLUMN_X = [16, 441, 866, 1291]; // 413 px columns, 12 px apart
const LABEL_X = 1716;
const LABEL_WIDTH = 72;
const GUIDE = '#BDBDBD';
const LABEL_COLOUR = '#333333';

function size(id: SheetPhotoSize): { width: number; height: number } {
  const s = getSpec(id);
  return { width: s.width, height: s.height };
}

function checkLayout(layout: number): asserts layout is SheetLayout {
  if (layout !== 1 && layout !== 2) throw new PhotoError('INVALID_ARGUMENT', { reason: `sheet layout must be 1 or 2, got ${String(layout)}` });
}

/** The slots of a layout, in sheet pixels (pure geometry). */
export function layoutSheet(layout: SheetLayout): SheetSlot[] {
  checkLayout(layout);
  const two = size('two_inch'); // 413×579
  const one = size('one_inch'); // 295×413, turned: 413×295
  const slots: SheetSlot[] = [];
  const row = (y: number, id: SheetPhotoSize, rotated: boolean) => {
    const s = id === 'two_inch' ? two : one;
    const w = rotated ? s.height : s.width;
    const h = rotated ? s.width : s.height;
    for (const x of COLUMN_X) slots.push({ size: id, x, y, width: w, height: h, rotated });
    return y + h;
  };
  if (layout === 1) {
    // 579 + 295 + 295 = 1169 px of 1200: 7 px margins, 8 px gaps
    let y = row(7, 'two_inch', false);
    y = row(y + 8, 'one_inch', true);
    row(y + 8, 'one_inch', true);
  } else {
    // 579 + 579 = 1158 px: 15 px margins, 12 px gap
    const y = row(15, 'two_inch', false);
    row(y + 12, 'two_inch', false);
  }
  return slots;
}

/** Where the label goes: a strip along the right margin, as tall as the photos. */
export function labelArea(layout: SheetLayout): Rect {
  const slots = layoutSheet(layout);
  const top = Math.min(...slots.map((s) => s.y));
  const bottom = Math.max(...slots.map((s) => s.y + s.height));
  return { x: LABEL_X, y: top, width: LABEL_WIDTH, height: bottom - top };
}

function neededSizes(layout: SheetLayout): SheetPhotoSize[] {
  return [...new Set(layoutSheet(layout).map((s) => s.size))];
}

async function requirePhotos(layout: SheetLayout, photos: SheetPhotos): Promise<void> {
  const missing = neededSizes(layout).filter((s) => !photos[s]);
  if (missing.length) throw new PhotoError('INVALID_ARGUMENT', { reason: `layout ${layout} needs photos of size ${missing.join(', ')}` });
  for (const id of neededSizes(layout)) {
    try {
      await sharp(photos[id]!, { failOn: 'error' }).stats();
    } catch (e) {
      throw new PhotoError('INVALID_ARGUMENT', { reason: `the ${id} photo cannot be read: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
}

/** The label laid out in its strip: outline path plus the placement (baseline runs bottom-to-top). */
function placeLabel(layout: SheetLayout, label: string) {
  const area = labelArea(layout);
  let fontPx = 40;
  let t = textOutline(label, fontPx);
  if (t.width > area.height) {
    fontPx = Math.max(12, Math.floor((fontPx * area.height) / t.width));
    t = textOutline(label, fontPx);
  }
  const cx = area.x + area.width / 2;
  const cy = area.y + area.height / 2;
  // After a 90° anticlockwise turn the baseline runs upwards; the glyphs lie to its left.
  const baseX = cx + (t.ascent - t.descent) / 2;
  const baseY = cy + Math.min(t.width, area.height) / 2;
  return { t, baseX, baseY };
}

function overlaySvg(layout: SheetLayout, label?: string): Buffer {
  const rects = layoutSheet(layout)
    .map((s) => `<rect x="${s.x - 0.5}" y="${s.y - 0.5}" width="${s.width + 1}" height="${s.height + 1}"/>`)
    .join('');
  let text = '';
  if (label?.trim()) {
    const { t, baseX, baseY } = placeLabel(layout, label.trim());
    text = `<g transform="translate(${baseX} ${baseY}) rotate(-90)"><path d="${t.d}" fill="${LABEL_COLOUR}" stroke="${LABEL_COLOUR}" stroke-width="${t.strokeWidth}" stroke-linejoin="round"/></g>`;
  }
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SHEET.width}" height="${SHEET.height}">` +
      `<g fill="none" stroke="${GUIDE}" stroke-width="1" shape-rendering="crispEdges">${rects}</g>${text}</svg>`,
  );
}

/** A photo at its slot's pixel size (cover), turned when the slot is turned. */
async function slotImage(photo: Buffer, id: SheetPhotoSize, rotated: boolean): Promise<Sharp> {
  const s = size(id);
  let p = sharp(photo, { failOn: 'error' }).resize(s.width, s.height, { fit: 'cover' }).removeAlpha();
  if (rotated) p = sharp(await p.toBuffer()).rotate(90);
  return p;
}

/** Render a sheet as a baseline JPEG, 1800×1200, 300 dpi. */
export async function renderSheet(layout: SheetLayout, photos: SheetPhotos, opts: SheetOptions = {}): Promise<{ jpeg: Buffer }> {
  checkLayout(layout);
  await requirePhotos(layout, photos);
  const slots = layoutSheet(layout);
  const cache = new Map<string, Buffer>();
  const composites: OverlayOptions[] = [];
  for (const slot of slots) {
    const key = `${slot.size}:${slot.rotated}`;
    let img = cache.get(key);
    if (!img) {
      img = await (await slotImage(photos[slot.size]!, slot.size, slot.rotated)).png({ compressionLevel: 1 }).toBuffer();
      cache.set(key, img);
    }
    composites.push({ input: img, left: slot.x, top: slot.y });
  }
  composites.push({ input: overlaySvg(layout, opts.label), left: 0, top: 0 });
  const jpeg = await sharp({ create: { width: SHEET.width, height: SHEET.height, channels: 3, background: '#ffffff' } })
    .composite(composites)
    .jpeg({ quality: 95, chromaSubsampling: '4:4:4', progressive: false, mozjpeg: false })
    .toBuffer();
  return { jpeg: setJfifDensity(jpeg, SHEET.dpi) };
}

const PT_PER_MM = 72 / 25.4;
const PT_PER_PX = 72 / SHEET.dpi;

/** Render a sheet as a one-page PDF, 152×102 mm, photos embedded as JPEG at 300 dpi. */
export async function renderSheetPdf(layout: SheetLayout, photos: SheetPhotos, opts: SheetOptions = {}): Promise<Buffer> {
  checkLayout(layout);
  await requirePhotos(layout, photos);
  const doc = await PDFDocument.create();
  doc.setTitle(opts.label ? `Photo sheet ${opts.label}` : 'Photo sheet');
  doc.setProducer('gradphoto idphoto');
  doc.setCreator('gradphoto idphoto');
  const pageW = SHEET.widthMm * PT_PER_MM;
  const pageH = SHEET.heightMm * PT_PER_MM;
  const page = doc.addPage([pageW, pageH]);
  // The 1800×1200 px grid (152.4×101.6 mm) centred on the 152×102 mm page.
  const ox = (pageW - SHEET.width * PT_PER_PX) / 2;
  const oy = (pageH - SHEET.height * PT_PER_PX) / 2;
  const X = (px: number) => ox + px * PT_PER_PX;
  const Y = (px: number) => oy + (SHEET.height - px) * PT_PER_PX; // sheet y (down) → PDF y (up)

  const embedded = new Map<string, Awaited<ReturnType<PDFDocument['embedJpg']>>>();
  const guide = rgb(0xbd / 255, 0xbd / 255, 0xbd / 255);
  for (const slot of layoutSheet(layout)) {
    const key = `${slot.size}:${slot.rotated}`;
    let img = embedded.get(key);
    if (!img) {
      const jpeg = await (await slotImage(photos[slot.size]!, slot.size, slot.rotated))
        .jpeg({ quality: 95, chromaSubsampling: '4:4:4', progressive: false, mozjpeg: false })
        .toBuffer();
      img = await doc.embedJpg(jpeg);
      embedded.set(key, img);
    }
    page.drawImage(img, { x: X(slot.x), y: Y(slot.y + slot.height), width: slot.width * PT_PER_PX, height: slot.height * PT_PER_PX });
    page.drawRectangle({
      x: X(slot.x - 0.5),
      y: Y(slot.y + slot.height + 0.5),
      width: (slot.width + 1) * PT_PER_PX,
      height: (slot.height + 1) * PT_PER_PX,
      borderColor: guide,
      borderWidth: PT_PER_PX,
    });
  }
  if (opts.label?.trim()) {
    const { t, baseX, baseY } = placeLabel(layout, opts.label.trim());
    const colour = rgb(0x33 / 255, 0x33 / 255, 0x33 / 255);
    page.drawSvgPath(t.d, {
      x: X(baseX),
      y: Y(baseY),
      scale: PT_PER_PX,
      rotate: degrees(90),
      color: colour,
      borderColor: colour,
      borderWidth: t.strokeWidth, // in path units: drawSvgPath scales the line width with the path
    });
  }
  return Buffer.from(await doc.save());
}
