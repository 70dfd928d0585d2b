/**
 * The 6-inch print sheets of packages/photo/src/sheet.ts (which needs sharp, so it cannot run in the
 * browser): the same numbers, for drawing the layouts. 1800×1200 px at 300 dpi.
 *   版式一 (layout 1): 2寸 × 4 in the top row, 1寸 × 8 below (turned 90°)
 *   版式二 (layout 2): 2寸 × 8
 */
export type PrintLayout = 1 | 2;

export interface Slot {
  size: 'one_inch' | 'two_inch';
  x: number;
  y: number;
  width: number;
  height: number;
  rotated: boolean;
}

export const SHEET = { width: 1800, height: 1200 } as const;

const COLUMN_X = [16, 441, 866, 1291];
const TWO_INCH = { width: 413, height: 579 };
const ONE_INCH = { width: 295, height: 413 };

export function sheetSlots(layout: PrintLayout): Slot[] {
  const slots: Slot[] = [];
  const row = (y: number, size: Slot['size'], rotated: boolean) => {
    const s = size === 'two_inch' ? TWO_INCH : ONE_INCH;
    const width = rotated ? s.height : s.width;
    const height = rotated ? s.width : s.height;
    for (const x of COLUMN_X) slots.push({ size, x, y, width, height, rotated });
    return y + height;
  };
  if (layout === 1) {
    let y = row(7, 'two_inch', false);
    y = row(y + 8, 'one_inch', true);
    row(y + 8, 'one_inch', true);
  } else {
    const y = row(15, 'two_inch', false);
    row(y + 12, 'two_inch', false);
  }
  return slots;
}

/** How many photos of each size a layout prints: 版式一 → { one: 8, two: 4 }. */
export function layoutCounts(layout: PrintLayout): { one: number; two: number } {
  const slots = sheetSlots(layout);
  return {
    one: slots.filter((s) => s.size === 'one_inch').length,
    two: slots.filter((s) => s.size === 'two_inch').length,
  };
}
