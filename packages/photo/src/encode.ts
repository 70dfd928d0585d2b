/**
 * RGB raster → baseline JPEG for ID photos.
 *
 * - Baseline (sequential) DCT with optimised Huffman tables (still baseline), never progressive.
 * - Chroma 4:4:4: the saturated flat backgrounds (#28BEFA) meet dark hair at the figure's edge; 4:2:0 would
 *   halve the colour resolution there and bleed a blue fringe into the hair. It also makes small files
 *   larger, which helps reach the 30 KB minimum at a sane quality. Every baseline decoder handles 1×1 sampling.
 * - Colour: the pixels are sRGB and the file carries no ICC profile and no EXIF, so every reader takes it as
 *   sRGB (no "Uncalibrated" EXIF colour space, no v4 ICC profile that old validators choke on).
 * - Density: a JFIF APP0 segment with 300 dpi (libvips/mozjpeg writes none of its own), read back as
 *   density 300 by sharp, exiftool, Photoshop and Windows.
 * - Size: a search on quality reaches [minBytes, maxBytes]; the file is never padded.
 */
import sharp from 'sharp';
import { PhotoError } from './errors.js';
import type { Raster } from './types.js';

export interface EncodeOptions {
  /** Smallest acceptable file size in bytes (default 0). */
  minBytes?: number;
  /** Largest acceptable file size in bytes (default unlimited). */
  maxBytes?: number;
  /** Lowest JPEG quality the search may use (default 60, the 学信网 minimum). */
  minQuality?: number;
  /** Quality tried first and preferred when it fits (default 95). */
  preferredQuality?: number;
  /** Density written in the JFIF header (default 300 dpi). */
  dpi?: number;
}

export interface EncodeResult {
  bytes: Buffer;
  quality: number;
  /**
   * Whether `bytes.length` lies in [minBytes, maxBytes]. When false, `sizeIssue` says why:
   * `too_small` — even quality 100 gives fewer than minBytes (returned: the quality-100 file);
   * `too_large` — even minQuality gives more than maxBytes (returned: the minQuality file).
   * Callers turn this into a check result; the bytes are never padded.
   */
  sizeOk: boolean;
  sizeIssue?: 'too_small' | 'too_large';
  /** Number of JPEG encodes the search needed. */
  attempts: number;
}

/** The 18-byte JFIF APP0 segment with a density in dots per inch. */
export function jfifSegment(dpi: number): Buffer {
  const d = Math.max(1, Math.min(65535, Math.round(dpi)));
  const b = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x01, 0, 0, 0, 0, 0x00, 0x00]);
  b.writeUInt16BE(d, 12);
  b.writeUInt16BE(d, 14);
  return b;
}

/** Put a JFIF APP0 with the given density right after SOI, replacing an existing JFIF APP0. */
export function setJfifDensity(jpeg: Buffer, dpi: number): Buffer {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new PhotoError('ENCODE_FAILED', { reason: 'not a JPEG' });
  let rest = jpeg.subarray(2);
  if (rest[0] === 0xff && rest[1] === 0xe0 && rest.toString('latin1', 4, 9) === 'JFIF\0') {
    rest = rest.subarray(2 + rest.readUInt16BE(2));
  }
  return Buffer.concat([jpeg.subarray(0, 2), jfifSegment(dpi), rest]);
}

function checkRaster(image: Raster): void {
  const { width, height, channels, data } = image;
  if (!(width > 0 && height > 0) || data.length !== width * height * channels) {
    throw new PhotoError('INVALID_ARGUMENT', { reason: `raster ${width}×${height}×${channels} does not match ${data.length} bytes` });
  }
}

/** One JPEG encode at a fixed quality (baseline, 4:4:4, no metadata, JFIF 300 dpi). */
export async function encodeJpegAt(image: Raster, quality: number, dpi = 300): Promise<Buffer> {
  checkRaster(image);
  let p = sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } });
  if (image.channels === 4) p = p.flatten({ background: '#ffffff' });
  if (image.channels !== 3) p = p.toColourspace('srgb');
  const jpeg = await p
    .removeAlpha()
    .jpeg({
      quality: Math.round(quality),
      progressive: false,
      chromaSubsampling: '4:4:4',
      optimiseCoding: true,
      mozjpeg: false,
      trellisQuantisation: false,
      overshootDeringing: false,
      optimiseScans: false,
    })
    .toBuffer();
  return setJfifDensity(jpeg, dpi);
}

/**
 * Encode within a byte range by choosing the quality. Tries `preferredQuality` first (one encode in the
 * common case); if too large, binary-searches the highest quality ≥ minQuality that fits under maxBytes;
 * if too small, the lowest quality ≤ 100 that reaches minBytes.
 */
export async function encodeJpeg(image: Raster, opts: EncodeOptions = {}): Promise<EncodeResult> {
  const minBytes = opts.minBytes ?? 0;
  const maxBytes = opts.maxBytes ?? Number.POSITIVE_INFINITY;
  const minQuality = Math.max(1, Math.min(100, Math.round(opts.minQuality ?? 60)));
  const preferred = Math.max(minQuality, Math.min(100, Math.round(opts.preferredQuality ?? 95)));
  const dpi = opts.dpi ?? 300;
  if (minBytes > maxBytes) throw new PhotoError('INVALID_ARGUMENT', { reason: `minBytes ${minBytes} > maxBytes ${maxBytes}` });

  const cache = new Map<number, Buffer>();
  const at = async (q: number) => {
    let b = cache.get(q);
    if (!b) {
      b = await encodeJpegAt(image, q, dpi);
      cache.set(q, b);
    }
    return b;
  };
  const fits = (b: Buffer) => b.length >= minBytes && b.length <= maxBytes;
  const done = (q: number, b: Buffer, issue?: 'too_small' | 'too_large'): EncodeResult => ({
    bytes: b,
    quality: q,
    sizeOk: issue === undefined,
    ...(issue ? { sizeIssue: issue } : {}),
    attempts: cache.size,
  });

  const first = await at(preferred);
  if (fits(first)) return done(preferred, first);

  if (first.length > maxBytes) {
    // Highest q in [minQuality, preferred) with size ≤ maxBytes.
    let lo = minQuality;
    let hi = preferred - 1;
    let best: number | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((await at(mid)).length <= maxBytes) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (best === null) return done(minQuality, await at(minQuality), 'too_large');
    const b = await at(best);
    return fits(b) ? done(best, b) : done(best, b, 'too_small'); // the range is narrower than one quality step
  }

  // Too small: lowest q in (preferred, 100] with size ≥ minBytes.
  let lo = preferred + 1;
  let hi = 100;
  let best: number | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((await at(mid)).length >= minBytes) {
      best = mid;
      hi = mid - 1;
    } else lo = mid + 1;
  }
  if (best === null) return done(100, await at(100), 'too_small');
  const b = await at(best);
  return fits(b) ? done(best, b) : done(best, b, 'too_large');
}
