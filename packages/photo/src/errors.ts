/**
 * Typed errors of the photo engine. Every code lives in one table (`PHOTO_ERROR_MESSAGES`) with a zh-CN and
 * an English message written for the student. To add a code, add one row; `PhotoErrorCode` and
 * `PhotoErrorCodes` follow from the table.
 *
 * Messages may contain `{name}` placeholders; they are filled from `details` when the error is made.
 */
import type { LocalizedMessage } from './types.js';

export const PHOTO_ERROR_MESSAGES = {
  // ---- input (decode.ts) ----
  INPUT_EMPTY: {
    zh: '文件是空的，请重新选择照片。',
    en: 'The file is empty. Please choose the photo again.',
  },
  INPUT_UNSUPPORTED_TYPE: {
    zh: '不支持这种文件（{detected}）。请上传 JPG、PNG、WebP 或 HEIC 格式的照片。',
    en: 'This kind of file ({detected}) is not supported. Please upload a JPG, PNG, WebP or HEIC photo.',
  },
  INPUT_CORRUPT: {
    zh: '照片文件已损坏或不完整，无法打开。请重新拍摄或重新导出后再上传。',
    en: 'The photo file is damaged or incomplete and cannot be opened. Please take or export it again and re-upload.',
  },
  INPUT_TOO_LARGE: {
    zh: '照片太大（{actual}），最大允许 {limit}。请用手机相机的普通模式拍摄，或缩小后再上传。',
    en: 'The photo is too large ({actual}); the limit is {limit}. Please use the normal camera mode or resize it, then upload again.',
  },
  INPUT_ANIMATED: {
    zh: '这是动图或包含多张图片的文件，请上传一张普通的静态照片（关闭“实况”/连拍）。',
    en: 'This is an animation or a file with several pictures. Please upload a single still photo (turn off Live/burst mode).',
  },
  INPUT_TOO_SMALL: {
    zh: '照片分辨率太低（{actual}），至少需要 {limit}。请上传相机拍摄的原图，不要上传截图或缩略图。',
    en: 'The photo resolution is too low ({actual}); at least {limit} is needed. Please upload the original camera photo, not a screenshot or thumbnail.',
  },
  // ---- specs and arguments ----
  SPEC_UNKNOWN: {
    zh: '未知的照片规格：{spec}。',
    en: 'Unknown photo spec: {spec}.',
  },
  SPEC_INVALID: {
    zh: '照片规格定义无效：{reason}',
    en: 'Invalid photo spec definition: {reason}',
  },
  INVALID_ARGUMENT: {
    zh: '参数无效：{reason}',
    en: 'Invalid argument: {reason}',
  },
  // ---- processing ----
  MODEL_LOAD_FAILED: {
    zh: '照片处理模型加载失败，请稍后再试。',
    en: 'The photo processing model could not be loaded. Please try again later.',
  },
  PROCESSING_FAILED: {
    zh: '照片处理失败，请稍后再试或换一张照片。',
    en: 'Processing the photo failed. Please try again later or use another photo.',
  },
  ENCODE_FAILED: {
    zh: '生成照片文件失败，请稍后再试。',
    en: 'The output photo could not be written. Please try again later.',
  },
} as const satisfies Record<string, LocalizedMessage>;

export type PhotoErrorCode = keyof typeof PHOTO_ERROR_MESSAGES;

/** `PhotoErrorCodes.INPUT_EMPTY === 'INPUT_EMPTY'`: import these instead of copying strings around. */
export const PhotoErrorCodes = Object.freeze(
  Object.fromEntries(Object.keys(PHOTO_ERROR_MESSAGES).map((k) => [k, k])) as { [K in PhotoErrorCode]: K },
);

export type PhotoErrorDetails = Record<string, string | number | boolean | null | undefined>;

function fill(template: string, details: PhotoErrorDetails | undefined): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = details?.[name];
    return v === undefined || v === null ? whole : String(v);
  });
}

export class PhotoError extends Error {
  readonly code: PhotoErrorCode;
  readonly message_zh: string;
  readonly message_en: string;
  readonly details?: PhotoErrorDetails;

  constructor(code: PhotoErrorCode, details?: PhotoErrorDetails, options?: { cause?: unknown }) {
    const row: LocalizedMessage = PHOTO_ERROR_MESSAGES[code];
    const en = fill(row.en, details);
    super(en, options);
    this.name = 'PhotoError';
    this.code = code;
    this.message_en = en;
    this.message_zh = fill(row.zh, details);
    if (details) this.details = details;
  }

  /** Both messages in the shape of `LocalizedMessage` (what reports carry). */
  get localized(): LocalizedMessage {
    return { zh: this.message_zh, en: this.message_en };
  }

  toJSON(): { code: PhotoErrorCode; message: LocalizedMessage; details?: PhotoErrorDetails } {
    return { code: this.code, message: this.localized, ...(this.details ? { details: this.details } : {}) };
  }
}

export function isPhotoError(e: unknown, code?: PhotoErrorCode): e is PhotoError {
  return e instanceof PhotoError && (code === undefined || e.code === code);
}

/** "12.0 MP" style helper for size messages. */
export function formatMegapixels(pixels: number): string {
  return `${(pixels / 1e6).toFixed(1)} MP`;
}

/** "12.3 MB" style helper for byte-size messages. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${bytes} B`;
}
