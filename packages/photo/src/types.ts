/**
 * Shared types of the photo engine. Modules:
 *   errors.ts   PhotoError (typed input/processing errors with zh/en messages)
 *   specs.ts    photo specs as data (xuexin, 1寸, 2寸, 小2寸) and background presets
 *   decode.ts   bytes → oriented RGB raster (JPEG/PNG/WebP/HEIC), safe against bad input
 *   encode.ts   RGB raster → baseline sRGB JPEG at 300 dpi within the spec's byte range
 *   face.ts     face detection, landmarks, iris, pose (Human on tfjs wasm)
 *   segment.ts  coarse person segmentation;  matte.ts  refined soft alpha
 *   compose.ts  levelling, scale/crop to the spec's geometry, background fill
 *   checks.ts   quality checks;  check-codes.ts  exported check codes and messages
 *   process.ts  the pipeline;  sheet.ts  print sheets;  cli.ts  the idphoto command
 */

/** An 8-bit interleaved raster (channels 3 = RGB, 4 = RGBA, 1 = grey). */
export interface Raster {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 1 | 3 | 4;
}

export type InputFormat = 'jpeg' | 'png' | 'webp' | 'heic';

export interface DecodedImage {
  /** RGB, EXIF orientation applied. */
  image: Raster;
  format: InputFormat;
  /** Size of the stored image before orientation was applied. */
  originalWidth: number;
  originalHeight: number;
  /** EXIF orientation tag that was applied (1 when none; for HEIC the equivalent of its irot/imir). */
  orientation: number;
  /** Size of the full-resolution image after orientation (what `image` would be without `maxLongSide`). */
  fullWidth: number;
  fullHeight: number;
  /** `image.width / fullWidth`: 1 unless the image was shrunk on load (`maxLongSide`). */
  scale: number;
  /** Whether the source had an alpha channel (it was composited over white). */
  hadAlpha: boolean;
}

export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Severity = 'reject' | 'warn';

export interface LocalizedMessage {
  zh: string;
  en: string;
}

export interface CheckResult {
  code: string;
  severity: Severity;
  passed: boolean;
  value: number | string | null;
  threshold: number | string | null;
  message: LocalizedMessage;
}

export type Verdict = 'pass' | 'warn' | 'reject';
