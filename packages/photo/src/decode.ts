/**
 * Bytes → oriented sRGB raster. Recognises the format by magic bytes, bounds the pixel count from the header
 * before any decoder allocates, rejects animations / multi-image files, and maps every failure to a
 * PhotoError. JPEG/PNG/WebP go through sharp (EXIF orientation, embedded ICC → sRGB, shrink-on-load for
 * `maxLongSide`); HEIC/HEIF through libheif-js (see heic.ts).
 */
import sharp from 'sharp';
import type { Metadata, OutputInfo } from 'sharp';
import { applyLinearMatrix, classifyIcc, heifToSrgbMatrix, type Mat3 } from './colour.js';
import { PhotoError, formatBytes, formatMegapixels } from './errors.js';
import { decodeHeic } from './heic.js';
import { HeifParseError, parseHeif, transformsToExifOrientation } from './heif-boxes.js';
import { sniff } from './sniff.js';
import type { DecodedImage, InputFormat, Raster } from './types.js';

export interface DecodeOptions {
  /** Largest accepted pixel count (width × height), checked from the header before decoding. Default 50 MP. */
  maxPixels?: number;
  /** Largest accepted file size in bytes. Default 80 MB. */
  maxBytes?: number;
  /** Smallest accepted short side in pixels. Default 100. */
  minSide?: number;
  /**
   * Shrink so that the long side is at most this many pixels (never enlarges). JPEG and WebP use the
   * decoder's shrink-on-load, so a 12 MP JPEG decodes in a fraction of the full-size time.
   */
  maxLongSide?: number;
  /** Give up on a decode that takes longer than this (seconds). Default 30. */
  timeoutSeconds?: number;
}

export const DEFAULT_MAX_PIXELS = 50_000_000;
export const DEFAULT_MAX_BYTES = 80 * 1024 * 1024;
export const DEFAULT_MIN_SIDE = 100;

const WHITE = { r: 255, g: 255, b: 255 };

interface Limits {
  maxPixels: number;
  minSide: number;
}

function checkSize(width: number, height: number, limits: Limits): void {
  if (!(width > 0 && height > 0)) throw new PhotoError('INPUT_CORRUPT', { reason: 'no image size in header' });
  if (width * height > limits.maxPixels) {
    throw new PhotoError('INPUT_TOO_LARGE', {
      actual: `${width}×${height}, ${formatMegapixels(width * height)}`,
      limit: formatMegapixels(limits.maxPixels),
      width,
      height,
    });
  }
  if (Math.min(width, height) < limits.minSide) {
    throw new PhotoError('INPUT_TOO_SMALL', {
      actual: `${width}×${height}`,
      limit: `${limits.minSide}×${limits.minSide}`,
      width,
      height,
    });
  }
}

function targetSize(w: number, h: number, maxLongSide: number | undefined): { width: number; height: number } | null {
  if (!maxLongSide || Math.max(w, h) <= maxLongSide) return null;
  const s = maxLongSide / Math.max(w, h);
  return { width: Math.max(1, Math.round(w * s)), height: Math.max(1, Math.round(h * s)) };
}

function isSharpError(e: unknown): e is Error {
  return e instanceof Error && !(e instanceof PhotoError);
}

function mapSharpError(e: unknown, maxPixels = DEFAULT_MAX_PIXELS): PhotoError {
  if (e instanceof PhotoError) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (/pixel limit/i.test(message)) {
    return new PhotoError('INPUT_TOO_LARGE', { actual: `> ${formatMegapixels(maxPixels)}`, limit: formatMegapixels(maxPixels), reason: message });
  }
  if (/timeout/i.test(message)) return new PhotoError('INPUT_CORRUPT', { reason: `decode timed out: ${message}` });
  return new PhotoError('INPUT_CORRUPT', { reason: message }, { cause: e });
}

