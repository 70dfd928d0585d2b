/** Where files live: local disk by default, S3-compatible storage at scale. Keys use `/` separators. */
export interface FileStorage {
  put(key: string, data: Buffer | Uint8Array, contentType?: string): Promise<void>;
  get(key: string): Promise<Buffer>;
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
}
