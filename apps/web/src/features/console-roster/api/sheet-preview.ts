import { unzipSync, strFromU8 } from 'fflate';

/**
 * The first rows of a roster file, read in the browser for the column-mapping step (the server parses
 * the whole file again in the import job). CSV in UTF-8 (with or without BOM) or GB18030 as Excel saves
 * it in China; XLSX: the first worksheet, shared and inline strings.
 */
export interface SheetPreview {
  format: 'csv' | 'xlsx';
  /** Up to `maxRows` rows, each a list of cell texts (blank cells as ''). */
  rows: string[][];
}

const MAX_ROWS = 12;

/** Decodes CSV bytes: UTF-8 unless that produces replacement characters, then GB18030. */
export function decodeText(bytes: Uint8Array): string {
  const utf8 = new TextDecoder('utf-8').decode(bytes);
  // a sample may end inside a character: ignore the last few
  const text = utf8.slice(0, -3).includes('\uFFFD') ? new TextDecoder('gb18030').decode(bytes) : utf8;
  return text.replace(/^\uFEFF/, '');
}

/** The first `maxRows` records of CSV text (quotes, doubled quotes, CRLF, commas or tabs). */
export function parseCsvRows(text: string, maxRows = MAX_ROWS): string[][] {
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const sep = (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length && rows.length < maxRows; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === sep) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if ((cell !== '' || row.length) && rows.length < maxRows) rows.push([...row, cell]);
  return rows.map((r) => r.map((x) => x.trim())).filter((r) => r.some((x) => x !== ''));
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(
          e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10),
        )
      : (ENTITIES[e.toLowerCase()] ?? ''),
  );
const textOf = (xml: string) =>
  [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => unescapeXml(m[1]!)).join('');

/** Column letters of a cell reference → 0-based index (`C7` → 2). */
export function columnIndex(ref: string): number {
  const letters = /^[A-Z]+/i.exec(ref)?.[0].toUpperCase() ?? 'A';
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** The first rows of the first worksheet of an XLSX file. */
export function readXlsxRows(bytes: Uint8Array, maxRows = MAX_ROWS): string[][] {
  const files = unzipSync(bytes, {
    filter: (f) =>
      f.name === 'xl/workbook.xml' ||
      f.name === 'xl/_rels/workbook.xml.rels' ||
      f.name === 'xl/sharedStrings.xml' ||
      /^xl\/worksheets\/[^/]+\.xml$/.test(f.name),
  });
  const read = (name: string) => (files[name] ? strFromU8(files[name]) : '');
  const workbook = read('xl/workbook.xml');
  const rels = read('xl/_rels/workbook.xml.rels');
  const firstSheetRid = /<sheet\b[^>]*\br:id="([^"]+)"/.exec(workbook)?.[1];
  const target = firstSheetRid
    ? (new RegExp(`<Relationship\\b[^>]*Id="${firstSheetRid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
      new RegExp(`<Relationship\\b[^>]*Target="([^"]+)"[^>]*Id="${firstSheetRid}"`).exec(rels)?.[1])
    : undefined;
  const sheetName = target
    ? 'xl/' + target.replace(/^\/?xl\//, '').replace(/^\//, '')
    : 'xl/worksheets/sheet1.xml';
  const sheet = read(sheetName) || read(Object.keys(files).find((n) => n.startsWith('xl/worksheets/')) ?? '');
  const shared = [...read('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    textOf(m[1]!),
  );
  const rows: string[][] = [];
  for (const rowMatch of sheet.matchAll(/<row\b[^>]*>([\s\S]*?)<\/row>/g)) {
    const cells: string[] = [];
    for (const c of rowMatch[1]!.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1] ?? '';
      const body = c[2] ?? '';
      const ref = /\br="([A-Z]+\d+)"/.exec(attrs)?.[1];
      const type = /\bt="([^"]+)"/.exec(attrs)?.[1];
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let text = '';
      if (type === 's') text = shared[Number(v)] ?? '';
      else if (type === 'inlineStr') text = textOf(body);
      else if (v !== undefined) text = unescapeXml(v);
      const idx = ref ? columnIndex(ref) : cells.length;
      while (cells.length < idx) cells.push('');
      cells[idx] = text.trim();
    }
    if (cells.some((x) => x !== '')) rows.push(cells);
    if (rows.length >= maxRows) break;
  }
  return rows;
}

export async function previewSheet(file: File): Promise<SheetPreview> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (isZip) return { format: 'xlsx', rows: readXlsxRows(bytes) };
  return { format: 'csv', rows: parseCsvRows(decodeText(bytes.subarray(0, 256 * 1024))) };
}