async function decodeWithSharp(bytes: Uint8Array, format: InputFormat, limits: Limits, opts: DecodeOptions): Promise<DecodedImage> {
  const input = { limitInputPixels: limits.maxPixels, failOn: 'error' as const, sequentialRead: true };
  let meta: Metadata;
  try {
    // Header only: no pixel is decoded here, so the size can be checked with a precise message first.
    meta = await sharp(bytes, { failOn: 'error', limitInputPixels: false }).metadata();
  } catch (e) {
    throw mapSharpError(e, limits.maxPixels);
  }
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if ((meta.pages ?? 1) > 1) throw new PhotoError('INPUT_ANIMATED', { frames: meta.pages });
  const orientation = meta.orientation && meta.orientation >= 1 && meta.orientation <= 8 ? meta.orientation : 1;
  checkSize(width, height, limits);
  const swap = orientation >= 5;
  const fullWidth = swap ? height : width;
  const fullHeight = swap ? width : height;
  const target = targetSize(fullWidth, fullHeight, opts.maxLongSide);

  // Colour: an embedded sRGB profile needs no transform, and a matrix profile with the sRGB curve (Display P3
  // of iPhones) is converted after the shrink by a 3x3 matrix — both far cheaper than lcms on 12 MP. Any
  // other profile (CMYK, grey, LUT-based, other curves) goes through sharp's full ICC transform.
  let matrix: Mat3 | null = null;
  let ignoreIcc = false;
  if (meta.icc && meta.space === 'srgb') {
    const c = classifyIcc(meta.icc);
    if (c.kind !== 'other') ignoreIcc = true;
    if (c.kind === 'matrix') matrix = c.matrix;
  }
  let pipeline = sharp(bytes, { ...input, ignoreIcc }).timeout({ seconds: opts.timeoutSeconds ?? 30 }).rotate();
  if (target) pipeline = pipeline.resize(target.width, target.height, { fit: 'fill', fastShrinkOnLoad: true });
  const hadAlpha = meta.hasAlpha === true;
  if (hadAlpha) pipeline = pipeline.flatten({ background: WHITE });
  pipeline = pipeline.toColourspace('srgb').removeAlpha();
  let out: { data: Buffer; info: OutputInfo };
  try {
    out = await pipeline.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  } catch (e) {
    throw mapSharpError(e, limits.maxPixels);
  }
  if (out.info.channels !== 3) throw new PhotoError('INPUT_CORRUPT', { reason: `unexpected ${out.info.channels} channels` });
  const image: Raster = { data: new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.length), width: out.info.width, height: out.info.height, channels: 3 };
  if (matrix) applyLinearMatrix(image, matrix);
  return {
    image,
    format,
    originalWidth: width,
    originalHeight: height,
    orientation,
    fullWidth,
    fullHeight,
    scale: image.width / fullWidth,
    hadAlpha,
  };
}

async function decodeHeif(bytes: Uint8Array, limits: Limits, opts: DecodeOptions): Promise<DecodedImage> {
  let info;
  try {
    info = parseHeif(bytes);
  } catch (e) {
    if (e instanceof HeifParseError) throw new PhotoError('INPUT_CORRUPT', { reason: `HEIF: ${e.message}` });
    throw e;
  }
  if (info.hasSequence) throw new PhotoError('INPUT_ANIMATED', { reason: 'HEIF image sequence' });
  if (info.allSizes.length === 0) throw new PhotoError('INPUT_CORRUPT', { reason: 'HEIF: no image size (ispe)' });
  // Bound every image in the file (primary, grid, tiles, thumbnails, depth maps) before libheif sees it.
  for (const s of info.allSizes) checkSize(s.width, s.height, { ...limits, minSide: 0 });
  const stored = info.primarySize ?? info.allSizes.reduce((a, s) => (s.width * s.height > a.width * a.height ? s : a));
  checkSize(stored.width, stored.height, limits);

  let px;
  try {
    px = await decodeHeic(bytes, (c) => {
      if (c.topLevelImages > 1) throw new PhotoError('INPUT_ANIMATED', { frames: c.topLevelImages });
      checkSize(c.width, c.height, limits);
    });
  } catch (e) {
    if (e instanceof PhotoError) throw e;
    const reason = e instanceof Error ? e.message : String(e);
    if (/security limit|too large|memory/i.test(reason)) {
      throw new PhotoError('INPUT_TOO_LARGE', { actual: 'over limit', limit: formatMegapixels(limits.maxPixels), reason });
    }
    throw new PhotoError('INPUT_CORRUPT', { reason }, { cause: e });
  }

  const target = targetSize(px.width, px.height, opts.maxLongSide);
  let image: Raster;
  if (target || px.channels === 4) {
    let pipeline = sharp(px.data, { raw: { width: px.width, height: px.height, channels: px.channels } });
    if (target) pipeline = pipeline.resize(target.width, target.height, { fit: 'fill' });
    if (px.channels === 4) pipeline = pipeline.flatten({ background: WHITE });
    const out = await pipeline.removeAlpha().raw().toBuffer({ resolveWithObject: true });
    image = { data: new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.length), width: out.info.width, height: out.info.height, channels: 3 };
  } else {
    image = { data: px.data, width: px.width, height: px.height, channels: 3 };
  }
  const m = heifToSrgbMatrix(info.colour);
  if (m) applyLinearMatrix(image, m);
  return {
    image,
    format: 'heic',
    originalWidth: stored.width,
    originalHeight: stored.height,
    orientation: transformsToExifOrientation(info.transforms),
    fullWidth: px.width,
    fullHeight: px.height,
    scale: image.width / px.width,
    hadAlpha: px.hasAlpha,
  };
}

