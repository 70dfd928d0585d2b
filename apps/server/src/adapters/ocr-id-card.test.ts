import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { createSerialQueue, decodeOcrImage, OCR_LIMITS } from './ocr-id-card.js';

/** A valid PNG header claiming `width`×`height` (1 row of data): enough for the size check, cheap to build. */
function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(width + 1))), chunk('IEND', Buffer.alloc(0))]);
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

async function rejection(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}

describe('decodeOcrImage', () => {
  it('rejects files over 20 MB before decoding them', async () => {
    const e = await rejection(decodeOcrImage(Buffer.alloc(OCR_LIMITS.maxBytes + 1), 1280));
    expect(e.kind).toBe('payload_too_large');
    expect(e.bilingual.zh).toContain('20 MB');
  });

  it('rejects images over 50 megapixels from their header', async () => {
    const e = await rejection(decodeOcrImage(pngClaiming(10_000, 6_000), 1280));
    expect(e.kind).toBe('payload_too_large');
    expect(e.bilingual.en).toContain('50 megapixels');
  });

  it('rejects bytes that are not an image, and truncated images', async () => {
    const notImage = await rejection(decodeOcrImage(Buffer.from('%PDF-1.4 definitely not a photo'), 1280));
    expect(notImage).toMatchObject({ kind: 'validation', code: 'IMAGE_INVALID' });
    const jpeg = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#888' } }).jpeg().toBuffer();
    expect((await rejection(decodeOcrImage(jpeg.subarray(0, 200), 1280))).code).toBe('IMAGE_INVALID');
    expect((await rejection(decodeOcrImage(Buffer.alloc(0), 1280))).code).toBe('IMAGE_INVALID');
  });

  it('applies the EXIF orientation and fits the longest side, never enlarging', async () => {
    const portraitByExif = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#fff' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect(await decodeOcrImage(portraitByExif, 1280)).toMatchObject({ width: 853, height: 1280 });
    const small = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#fff' } }).png().toBuffer();
    const decoded = await decodeOcrImage(small, 1280);
    expect(decoded).toMatchObject({ width: 400, height: 300 });
    expect(decoded.data.length).toBe(400 * 300 * 4);
  });
});

describe('createSerialQueue', () => {
  it('runs one task at a time, in order, and carries on after a failure', async () => {
    const enqueue = createSerialQueue(10);
    let running = 0;
    let maxRunning = 0;
    const order: number[] = [];
    const task = (i: number, fail = false) =>
      enqueue(async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((r) => setTimeout(r, 5));
        order.push(i);
        running--;
        if (fail) throw new Error(`task ${i}`);
        return i;
      });
    const results = await Promise.allSettled([task(1), task(2, true), task(3)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(order).toEqual([1, 2, 3]);
    expect(maxRunning).toBe(1);
  });

  it('answers 429 OCR_BUSY when too many uploads already wait', async () => {
    const enqueue = createSerialQueue(2);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = enqueue(() => gate);
    const second = enqueue(() => Promise.resolve());
    const e = await rejection(enqueue(() => Promise.resolve()));
    expect(e).toMatchObject({ kind: 'rate_limited', code: 'OCR_BUSY' });
    expect(e.status).toBe(429);
    release();
    await Promise.all([first, second]);
    await expect(enqueue(() => Promise.resolve('again'))).resolves.toBe('again');
  });
});
