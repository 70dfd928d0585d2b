import { inflateRawSync } from 'node:zlib';

/**
 * A small ZIP reader for e2e checks (the 学信网 export, the XLSX inside it): reads the central directory
 * and inflates one entry. Stored and deflated entries, no ZIP64, no encryption — what archiver and
 * exceljs write for files of a few MB.
 */

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function zipEntries(zip: Buffer): ZipEntry[] {
  // the end-of-central-directory record sits in the last 22 + 65535 (comment) bytes
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a ZIP file (no end of central directory)');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(p) !== CENTRAL) throw new Error(`bad central directory entry at ${p}`);
    const flags = zip.readUInt16LE(p + 8);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const rawName = zip.subarray(p + 46, p + 46 + nameLen);
    entries.push({
      // bit 11: the name is UTF-8 (archiver sets it for non-ASCII names such as 名单.xlsx)
      name: rawName.toString(flags & 0x800 ? 'utf8' : 'latin1'),
      method: zip.readUInt16LE(p + 10),
      compressedSize: zip.readUInt32LE(p + 20),
      size: zip.readUInt32LE(p + 24),
      localHeaderOffset: zip.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The bytes of one entry. */
export function zipRead(zip: Buffer, name: string): Buffer {
  const e = zipEntries(zip).find((x) => x.name === name);
  if (!e) throw new Error(`${name} is not in the ZIP`);
  const h = e.localHeaderOffset;
  if (zip.readUInt32LE(h) !== LOCAL) throw new Error(`bad local header for ${name}`);
  const start = h + 30 + zip.readUInt16LE(h + 26) + zip.readUInt16LE(h + 28);
  const data = zip.subarray(start, start + e.compressedSize);
  if (e.method === 0) return Buffer.from(data);
  if (e.method === 8) return inflateRawSync(data);
  throw new Error(`${name}: compression method ${e.method} is not supported`);
}

/** Every cell text and value of an XLSX (shared strings, then the first sheet's cells), not in cell order. */
export function xlsxTexts(xlsx: Buffer): string[] {
  const names = zipEntries(xlsx).map((e) => e.name);
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  // shared or inline strings are <t>…</t>; exceljs's streaming writer puts text cells as t="str" … <v>…</v>
  const texts = (xml: string) =>
    [...xml.matchAll(/<([tv])(?:\s[^>]*)?>([^<]*)<\/\1>/g)].map((m) => decode(m[2]!));
  const out: string[] = [];
  if (names.includes('xl/sharedStrings.xml'))
    out.push(...texts(zipRead(xlsx, 'xl/sharedStrings.xml').toString()));
  const sheet = names.find((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
  if (sheet) out.push(...texts(zipRead(xlsx, sheet).toString()));
  return out;
}
