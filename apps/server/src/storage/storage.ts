import type { Readable } from 'node:stream';

/** Where files live: local disk by default, S3-compatible storage at scale. Keys use `/` separators. */
export interface FileStorage {
  put(key: string, data: Buffer | Uint8Array, contentType?: string): Promise<void>;
  /** Rejects with an error whose `code` is `ENOENT` when the key is missing (every driver). */
  get(key: string): Promise<Buffer>;
  exists(key: string): Promise<boolean>;
  /** Deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Stores a local file (e.g. a ZIP a job wrote) without reading it into memory. */
  putFile(key: string, sourcePath: string, contentType?: string): Promise<void>;
  /** A stored file as a stream, with its size in bytes (for large downloads). Missing key: `ENOENT`, as `get`. */
  openRead(key: string): Promise<{ stream: Readable; size: number }>;
}

/** Keys are relative paths of word characters, `-` and `.`, separated by `/`; no `..`, no empty parts. */
export function assertStorageKey(key: string): void {
  if (!/^[\w\-./]+$/.test(key) || key.split('/').some((part) => part === '..' || part === '')) {
    throw new Error(`Invalid storage key: ${key}`);
  }
}

/** The error every driver rejects with for a missing key: shaped like Node's fs error (`code: 'ENOENT'`). */
export function storageNotFound(key: string, cause?: unknown): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOENT: no such file in storage, '${key}'`, { cause }), { code: 'ENOENT', errno: -2 });
}
