import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { classifyIcc } from './colour.js';
import { decodeImage, probeImage } from './decode.js';
import { PhotoError } from './errors.js';
import type { Raster } from './types.js';

const io = (name: string) => readFileSync(fileURLToPath(new URL(`../test-fixtures/io/${name}`, import.meta.url)));
const jpeg = io('obama-600.jpg'); // 600×750 upright, public domain

function meanAbsDiff(a: Raster, b: Raster): number {
  expect([a.width, a.height, a.channels]).toEqual([b.width, b.height, b.channels]);
  let s = 0;
  for (let i = 0; i < a.data.length; i++) s += Math.abs(a.data[i]! - b.data[i]!);
  return s / a.data.length;
}

async function rejectsWith(p: Promise<unknown>, code: string): Promise<void> {
  await expect(p).rejects.toBeInstanceOf(PhotoError);
  await expect(p).rejects.toMatchObject({ code });
}

describe('decodeImage: JPEG/PNG/WebP', () => {
  it('decodes a JPEG to an RGB raster', async () => {
    const d = await decodeImage(jpeg);
    expect(d.format).toBe('jpeg');
    expect([d.image.width, d.image.height, d.image.channels]).toEqual([600, 750, 3]);
    expect(d.image.data.length).toBe(600 * 750 * 3);
    expect(d).toMatchObject({ orientation: 1, originalWidth: 600, originalHeight: 750, fullWidth: 600, fullHeight: 750, scale: 1, hadAlpha: false });
  });

  it('applies EXIF orientation 6 (stored sideways, shown upright)', async () => {
    const sideways = await sharp(jpeg).rotate(-90).withMetadata({ orientation: 6 }).jpeg({ quality: 95 }).toBuffer();
    expect((await sharp(sideways).metadata()).width).toBe(750); // stored landscape
    const upright = await decodeImage(jpeg);
    const d = await decodeImage(sideways);
    expect(d.orientation).toBe(6);
    expect([d.originalWidth, d.originalHeight]).toEqual([750, 600]);
    expect([d.image.width, d.image.height]).toEqual([600, 750]);
    expect(meanAbsDiff(d.image, upright.image)).toBeLessThan(4);
  });

  it('shrinks on load to maxLongSide and reports the scale', async () => {
    const d = await decodeImage(jpeg, { maxLongSide: 300 });
    expect([d.image.width, d.image.height]).toEqual([240, 300]);
    expect(d.scale).toBeCloseTo(0.4, 5);
    expect([d.fullWidth, d.fullHeight]).toEqual([600, 750]);
    const same = await decodeImage(jpeg, { maxLongSide: 5000 });
    expect(same.scale).toBe(1);
    expect(same.image.width).toBe(600);
  });

  it('shrinks an EXIF-rotated JPEG in the oriented frame', async () => {
    const sideways = await sharp(jpeg).rotate(-90).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const d = await decodeImage(sideways, { maxLongSide: 375 });
    expect([d.image.width, d.image.height]).toEqual([300, 375]);
    expect(d.scale).toBeCloseTo(0.5, 5);
  });

  it('composites transparency over white', async () => {
    // left half opaque red, right half fully transparent (black underneath)
    const w = 200;
    const h = 240;
    const rgba = Buffer.alloc(w * h * 4);
    for (let y = 0; y < h; y++) for (let x = 0; x < w / 2; x++) rgba.set([255, 0, 0, 255], (y * w + x) * 4);
    for (const png of [await sharp(rgba, { raw: { width: w, height: h, channels: 4 } }).png().toBuffer(), await sharp(rgba, { raw: { width: w, height: h, channels: 4 } }).webp({ lossless: true }).toBuffer()]) {
      const d = await decodeImage(png);
      expect(d.hadAlpha).toBe(true);
      expect(d.image.channels).toBe(3);
      const px = (x: number, y: number) => [...d.image.data.subarray((y * w + x) * 3, (y * w + x) * 3 + 3)];
      expect(px(10, 10)).toEqual([255, 0, 0]);
      expect(px(190, 10)).toEqual([255, 255, 255]);
    }
  });

  it('turns greyscale, CMYK and 16-bit inputs into 8-bit RGB', async () => {
    const grey = await sharp(jpeg).greyscale().jpeg().toBuffer();
    const cmyk = await sharp(jpeg).toColourspace('cmyk').jpeg().toBuffer();
    const png16 = await sharp(jpeg).toColourspace('rgb16').png().toBuffer();
    expect((await sharp(cmyk).metadata()).space).toBe('cmyk');
    expect((await sharp(png16).metadata()).depth).toBe('ushort');
    const ref = await decodeImage(jpeg);
    for (const b of [grey, cmyk, png16]) {
      const d = await decodeImage(b);
      expect([d.image.width, d.image.height, d.image.channels]).toEqual([600, 750, 3]);
      expect(d.image.data.length).toBe(600 * 750 * 3);
    }
    expect(meanAbsDiff((await decodeImage(png16)).image, ref.image)).toBeLessThan(2);
    expect(meanAbsDiff((await decodeImage(cmyk)).image, ref.image)).toBeLessThan(20); // CMYK gamut round trip; an inverted decode would be > 100
  });

  it('converts an embedded Display P3 profile to sRGB', async () => {
    const red = await sharp({ create: { width: 120, height: 120, channels: 3, background: { r: 220, g: 30, b: 40 } } }).png().toBuffer();
    const p3 = await sharp(red).withIccProfile('p3').jpeg({ quality: 100, chromaSubsampling: '4:4:4' }).toBuffer();
    const raw = await sharp(p3).keepIccProfile().raw().toBuffer();
    expect(Math.abs(raw[0]! - 220)).toBeGreaterThan(8); // stored numbers really are P3
    const d = await decodeImage(p3);
    const [r, g, b] = d.image.data;
    expect(Math.abs(r! - 220)).toBeLessThanOrEqual(3);
    expect(Math.abs(g! - 30)).toBeLessThanOrEqual(3);
    expect(Math.abs(b! - 40)).toBeLessThanOrEqual(3);
  });

  it('sorts embedded profiles: sRGB needs nothing, P3 a matrix, CMYK a full transform', async () => {
    const icc = async (profile: string, space?: 'cmyk') => {
      let p = sharp(jpeg);
      if (space) p = p.toColourspace(space);
      const b = await p.withIccProfile(profile).jpeg().toBuffer();
      return (await sharp(b).metadata()).icc!;
    };
    expect(classifyIcc(await icc('srgb')).kind).toBe('srgb');
    expect(classifyIcc(await icc('p3')).kind).toBe('matrix');
    expect(classifyIcc(await icc('cmyk', 'cmyk')).kind).toBe('other');
    expect(classifyIcc(new Uint8Array(50)).kind).toBe('other');
  });

  it('converts a P3 photo by matrix as lcms would', async () => {
    const p3 = await sharp(jpeg).withIccProfile('p3').jpeg({ quality: 95 }).toBuffer();
    const viaLcms = await sharp(p3).raw().toBuffer({ resolveWithObject: true });
    const d = await decodeImage(p3);
    const lcms: Raster = { data: new Uint8Array(viaLcms.data), width: viaLcms.info.width, height: viaLcms.info.height, channels: 3 };
    expect(meanAbsDiff(d.image, lcms)).toBeLessThan(1);
  });

  it('honours maxPixels, maxBytes and minSide', async () => {
    await rejectsWith(decodeImage(jpeg, { maxPixels: 400_000 }), 'INPUT_TOO_LARGE');
    await rejectsWith(decodeImage(jpeg, { maxBytes: 1000 }), 'INPUT_TOO_LARGE');
    await rejectsWith(decodeImage(jpeg, { minSide: 700 }), 'INPUT_TOO_SMALL');
  });
});

