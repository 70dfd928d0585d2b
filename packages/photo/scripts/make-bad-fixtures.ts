/**
 * Writes the input-handling fixtures:
 *   test-fixtures/bad/   the bad-input corpus + manifest.json (file → expected PhotoError code)
 *   test-fixtures/io/    small good inputs for decode tests (JPEG, HEIC plain / irot+EXIF 6 / Display P3)
 *
 * Sources: the public-domain official portrait ../shared/photos/portraits/facerec_obama.jpg and generated
 * pixels. HEIC files need `heif-enc` (Debian: apt-get install libheif-examples, which encodes with x265);
 * without it the committed HEIC files are kept.
 *
 * Run: npx tsx packages/photo/scripts/make-bad-fixtures.ts   (from the repository root)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import type { PhotoErrorCode } from '../src/errors.js';
import { parseHeif, readBoxes } from '../src/heif-boxes.js';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = resolve(here, '..');
const badDir = join(pkg, 'test-fixtures/bad');
const ioDir = join(pkg, 'test-fixtures/io');
const source = resolve(pkg, '../../../shared/photos/portraits/facerec_obama.jpg');

mkdirSync(badDir, { recursive: true });
mkdirSync(ioDir, { recursive: true });

const manifest: Record<string, PhotoErrorCode> = {};
function bad(name: string, bytes: Uint8Array, code: PhotoErrorCode): void {
  writeFileSync(join(badDir, name), bytes);
  manifest[name] = code;
}

/** Deterministic bytes (xorshift32). */
function pseudoRandom(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

// ---- PNG chunk writer (for APNG, the bomb and broken CRCs) ----
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (const v of b) c = CRC_TABLE[(c ^ v) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
const PNG_SIG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
function ihdr(w: number, h: number, bitDepth: number, colourType: number): Buffer {
  const d = Buffer.alloc(13);
  d.writeUInt32BE(w, 0);
  d.writeUInt32BE(h, 4);
  d[8] = bitDepth;
  d[9] = colourType;
  return chunk('IHDR', d);
}

function apng(w: number, h: number, frames: [number, number, number][]): Buffer {
  const parts: Buffer[] = [PNG_SIG, ihdr(w, h, 8, 2)];
  const actl = Buffer.alloc(8);
  actl.writeUInt32BE(frames.length, 0);
  parts.push(chunk('acTL', actl));
  let seq = 0;
  frames.forEach((rgb, i) => {
    const fctl = Buffer.alloc(26);
    fctl.writeUInt32BE(seq++, 0);
    fctl.writeUInt32BE(w, 4);
    fctl.writeUInt32BE(h, 8);
    fctl.writeUInt16BE(1, 20); // delay 1/10 s
    fctl.writeUInt16BE(10, 22);
    parts.push(chunk('fcTL', fctl));
    const raw = Buffer.alloc((w * 3 + 1) * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw.set(rgb, y * (w * 3 + 1) + 1 + x * 3);
    const z = deflateSync(raw);
    if (i === 0) parts.push(chunk('IDAT', z));
    else {
      const s = Buffer.alloc(4);
      s.writeUInt32BE(seq++, 0);
      parts.push(chunk('fdAT', Buffer.concat([s, z])));
    }
  });
  parts.push(chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(parts);
}

function pngBomb(side: number): Buffer {
  // 1-bit grey, all zero: 30000×30000 = 900 MP in ~110 KB.
  const row = 1 + Math.ceil(side / 8);
  const z = deflateSync(Buffer.alloc(row * side), { level: 9 });
  return Buffer.concat([PNG_SIG, ihdr(side, side, 1, 0), chunk('IDAT', z), chunk('IEND', Buffer.alloc(0))]);
}

function bmp(w: number, h: number): Buffer {
  const rowBytes = Math.ceil((w * 3) / 4) * 4;
  const b = Buffer.alloc(54 + rowBytes * h, 0x80);
  b.write('BM', 0, 'ascii');
  b.writeUInt32LE(b.length, 2);
  b.writeUInt32LE(54, 10);
  b.writeUInt32LE(40, 14);
  b.writeInt32LE(w, 18);
  b.writeInt32LE(h, 22);
  b.writeUInt16LE(1, 26);
  b.writeUInt16LE(24, 28);
  b.writeUInt32LE(rowBytes * h, 34);
  return b;
}

/** Rewrite the first SOFn frame size of a JPEG. */
function patchJpegSize(jpeg: Buffer, w: number, h: number): Buffer {
  const b = Buffer.from(jpeg);
  let o = 2;
  while (o + 4 < b.length) {
    if (b[o] !== 0xff) throw new Error('bad marker walk');
    const marker = b[o + 1]!;
    const len = b.readUInt16BE(o + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      b.writeUInt16BE(h, o + 5);
      b.writeUInt16BE(w, o + 7);
      return b;
    }
    o += 2 + len;
  }
  throw new Error('no SOF');
}

/** Rewrite the VP8L (lossless WebP) header size. */
function patchWebpLosslessSize(webp: Buffer, w: number, h: number): Buffer {
  const b = Buffer.from(webp);
  if (b.toString('ascii', 12, 16) !== 'VP8L') throw new Error('expected a simple lossless WebP');
  const bits = b.readUInt32LE(21);
  const rest = bits & ~0x0fffffff; // alpha_is_used + version (top 4 bits)
  b.writeUInt32LE((rest | ((w - 1) & 0x3fff) | (((h - 1) & 0x3fff) << 14)) >>> 0, 21);
  return b;
}

/** Insert an `irot` property for the primary item (HEIF transforms as an iPhone writes them). */
function injectIrot(heic: Uint8Array, angle: number): Buffer {
  const b = Buffer.from(heic);
  const info = parseHeif(b);
  const { meta, iprp, ipco, ipma, iloc } = info.boxes;
  if (!meta || !iprp || !ipco || !ipma || !iloc || info.primaryItemId === null) throw new Error('unexpected HEIF layout');
  if (!(ipco.end <= ipma.start)) throw new Error('expected ipco before ipma');
  const propCount = readBoxes(b, ipco.payload, ipco.end).length;
  const irot = Buffer.from([0, 0, 0, 9, 0x69, 0x72, 0x6f, 0x74, angle & 3]);
  // Rebuild ipma with one more association for the primary item.
  const version = b[ipma.payload]!;
  const flags = b.readUIntBE(ipma.payload + 1, 3);
  if (flags & 1 || version !== 0) throw new Error('ipma variant not handled by this fixture tool');
  const count = b.readUInt32BE(ipma.payload + 4);
  const entries: Buffer[] = [];
  let o = ipma.payload + 8;
  for (let i = 0; i < count; i++) {
    const itemId = b.readUInt16BE(o);
    const n = b[o + 2]!;
    const assoc = [...b.subarray(o + 3, o + 3 + n)];
    o += 3 + n;
    if (itemId === info.primaryItemId) assoc.push(0x80 | (propCount + 1)); // essential
    const e = Buffer.alloc(3);
    e.writeUInt16BE(itemId, 0);
    e[2] = assoc.length;
    entries.push(Buffer.concat([e, Buffer.from(assoc)]));
  }
  const body = Buffer.concat([b.subarray(ipma.payload, ipma.payload + 8), ...entries]);
  const newIpma = Buffer.concat([Buffer.alloc(8), body]);
  newIpma.writeUInt32BE(newIpma.length, 0);
  newIpma.write('ipma', 4, 'ascii');
  const delta = irot.length + newIpma.length - (ipma.end - ipma.start);
  const out = Buffer.concat([b.subarray(0, ipco.end), irot, b.subarray(ipco.end, ipma.start), newIpma, b.subarray(ipma.end)]);
  const bump = (at: number, by: number) => out.writeUInt32BE(out.readUInt32BE(at) + by, at);
  bump(ipco.start, irot.length);
  bump(iprp.start, delta);
  bump(meta.start, delta);
  // iloc: shift absolute offsets that point past the meta box.
  const il = iloc.start < ipco.end ? iloc.payload : iloc.payload + delta;
  const v = out[il]!;
  const offSize = out[il + 4]! >> 4;
  const lenSize = out[il + 4]! & 15;
  const baseSize = out[il + 5]! >> 4;
  const idxSize = v === 1 || v === 2 ? out[il + 5]! & 15 : 0;
  let p = il + 6;
  const items = v < 2 ? out.readUInt16BE(p) : out.readUInt32BE(p);
  p += v < 2 ? 2 : 4;
  const shift = (at: number, size: number) => {
    if (size === 0) return;
    const val = out.readUIntBE(at, size);
    if (val >= meta.end) out.writeUIntBE(val + delta, at, size);
  };
  for (let i = 0; i < items; i++) {
    p += v < 2 ? 2 : 4;
    let method = 0;
    if (v === 1 || v === 2) {
      method = out.readUInt16BE(p) & 15;
      p += 2;
    }
    p += 2; // data_reference_index
    const basePos = p;
    p += baseSize;
    const extents = out.readUInt16BE(p);
    p += 2;
    if (method === 0 && baseSize > 0) shift(basePos, baseSize);
    for (let e = 0; e < extents; e++) {
      p += idxSize;
      if (method === 0 && baseSize === 0) shift(p, offSize);
      p += offSize + lenSize;
    }
  }
  return out;
}

/** Rewrite every `ispe` box to the given size. */
function patchIspe(heic: Uint8Array, w: number, h: number): Buffer {
  const b = Buffer.from(heic);
  const { ipco } = parseHeif(b).boxes;
  if (!ipco) throw new Error('no ipco');
  for (const p of readBoxes(b, ipco.payload, ipco.end)) {
    if (p.type === 'ispe') {
      b.writeUInt32BE(w, p.payload + 4);
      b.writeUInt32BE(h, p.payload + 8);
    }
  }
  return b;
}

// ---- grid HEIC (how iPhones store photos: a `grid` item over hidden HEVC tiles) ----
function box(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + body.length, 0);
  head.write(type, 4, 'ascii');
  return Buffer.concat([head, body]);
}
function fullBox(type: string, version: number, flags: number, ...parts: Buffer[]): Buffer {
  const vf = Buffer.alloc(4);
  vf.writeUInt32BE(((version & 255) << 24) | (flags & 0xffffff), 0);
  return box(type, vf, ...parts);
}
const u16 = (...v: number[]) => Buffer.from(v.flatMap((x) => [(x >> 8) & 255, x & 255]));
const u32 = (...v: number[]) => {
  const b = Buffer.alloc(4 * v.length);
  v.forEach((x, i) => b.writeUInt32BE(x, 4 * i));
  return b;
};

/** The primary item's hvcC box and coded data of a single-image HEIC written by heif-enc. */
function primaryCodedImage(heic: Buffer): { hvcC: Buffer; data: Buffer } {
  const info = parseHeif(heic);
  const { ipco, ipma, iloc } = info.boxes;
  if (!ipco || !ipma || !iloc || info.primaryItemId === null) throw new Error('unexpected HEIF layout');
  const props = readBoxes(heic, ipco.payload, ipco.end);
  // ipma v0, 7-bit indices (heif-enc's layout)
  let o = ipma.payload + 8;
  let hvcC: Buffer | null = null;
  for (let i = 0, n = heic.readUInt32BE(ipma.payload + 4); i < n; i++) {
    const id = heic.readUInt16BE(o);
    const count = heic[o + 2]!;
    for (let j = 0; j < count; j++) {
      const p = props[(heic[o + 3 + j]! & 0x7f) - 1];
      if (id === info.primaryItemId && p?.type === 'hvcC') hvcC = heic.subarray(p.start, p.end);
    }
    o += 3 + count;
  }
  // iloc v0/v1, one extent per item, construction method 0
  const v = heic[iloc.payload]!;
  const offSize = heic[iloc.payload + 4]! >> 4;
  const lenSize = heic[iloc.payload + 4]! & 15;
  const baseSize = heic[iloc.payload + 5]! >> 4;
  let p = iloc.payload + 6;
  const items = heic.readUInt16BE(p);
  p += 2;
  for (let i = 0; i < items; i++) {
    const id = heic.readUInt16BE(p);
    p += 2 + (v === 1 ? 2 : 0) + 2;
    const base = baseSize ? heic.readUIntBE(p, baseSize) : 0;
    p += baseSize;
    const extents = heic.readUInt16BE(p);
    p += 2;
    const off = heic.readUIntBE(p, offSize);
    const len = heic.readUIntBE(p + offSize, lenSize);
    p += (offSize + lenSize) * extents;
    if (id === info.primaryItemId && hvcC) return { hvcC, data: heic.subarray(base + off, base + off + len) };
  }
  throw new Error('primary item data not found');
}

/** Assemble a grid HEIC: `tiles` (row-major, all the same size) cropped to outW×outH, with an optional irot. */
function gridHeic(tiles: Buffer[], cols: number, rows: number, tileW: number, tileH: number, outW: number, outH: number, irot?: number): Buffer {
  const coded = tiles.map(primaryCodedImage);
  const gridId = 1;
  const tileIds = coded.map((_, i) => i + 2);
  const infe = (id: number, type: string, hidden: boolean) => fullBox('infe', 2, hidden ? 1 : 0, u16(id, 0), Buffer.from(type, 'ascii'), Buffer.from('\0'));
  const hdlr = fullBox('hdlr', 0, 0, u32(0), Buffer.from('pict'), u32(0, 0, 0), Buffer.from('\0'));
  const pitm = fullBox('pitm', 0, 0, u16(gridId));
  const iinf = fullBox('iinf', 0, 0, u16(1 + tileIds.length), infe(gridId, 'grid', false), ...tileIds.map((id) => infe(id, 'hvc1', true)));
  const iref = fullBox('iref', 0, 0, box('dimg', u16(gridId, tileIds.length, ...tileIds)));
  const gridData = Buffer.concat([Buffer.from([0, 0, rows - 1, cols - 1]), u16(outW, outH)]);
  const idat = box('idat', gridData);
  // properties: 1..n hvcC of each tile, then tile ispe, grid ispe, irot
  const ispe = (w: number, h: number) => fullBox('ispe', 0, 0, u32(w, h));
  const props = [...coded.map((c) => c.hvcC), ispe(tileW, tileH), ispe(outW, outH)];
  if (irot !== undefined) props.push(Buffer.from([0, 0, 0, 9, 0x69, 0x72, 0x6f, 0x74, irot & 3]));
  const n = coded.length;
  const gridAssoc = [0x80 | (n + 2), ...(irot !== undefined ? [0x80 | (n + 3)] : [])];
  const entries = [Buffer.concat([u16(gridId), Buffer.from([gridAssoc.length, ...gridAssoc])])];
  tileIds.forEach((id, i) => entries.push(Buffer.concat([u16(id), Buffer.from([2, 0x80 | (i + 1), n + 1])])));
  const iprp = box('iprp', box('ipco', ...props), fullBox('ipma', 0, 0, u32(entries.length), ...entries));
  const ftyp = box('ftyp', Buffer.from('heic'), u32(0), Buffer.from('mif1heicmiaf'));
  const metaWith = (offsets: number[]) => {
    const loc = (id: number, method: number, off: number, len: number) => Buffer.concat([u16(id, method, 0, 1), u32(off, len)]);
    const iloc = fullBox('iloc', 1, 0, Buffer.from([0x44, 0x00]), u16(1 + n), loc(gridId, 1, 0, gridData.length), ...coded.map((c, i) => loc(tileIds[i]!, 0, offsets[i]!, c.data.length)));
    return fullBox('meta', 0, 0, hdlr, pitm, iloc, iinf, iref, iprp, idat);
  };
  const metaSize = metaWith(coded.map(() => 0)).length;
  let at = ftyp.length + metaSize + 8;
  const offsets = coded.map((c) => {
    const o = at;
    at += c.data.length;
    return o;
  });
  return Buffer.concat([ftyp, metaWith(offsets), box('mdat', ...coded.map((c) => c.data))]);
}

/** Cut an image into cols×rows tiles of tileW×tileH (edge tiles padded by repeating the border). */
async function tileJpegs(img: Buffer, cols: number, rows: number, tileW: number, tileH: number): Promise<Buffer[]> {
  const padded = await sharp(img)
    .extend({ right: cols * tileW - (await sharp(img).metadata()).width!, bottom: rows * tileH - (await sharp(img).metadata()).height!, extendWith: 'copy' })
    .png()
    .toBuffer();
  const out: Buffer[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      out.push(await sharp(padded).extract({ left: c * tileW, top: r * tileH, width: tileW, height: tileH }).jpeg({ quality: 92 }).toBuffer());
    }
  }
  return out;
}

function haveHeifEnc(): boolean {
  try {
    execFileSync('heif-enc', ['--help'], { stdio: 'ignore' });
    return true;
  } catch (e) {
    // heif-enc --help exits non-zero on some versions but still exists
    return (e as { code?: string }).code !== 'ENOENT';
  }
}

function heifEnc(inputs: Buffer[], quality: number): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'heif-'));
  try {
    const files = inputs.map((buf, i) => {
      const f = join(dir, `in${i}.jpg`);
      writeFileSync(f, buf);
      return f;
    });
    const out = join(dir, 'out.heic');
    execFileSync('heif-enc', ['-q', String(quality), ...files, '-o', out], { stdio: 'ignore' });
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (!existsSync(source)) throw new Error(`source photo not found: ${source}`);
  // A 600×750 upright portrait (public domain) is the base of every photo fixture.
  const upright = await sharp(source).resize(600, 750, { fit: 'cover' }).jpeg({ quality: 90 }).toBuffer();
  writeFileSync(join(ioDir, 'obama-600.jpg'), upright);

  // ---- bad inputs ----
  bad('empty.jpg', new Uint8Array(0), 'INPUT_EMPTY');
  bad('random.bin', pseudoRandom(4096, 7), 'INPUT_UNSUPPORTED_TYPE');
  bad('random-with-jpeg-magic.jpg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), pseudoRandom(8192, 11)]), 'INPUT_CORRUPT');
  bad('zeros-after-jpeg-magic.jpg', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4096)]), 'INPUT_CORRUPT');
  const jpeg = await sharp(upright).resize(300).jpeg({ quality: 80 }).toBuffer();
  bad('truncated.jpg', jpeg.subarray(0, Math.floor(jpeg.length * 0.4)), 'INPUT_CORRUPT');
  const png = await sharp(upright).resize(160).png().toBuffer();
  bad('truncated.png', png.subarray(0, Math.floor(png.length * 0.5)), 'INPUT_CORRUPT');
  bad('header-only.png', png.subarray(0, 33), 'INPUT_CORRUPT');
  const badCrc = Buffer.from(png);
  badCrc[badCrc.length - 20] ^= 0xff; // inside the last IDAT: data and CRC disagree
  bad('bad-crc.png', badCrc, 'INPUT_CORRUPT');
  const webp = await sharp(upright).resize(200).webp({ quality: 70 }).toBuffer();
  bad('truncated.webp', webp.subarray(0, Math.floor(webp.length * 0.5)), 'INPUT_CORRUPT');
  bad('doc.pdf', Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'), 'INPUT_UNSUPPORTED_TYPE');
  bad('image.svg', Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="480" height="640"><rect width="480" height="640" fill="#28BEFA"/></svg>\n'), 'INPUT_UNSUPPORTED_TYPE');
  bad('photo-really-svg.jpg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="100000"><circle r="5"/></svg>'), 'INPUT_UNSUPPORTED_TYPE');
  bad('notes.txt', Buffer.from('这不是照片 / this is not a photo\n'), 'INPUT_UNSUPPORTED_TYPE');
  bad('page.html', Buffer.from('<!DOCTYPE html><html><body><img src="x.jpg"></body></html>'), 'INPUT_UNSUPPORTED_TYPE');
  bad('image.bmp', bmp(64, 64), 'INPUT_UNSUPPORTED_TYPE');
  bad('image.tiff', await sharp(upright).resize(64).tiff().toBuffer(), 'INPUT_UNSUPPORTED_TYPE');
  bad('image.avif', await sharp(upright).resize(64).avif({ quality: 40 }).toBuffer(), 'INPUT_UNSUPPORTED_TYPE');
  bad('still.gif', await sharp(upright).resize(64).gif().toBuffer(), 'INPUT_UNSUPPORTED_TYPE');
  const frames = [
    await sharp({ create: { width: 64, height: 64, channels: 3, background: '#ff0000' } }).png().toBuffer(),
    await sharp({ create: { width: 64, height: 64, channels: 3, background: '#0000ff' } }).png().toBuffer(),
  ];
  bad('animated.gif', await sharp(frames, { join: { animated: true } }).gif({ delay: 100 }).toBuffer(), 'INPUT_ANIMATED');
  bad('animated.webp', await sharp(frames, { join: { animated: true } }).webp({ delay: 100 }).toBuffer(), 'INPUT_ANIMATED');
  bad('animated.png', apng(120, 120, [[255, 0, 0], [0, 0, 255]]), 'INPUT_ANIMATED');
  bad('bomb-30000x30000.png', pngBomb(30000), 'INPUT_TOO_LARGE');
  bad('header-60000x60000.jpg', patchJpegSize(await sharp(upright).resize(200).jpeg({ quality: 70 }).toBuffer(), 60000, 60000), 'INPUT_TOO_LARGE');
  const lossless = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#808080' } }).webp({ lossless: true }).toBuffer();
  bad('header-16383x16383.webp', patchWebpLosslessSize(lossless, 16383, 16383), 'INPUT_TOO_LARGE');
  bad('tiny-40x40.png', await sharp(upright).resize(40, 40).png().toBuffer(), 'INPUT_TOO_SMALL');

  // ---- HEIC ----
  if (haveHeifEnc()) {
    const plain = heifEnc([upright], 50);
    writeFileSync(join(ioDir, 'obama.heic'), plain);
    // Stored sideways with EXIF orientation 6 (what the sensor saw), displayed upright through irot:
    // this is how an iPhone writes a portrait. Readers must apply irot and ignore the EXIF tag.
    const sideways = await sharp(upright).rotate(-90).withMetadata({ orientation: 6 }).jpeg({ quality: 90 }).toBuffer();
    writeFileSync(join(ioDir, 'obama-irot-exif6.heic'), injectIrot(heifEnc([sideways], 50), 3));
    // iPhone layout: a 2×2 grid of hidden HEVC tiles (376×300 each) cropped to 750×600, stored sideways, irot 270°.
    const tiles = await tileJpegs(await sharp(upright).rotate(-90).png().toBuffer(), 2, 2, 376, 300);
    const grid = gridHeic(tiles.map((t) => heifEnc([t], 50)), 2, 2, 376, 300, 750, 600, 3);
    writeFileSync(join(ioDir, 'obama-grid-irot.heic'), grid);
    // A grid whose image data claims 60000×60000 while its ispe says 750×600.
    const lying = Buffer.from(grid);
    const idat = lying.indexOf(Buffer.from('idat'));
    lying.writeUInt16BE(60000, idat + 8);
    lying.writeUInt16BE(60000, idat + 10);
    bad('grid-claims-60000x60000.heic', lying, 'INPUT_CORRUPT');
    // Display P3 colour profile (as iPhones tag their photos).
    const p3 = await sharp(upright).withIccProfile('p3').jpeg({ quality: 90 }).toBuffer();
    writeFileSync(join(ioDir, 'obama-p3.heic'), heifEnc([p3], 50));
    const small = await sharp(upright).resize(300).jpeg({ quality: 80 }).toBuffer();
    bad('multi-image.heic', heifEnc([small, small], 30), 'INPUT_ANIMATED');
    bad('truncated.heic', plain.subarray(0, Math.floor(plain.length * 0.6)), 'INPUT_CORRUPT');
    bad('truncated-in-meta.heic', plain.subarray(0, 200), 'INPUT_CORRUPT');
    bad('ispe-60000x60000.heic', patchIspe(plain, 60000, 60000), 'INPUT_TOO_LARGE');
  } else {
    console.warn('heif-enc not found (apt-get install libheif-examples): keeping the committed HEIC fixtures');
    const old = JSON.parse(readFileSync(join(badDir, 'manifest.json'), 'utf8')) as Record<string, PhotoErrorCode>;
    for (const [k, v] of Object.entries(old)) if (k.endsWith('.heic')) manifest[k] = v;
  }

  const sorted = Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(join(badDir, 'manifest.json'), JSON.stringify(sorted, null, 2) + '\n');
  console.log(`wrote ${Object.keys(sorted).length} bad inputs to ${badDir}`);
}

await main();
