import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeJpeg, encodeJpegAt, setJfifDensity } from './encode.js';
import type { Raster } from './types.js';

const fixture = fileURLToPath(new URL('../test-fixtures/io/obama-600.jpg', import.meta.url));
let photo: Raster;

beforeAll(async () => {
  const { data, info } = await sharp(readFileSync(fixture)).resize(480, 640, { fit: 'cover' }).raw().toBuffer({ resolveWithObject: true });
  photo = { data: new Uint8Array(data), width: info.width, height: info.height, channels: 3 };
});

function flat(width: number, height: number, value: number): Raster {
  return { data: new Uint8Array(width * height * 3).fill(value), width, height, channels: 3 };
}

describe('encodeJpeg', () => {
  it('writes a baseline 24-bit JPEG with 300 dpi in JFIF and no profile (sRGB by default)', async () => {
    const r = await encodeJpeg(photo, { minBytes: 30 * 1024, maxBytes: 500 * 1024 });
    const m = await sharp(r.bytes).metadata();
    expect(m.format).toBe('jpeg');
    expect([m.width, m.height]).toEqual([480, 640]);
    expect(m.density).toBe(300);
    expect(m.isProgressive).toBe(false);
    expect(m.channels).toBe(3);
    expect(m.depth).toBe('uchar');
    expect(m.space).toBe('srgb');
    expect(m.chromaSubsampling).toBe('4:4:4');
    expect(m.icc).toBeUndefined();
    expect(m.exif).toBeUndefined();
    // JFIF APP0 right after SOI, units = dots per inch, 300×300
    expect([...r.bytes.subarray(0, 4)]).toEqual([0xff, 0xd8, 0xff, 0xe0]);
    expect(r.bytes.toString('latin1', 6, 11)).toBe('JFIF\0');
    expect(r.bytes[13]).toBe(1);
    expect(r.bytes.readUInt16BE(14)).toBe(300);
    expect(r.bytes.readUInt16BE(16)).toBe(300);
    // no progressive SOF2 marker anywhere in the header
    const sof2 = r.bytes.indexOf(Buffer.from([0xff, 0xc2]));
    const sos = r.bytes.indexOf(Buffer.from([0xff, 0xda]));
    expect(sof2 === -1 || sof2 > sos).toBe(true);
  });

  it('uses the preferred quality with one encode when it fits', async () => {
    const r = await encodeJpeg(photo, { minBytes: 30 * 1024, maxBytes: 500 * 1024 });
    expect(r).toMatchObject({ quality: 95, sizeOk: true, attempts: 1 });
    expect(r.bytes.length).toBeGreaterThanOrEqual(30 * 1024);
  });

  it('searches quality down to fit a maximum size, choosing the highest quality that fits', async () => {
    const maxBytes = 50 * 1024;
    const r = await encodeJpeg(photo, { minBytes: 30 * 1024, maxBytes });
    expect(r.sizeOk).toBe(true);
    expect(r.bytes.length).toBeLessThanOrEqual(maxBytes);
    expect(r.bytes.length).toBeGreaterThanOrEqual(30 * 1024);
    expect(r.quality).toBeLessThan(95);
    expect(r.quality).toBeGreaterThanOrEqual(60);
    expect((await encodeJpegAt(photo, r.quality + 1)).length).toBeGreaterThan(maxBytes);
  });

  it('searches quality up to reach a minimum size, never padding', async () => {
    const at95 = (await encodeJpegAt(photo, 95)).length;
    const minBytes = at95 + 20 * 1024;
    const r = await encodeJpeg(photo, { minBytes });
    expect(r.sizeOk).toBe(true);
    expect(r.quality).toBeGreaterThan(95);
    expect(r.bytes.length).toBeGreaterThanOrEqual(minBytes);
    expect(r.bytes.equals(await encodeJpegAt(photo, r.quality))).toBe(true); // the plain encode, nothing appended
  });

  it('flags a file that stays below minBytes even at quality 100 instead of padding it', async () => {
    const r = await encodeJpeg(flat(480, 640, 200), { minBytes: 30 * 1024, maxBytes: 500 * 1024 });
    expect(r).toMatchObject({ sizeOk: false, sizeIssue: 'too_small', quality: 100 });
    expect(r.bytes.length).toBeLessThan(30 * 1024);
    const end = r.bytes.subarray(r.bytes.length - 2);
    expect([...end]).toEqual([0xff, 0xd9]); // ends at EOI: no padding after it
  });

  it('flags a file that stays above maxBytes even at minQuality', async () => {
    const r = await encodeJpeg(photo, { maxBytes: 5000, minQuality: 60 });
    expect(r).toMatchObject({ sizeOk: false, sizeIssue: 'too_large', quality: 60 });
  });

  it('rejects a raster whose data does not match its size', async () => {
    await expect(encodeJpeg({ data: new Uint8Array(10), width: 480, height: 640, channels: 3 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('keeps the picture (decoded output close to the input)', async () => {
    const r = await encodeJpeg(photo, { minBytes: 30 * 1024, maxBytes: 500 * 1024 });
    const back = await sharp(r.bytes).raw().toBuffer();
    let s = 0;
    for (let i = 0; i < back.length; i++) s += Math.abs(back[i]! - photo.data[i]!);
    expect(s / back.length).toBeLessThan(2.5);
  });
});

describe('setJfifDensity', () => {
  it('replaces an existing JFIF segment instead of adding a second one', async () => {
    const once = await encodeJpegAt(photo, 80, 300);
    const twice = setJfifDensity(once, 150);
    expect(twice.length).toBe(once.length);
    expect((await sharp(twice).metadata()).density).toBe(150);
  });
});
