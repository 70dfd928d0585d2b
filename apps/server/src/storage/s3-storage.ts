import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { assertStorageKey, storageNotFound, type FileStorage } from './storage.js';

export interface S3StorageConfig {
  bucket: string;
  region: string;
  /** For S3-compatible services (MinIO, Aliyun OSS, Tencent COS); AWS when absent. */
  endpoint?: string | undefined;
  accessKeyId: string;
  secretAccessKey: string;
  /** `https://endpoint/bucket/key` instead of `https://bucket.endpoint/key` (MinIO needs it). */
  forcePathStyle: boolean;
  /** Prepended to every key with a `/`, so several deployments can share one bucket. */
  prefix?: string | undefined;
}

/**
 * S3-compatible object storage: several API and worker machines share the same files.
 * Behaves like the local driver: a missing key rejects with `code: 'ENOENT'`, deleting one is not an error.
 */
export function createS3Storage(config: S3StorageConfig): FileStorage & { close(): void } {
  const client = new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    // Checksums only where an operation requires them: S3-compatible services (MinIO, OSS, COS)
    // do not all accept the aws-chunked uploads with trailing CRC32 that the SDK sends by default.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const prefix = (config.prefix ?? '').replace(/^\/+|\/+$/g, '');
  const Bucket = config.bucket;
  const objectKey = (key: string): string => {
    assertStorageKey(key);
    return prefix ? `${prefix}/${key}` : key;
  };

  const isNotFound = (err: unknown): boolean =>
    err instanceof S3ServiceException && (err.name === 'NoSuchKey' || err.name === 'NotFound' || err.$metadata.httpStatusCode === 404) && err.name !== 'NoSuchBucket';

  /** A clear message naming the operation, the object and the service's error code. */
  const failure = (op: string, key: string, err: unknown): Error => {
    if (!(err instanceof S3ServiceException)) return err instanceof Error ? err : new Error(String(err));
    const status = err.$metadata.httpStatusCode;
    // HEAD responses carry no error body, so a 403 there has no code: name the likely cause
    const bodiless = ['Unknown', 'UnknownError', 'Forbidden'].includes(err.name);
    const code = bodiless && status === 403 ? 'AccessDenied' : err.name;
    const hint =
      code === 'SignatureDoesNotMatch' || code === 'InvalidAccessKeyId' || code === 'AccessDenied'
        ? ' (check S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY and the key’s permissions on the bucket)'
        : code === 'NoSuchBucket'
          ? ' (check S3_BUCKET, S3_REGION and S3_ENDPOINT)'
          : '';
    const detail = !bodiless && err.message && err.message !== code && err.message !== 'UnknownError' ? `: ${err.message}` : '';
    return Object.assign(new Error(`S3 ${op} s3://${Bucket}/${objectKey(key)} failed with ${code}${status ? ` (HTTP ${status})` : ''}${detail}${hint}`, { cause: err }), {
      code,
    });
  };

  return {
    async put(key, data, contentType) {
      const Key = objectKey(key);
      try {
        await client.send(new PutObjectCommand({ Bucket, Key, Body: data, ContentLength: data.byteLength, ContentType: contentType ?? 'application/octet-stream' }));
      } catch (err) {
        throw failure('PutObject', key, err);
      }
    },
    async get(key) {
      const Key = objectKey(key);
      try {
        const res = await client.send(new GetObjectCommand({ Bucket, Key }));
        return Buffer.from(await res.Body!.transformToByteArray());
      } catch (err) {
        if (isNotFound(err)) throw storageNotFound(key, err);
        throw failure('GetObject', key, err);
      }
    },
    async exists(key) {
      let Key: string;
      try {
        Key = objectKey(key);
      } catch {
        return false; // as the local driver: an invalid key names no file
      }
      try {
        await client.send(new HeadObjectCommand({ Bucket, Key }));
        return true;
      } catch (err) {
        if (isNotFound(err)) return false;
        throw failure('HeadObject', key, err);
      }
    },
    async delete(key) {
      const Key = objectKey(key);
      try {
        await client.send(new DeleteObjectCommand({ Bucket, Key }));
      } catch (err) {
        if (isNotFound(err)) return;
        throw failure('DeleteObject', key, err);
      }
    },
    async putFile(key, sourcePath, contentType) {
      const Key = objectKey(key);
      const { size } = await stat(sourcePath);
      const Body = createReadStream(sourcePath);
      try {
        await client.send(new PutObjectCommand({ Bucket, Key, Body, ContentLength: size, ContentType: contentType ?? 'application/octet-stream' }));
      } catch (err) {
        throw failure('PutObject', key, err);
      } finally {
        Body.destroy();
      }
    },
    async openRead(key) {
      const Key = objectKey(key);
      try {
        const res = await client.send(new GetObjectCommand({ Bucket, Key }));
        return { stream: res.Body as Readable, size: res.ContentLength ?? 0 };
      } catch (err) {
        if (isNotFound(err)) throw storageNotFound(key, err);
        throw failure('GetObject', key, err);
      }
    },
    close() {
      client.destroy();
    },
  };
}
