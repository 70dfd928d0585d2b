import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Storage, type S3StorageConfig } from './s3-storage.js';
import { describeStorageContract } from './storage-contract.js';
import { startS3TestServer, type S3TestServer } from './s3-test-server.js';

const credentials = { accessKeyId: 'AKIDGRADPHOTOTEST', secretAccessKey: 'test-secret/with+special=chars', region: 'cn-north-1' };
const configFor = (server: S3TestServer, extra: Partial<S3StorageConfig> = {}): S3StorageConfig => ({
  bucket: 'photos',
  endpoint: server.endpoint,
  forcePathStyle: true,
  ...credentials,
  ...extra,
});

describeStorageContract('s3 (local S3-compatible server, SigV4 checked)', async () => {
  const server = await startS3TestServer({ ...credentials, buckets: ['photos'] });
  const storage = createS3Storage(configFor(server));
  return {
    storage,
    teardown: async () => {
      storage.close();
      await server.close();
    },
  };
});

describeStorageContract('s3 with S3_PREFIX', async () => {
  const server = await startS3TestServer({ ...credentials, buckets: ['photos'] });
  const storage = createS3Storage(configFor(server, { prefix: '/campus-a/' }));
  return {
    storage,
    teardown: async () => {
      storage.close();
      await server.close();
    },
  };
});

describe('s3 storage', () => {
  let server: S3TestServer;
  beforeAll(async () => {
    server = await startS3TestServer({ ...credentials, buckets: ['photos'] });
  });
  afterAll(() => server.close());

  it('keeps `/` in keys and puts them under the prefix, with the content type', async () => {
    const storage = createS3Storage(configFor(server, { prefix: 'gradphoto/prod' }));
    await storage.put('originals/2024/s-1.jpg', Buffer.from('jpeg'), 'image/jpeg');
    const objects = server.buckets.get('photos')!;
    expect(objects.get('gradphoto/prod/originals/2024/s-1.jpg')).toMatchObject({ contentType: 'image/jpeg' });
    expect(server.requests.at(-1)).toMatchObject({ method: 'PUT', bucket: 'photos', key: 'gradphoto/prod/originals/2024/s-1.jpg' });
    // without a prefix the key is the object key
    const plain = createS3Storage(configFor(server));
    expect(await plain.exists('originals/2024/s-1.jpg')).toBe(false);
    expect(await plain.exists('gradphoto/prod/originals/2024/s-1.jpg')).toBe(true);
    storage.close();
    plain.close();
  });

  it('putFile streams the file: the payload is not hashed up front (UNSIGNED-PAYLOAD) and Content-Length is sent', async () => {
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'gp-s3-'));
    await writeFile(path.join(dir, 'f.bin'), Buffer.alloc(300_000, 7));
    const storage = createS3Storage(configFor(server));
    await storage.putFile('streamed/f.bin', path.join(dir, 'f.bin'));
    expect(server.requests.at(-1)).toMatchObject({ method: 'PUT', key: 'streamed/f.bin', contentSha256: 'UNSIGNED-PAYLOAD' });
    expect(server.buckets.get('photos')!.get('streamed/f.bin')!.body.length).toBe(300_000);
    storage.close();
  });

  it('a wrong secret gives a clear SignatureDoesNotMatch error on every operation, never "missing"', async () => {
    const good = createS3Storage(configFor(server));
    await good.put('secret/test.txt', Buffer.from('x'));
    const bad = createS3Storage(configFor(server, { secretAccessKey: 'not-the-secret' }));
    await expect(bad.put('secret/test.txt', Buffer.from('y'))).rejects.toMatchObject({
      code: 'SignatureDoesNotMatch',
      message: expect.stringMatching(/S3 PutObject s3:\/\/photos\/secret\/test\.txt failed with SignatureDoesNotMatch \(HTTP 403\).*S3_SECRET_ACCESS_KEY/),
    });
    await expect(bad.get('secret/test.txt')).rejects.toThrow(/GetObject .*SignatureDoesNotMatch \(HTTP 403\)/);
    await expect(bad.get('secret/missing.txt')).rejects.toThrow(/SignatureDoesNotMatch/);
    await expect(bad.openRead('secret/test.txt')).rejects.toThrow(/SignatureDoesNotMatch/);
    // HEAD has no error body: the status tells it
    await expect(bad.exists('secret/test.txt')).rejects.toThrow(/HeadObject .*AccessDenied \(HTTP 403\).*S3_SECRET_ACCESS_KEY/);
    await expect(bad.delete('secret/test.txt')).rejects.toThrow(/DeleteObject .*SignatureDoesNotMatch/);
    expect((await good.get('secret/test.txt')).toString()).toBe('x');
    good.close();
    bad.close();
  });

  it('the test server refuses unsigned requests with S3\'s XML error, and checks a signed payload hash', async () => {
    const res = await fetch(`${server.endpoint}/photos/a.txt`);
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/<Error><Code>AccessDenied<\/Code>.*<Resource>\/photos\/a\.txt<\/Resource>/);
    const storage = createS3Storage(configFor(server));
    await storage.put('hashed/b.txt', Buffer.from('signed body'));
    // a Buffer body is hashed into the signature, and the server compared it with the body it got
    expect(server.requests.at(-1)?.contentSha256).toBe(createHash('sha256').update('signed body').digest('hex'));
    storage.close();
  });

  it('an unknown access key or bucket is named in the error', async () => {
    const wrongKey = createS3Storage(configFor(server, { accessKeyId: 'AKIDUNKNOWN' }));
    await expect(wrongKey.get('a.txt')).rejects.toThrow(/InvalidAccessKeyId \(HTTP 403\)/);
    const wrongBucket = createS3Storage(configFor(server, { bucket: 'nope' }));
    await expect(wrongBucket.get('a.txt')).rejects.toThrow(/s3:\/\/nope\/a\.txt failed with NoSuchBucket \(HTTP 404\).*S3_BUCKET/);
    await expect(wrongBucket.put('a.txt', Buffer.from('x'))).rejects.toThrow(/NoSuchBucket/);
    wrongKey.close();
    wrongBucket.close();
  });
});