/**
 * Decode an uploaded photo. Throws PhotoError with an INPUT_* code for anything that is not a single,
 * intact JPEG/PNG/WebP/HEIC photo within the size limits.
 */
export async function decodeImage(bytes: Uint8Array, opts: DecodeOptions = {}): Promise<DecodedImage> {
  const limits: Limits = { maxPixels: opts.maxPixels ?? DEFAULT_MAX_PIXELS, minSide: opts.minSide ?? DEFAULT_MIN_SIDE };
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length === 0) throw new PhotoError('INPUT_EMPTY');
  if (bytes.length > maxBytes) {
    throw new PhotoError('INPUT_TOO_LARGE', { actual: formatBytes(bytes.length), limit: formatBytes(maxBytes), bytes: bytes.length });
  }
  const kind = sniff(bytes);
  if (kind.kind === 'unsupported') {
    if (kind.animated) throw new PhotoError('INPUT_ANIMATED', { detected: kind.detected });
    throw new PhotoError('INPUT_UNSUPPORTED_TYPE', { detected: kind.detected });
  }
  if (kind.animated) throw new PhotoError('INPUT_ANIMATED', { detected: kind.format, frames: kind.frames ?? null });
  try {
    if (kind.format === 'heic') return await decodeHeif(bytes, limits, opts);
    return await decodeWithSharp(bytes, kind.format, limits, opts);
  } catch (e) {
    if (isSharpError(e)) throw mapSharpError(e, limits.maxPixels);
    throw e;
  }
}

/** The header facts of a photo without decoding pixels (format, stored size). Same errors as decodeImage. */
export async function probeImage(bytes: Uint8Array, opts: Pick<DecodeOptions, 'maxBytes'> = {}): Promise<{ format: InputFormat; width: number; height: number }> {
  if (bytes.length === 0) throw new PhotoError('INPUT_EMPTY');
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > maxBytes) throw new PhotoError('INPUT_TOO_LARGE', { actual: formatBytes(bytes.length), limit: formatBytes(maxBytes) });
  const kind = sniff(bytes);
  if (kind.kind === 'unsupported') throw new PhotoError(kind.animated ? 'INPUT_ANIMATED' : 'INPUT_UNSUPPORTED_TYPE', { detected: kind.detected });
  if (kind.format === 'heic') {
    try {
      const info = parseHeif(bytes);
      const s = info.primarySize ?? info.allSizes[0];
      if (!s) throw new PhotoError('INPUT_CORRUPT', { reason: 'HEIF: no image size' });
      return { format: 'heic', width: s.width, height: s.height };
    } catch (e) {
      if (e instanceof HeifParseError) throw new PhotoError('INPUT_CORRUPT', { reason: e.message });
      throw e;
    }
  }
  try {
    const m = await sharp(bytes).metadata();
    return { format: kind.format, width: m.width ?? 0, height: m.height ?? 0 };
  } catch (e) {
    throw mapSharpError(e);
  }
}
