import type { Readable } from 'node:stream';

/** Where files live: local disk by default, S3-compatible storage at scale. Keys use `/` separators. */
export interface FileStorage {
  put(key: string, data: Buffer | Uint8Array, contentType?: string): Promise<void>;
  get(key: string): Promise<Buffer>;
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Stores a local file (e.g. a ZIP a job wrote) without reading it into memory. */
  putFile(key: string, sourcePath: string, contentType?: string): Promise<void>;
  /** A stored file as a stream, with its size in bytes (for large downloads). */
  openRead(key: string): Promise<{ stream: Readable; size: number }>;
}
