import sharp, { type Metadata } from 'sharp';
import { bilingual as m, errors } from '../errors.js';

/** What an ID card OCR engine suggests; the service validates the number and the student confirms. */
export interface IdCardOcrResult {
  idNumber: string | null;
  name: string | null;
  /** 0..1: the engine's confidence in the weaker of the two fields it found. */
  confidence: number;
}

export interface IdCardOcr {
  read(image: Buffer): Promise<IdCardOcrResult>;
}

export const OCR_LIMITS = { maxBytes: 20 * 1024 * 1024, maxPixels: 50_000_000 };

export interface DecodedImage {
  /** RGBA pixels. */
  data: Buffer;
  width: number;
  height: number;
}

/**
 * Checks and decodes an uploaded photo: rejects non-images and anything over 20 MB or 50 megapixels with a
 * typed error, applies the EXIF orientation and scales it to fit `maxSide` (never up).
 */
export async function decodeOcrImage(image: Buffer, maxSide: number): Promise<DecodedImage> {
  if (image.length > OCR_LIMITS.maxBytes) throw errors.tooLarge(m('图片不能超过 20 MB', 'The photo must be at most 20 MB'));
  let meta: Metadata;
  try {
    meta = await sharp(image, { limitInputPixels: false }).metadata();
  } catch {
    throw notAnImage();
  }
  if (!meta.width || !meta.height || !meta.format || !['jpeg', 'png', 'webp', 'heif', 'tiff', 'gif'].includes(meta.format)) throw notAnImage();
  if (meta.width * meta.height > OCR_LIMITS.maxPixels) {
    throw errors.tooLarge(m('图片像素太多（最多 5000 万像素）', 'The photo has too many pixels (at most 50 megapixels)'));
  }
  try {
    const { data, info } = await sharp(image, { limitInputPixels: OCR_LIMITS.maxPixels, failOn: 'error' })
      .rotate()
      .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch {
    throw notAnImage();
  }
}

function notAnImage() {
  return errors.validation('IMAGE_INVALID', m('无法读取这张图片，请上传 JPG 或 PNG 照片', 'This file could not be read as a photo; please upload a JPG or PNG'));
}

/**
 * Runs tasks one at a time (the engine uses both cores for one image) and refuses new work when `maxWaiting`
 * tasks already wait, so a burst can't pile up uploads in memory.
 */
export function createSerialQueue(maxWaiting: number) {
  let tail: Promise<unknown> = Promise.resolve();
  let waiting = 0;
  return <T>(task: () => Promise<T>): Promise<T> => {
    if (waiting >= maxWaiting) {
      return Promise.reject(
        errors.rateLimited('OCR_BUSY', m('识别服务正忙，请稍后再试', 'The ID card reader is busy; please try again shortly'), { retryAfterSeconds: 5 }),
      );
    }
    waiting++;
    const run = tail.then(
      () => task(),
      () => task(),
    );
    tail = run.finally(() => {
      waiting--;
    }).catch(() => undefined);
    return run;
  };
}
