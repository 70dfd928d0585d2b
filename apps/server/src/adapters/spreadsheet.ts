/**
 * Reading and writing spreadsheets: XLSX with exceljs (MIT), CSV with csv-parse (MIT). Values are read as
 * text; a cell Excel stored as a number is flagged, because 18-digit ID numbers lose their last digits
 * there (Excel keeps 15 significant digits).
 */
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';

export interface SheetCell {
  text: string;
  /** The cell held a number (XLSX), or a number in scientific notation (CSV from Excel). */
  numeric: boolean;
}
export interface SheetRow {
  /** Row number as the spreadsheet shows it (1-based). */
  row: number;
  cells: SheetCell[];
}

export class SpreadsheetError extends Error {
  constructor(
    readonly code: 'FILE_UNREADABLE' | 'FILE_EMPTY',
    message: string,
  ) {
    super(message);
    this.name = 'SpreadsheetError';
  }
}

export type SheetFormat = 'csv' | 'xlsx';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/**
 * What a file is, from its bytes and name: an XLSX (a zip), a CSV (text), an old binary .xls, or
 * something else. Only csv and xlsx are read.
 */
export function sniffSpreadsheet(bytes: Buffer, filename: string): SheetFormat | 'xls' | null {
  const ext = filename.toLowerCase().split('.').at(-1) ?? '';
  if (bytes.subarray(0, 4).equals(ZIP_MAGIC)) return ext === 'xlsx' || ext === 'xlsm' ? 'xlsx' : null;
  if (bytes.subarray(0, 4).equals(OLE_MAGIC)) return 'xls';
  if (ext !== 'csv' && ext !== 'txt') return null;
  // text: no NUL bytes and not a known binary signature
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return null;
  return 'csv';
}

const SCIENTIFIC = /^[+-]?\d+(\.\d+)?E\+?\d+$/i;

/** UTF-8 (with or without BOM), else GB18030 (what Excel on Chinese Windows saves). */
export function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function readCsv(bytes: Buffer): SheetRow[] {
  const text = decodeText(bytes);
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  const delimiter = [',', '\t', ';'].map((d) => ({ d, n: firstLine.split(d).length })).sort((a, b) => b.n - a.n)[0]!.d;
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parseCsv(text, { delimiter, relax_column_count: true, relax_quotes: true, bom: true, info: true, skip_empty_lines: false }) as unknown as typeof records;
  } catch (err) {
    throw new SpreadsheetError('FILE_UNREADABLE', (err as Error).message);
  }
  return records.map(({ record, info }) => ({
    row: info.lines,
    cells: record.map((v) => {
      const text = v.trim();
      return { text, numeric: SCIENTIFIC.test(text) };
    }),
  }));
}

function cellText(value: ExcelJS.CellValue): SheetCell {
  if (value === null || value === undefined) return { text: '', numeric: false };
  if (typeof value === 'number') return { text: Number.isInteger(value) && Math.abs(value) < 1e21 ? BigInt(value).toString() : String(value), numeric: true };
  if (typeof value === 'string') return { text: value.trim(), numeric: false };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', numeric: false };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), numeric: false };
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join('').trim(), numeric: false };
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ('text' in value && typeof value.text === 'string') return { text: value.text.trim(), numeric: false };
  return { text: '', numeric: false };
}

async function readXlsx(bytes: Buffer): Promise<SheetRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (err) {
    throw new SpreadsheetError('FILE_UNREADABLE', (err as Error).message);
  }
  const ws = wb.worksheets.find((w) => w.actualRowCount > 0);
  if (!ws) throw new SpreadsheetError('FILE_EMPTY', 'no worksheet with rows');
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: SheetCell[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    rows.push({ row: rowNumber, cells });
  });
  return rows;
}

/** All non-empty rows of the first sheet, as text. Throws SpreadsheetError for a file it cannot read. */
export async function readSpreadsheet(bytes: Buffer, format: SheetFormat): Promise<SheetRow[]> {
  const rows = format === 'csv' ? readCsv(bytes) : await readXlsx(bytes);
  return rows.filter((r) => r.cells.some((c) => c.text !== ''));
}

/** CSV with a UTF-8 BOM (so Excel shows Chinese), CRLF line ends, every field quoted when needed. */
export function writeCsv(header: string[], rows: Array<Array<string | number>>): Buffer {
  const field = (v: string | number) => {
    const s = String(v);
    // a leading = + - @ would be read as a formula by spreadsheet programs
    const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [header, ...rows].map((r) => r.map(field).join(','));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}

/** One-sheet XLSX; every cell is written as text (so ID and student numbers keep every digit). */
export async function writeXlsx(sheetName: string, header: string[], rows: Array<Array<string | number>>, widths?: number[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = header.map((h, i) => ({ header: h, width: widths?.[i] ?? Math.max(10, Math.min(40, h.length * 2 + 4)), style: { numFmt: '@' } }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r.map((v) => (typeof v === 'number' ? v : String(v))));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