describe('decodeImage: HEIC (libheif-js)', () => {
  it('decodes an HEVC-coded HEIC', async () => {
    const ref = await decodeImage(jpeg);
    const d = await decodeImage(io('obama.heic'));
    expect(d.format).toBe('heic');
    expect([d.image.width, d.image.height, d.image.channels]).toEqual([600, 750, 3]);
    expect(d).toMatchObject({ orientation: 1, fullWidth: 600, fullHeight: 750, scale: 1 });
    expect(meanAbsDiff(d.image, ref.image)).toBeLessThan(8);
  });

  it('applies irot and ignores the EXIF orientation inside a HEIC (no double rotation)', async () => {
    const plain = await decodeImage(io('obama.heic'));
    const d = await decodeImage(io('obama-irot-exif6.heic')); // stored 750×600, irot 270°, EXIF orientation 6
    expect([d.originalWidth, d.originalHeight]).toEqual([750, 600]);
    expect(d.orientation).toBe(6);
    expect([d.image.width, d.image.height]).toEqual([600, 750]);
    expect(meanAbsDiff(d.image, plain.image)).toBeLessThan(6);
  });

  it('decodes the iPhone layout: a grid of HEVC tiles with irot', async () => {
    const plain = await decodeImage(io('obama.heic'));
    const d = await decodeImage(io('obama-grid-irot.heic')); // 2×2 tiles of 376×300 → 750×600, irot 270°
    expect([d.originalWidth, d.originalHeight]).toEqual([750, 600]);
    expect([d.image.width, d.image.height]).toEqual([600, 750]);
    expect(d.orientation).toBe(6);
    expect(meanAbsDiff(d.image, plain.image)).toBeLessThan(6);
  });

  it('converts a Display P3 HEIC to sRGB', async () => {
    const ref = await decodeImage(jpeg);
    const d = await decodeImage(io('obama-p3.heic'));
    expect(meanAbsDiff(d.image, ref.image)).toBeLessThan(3); // the raw P3 numbers differ by ~3.9
    // the red curtain/flag must keep its saturation: compare mean R-G over the image
    const chroma = (r: Raster) => {
      let s = 0;
      for (let i = 0; i < r.data.length; i += 3) s += r.data[i]! - r.data[i + 1]!;
      return s / (r.data.length / 3);
    };
    expect(Math.abs(chroma(d.image) - chroma(ref.image))).toBeLessThan(1.5); // unconverted: ~4.1
  });

  it('shrinks a HEIC to maxLongSide', async () => {
    const d = await decodeImage(io('obama.heic'), { maxLongSide: 375 });
    expect([d.image.width, d.image.height]).toEqual([300, 375]);
    expect(d.scale).toBeCloseTo(0.5, 5);
  });

  it('keeps working after bad HEIC inputs', async () => {
    const good = io('obama.heic');
    await rejectsWith(decodeImage(good.subarray(0, good.length >> 1)), 'INPUT_CORRUPT');
    const d = await decodeImage(good);
    expect(d.image.width).toBe(600);
  });
});

describe('probeImage', () => {
  it('reads format and stored size from the header only', async () => {
    expect(await probeImage(jpeg)).toEqual({ format: 'jpeg', width: 600, height: 750 });
    expect(await probeImage(io('obama-irot-exif6.heic'))).toEqual({ format: 'heic', width: 750, height: 600 });
    await rejectsWith(probeImage(Buffer.from('%PDF-1.4\n')), 'INPUT_UNSUPPORTED_TYPE');
    await rejectsWith(probeImage(new Uint8Array(0)), 'INPUT_EMPTY');
  });
});
