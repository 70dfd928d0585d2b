import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileStorage } from './storage.js';

const readAll = async (stream: Readable): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

/**
 * The behaviour every FileStorage driver shares; each driver's test file runs it.
 * `setup` gives a fresh, empty storage and is called once per driver.
 */
export function describeStorageContract(driver: string, setup: () => Promise<{ storage: FileStorage; teardown?: () => Promise<void> }>): void {
  describe(`FileStorage contract: ${driver}`, () => {
    let storage: FileStorage;
    let teardown: (() => Promise<void>) | undefined;
    let tmpDir: string;
    beforeAll(async () => {
      ({ storage, teardown } = await setup());
      tmpDir = await mkdtemp(path.join(os.tmpdir(), 'gp-storage-src-'));
    });
    afterAll(async () => {
      await teardown?.();
      await rm(tmpDir, { recursive: true, force: true });
    });

    it('puts, gets and overwrites a file under a nested key', async () => {
      const key = 'photos/2024/abc-1.jpg';
      expect(await storage.exists(key)).toBe(false);
      await storage.put(key, Buffer.from('first'), 'image/jpeg');
      expect(await storage.exists(key)).toBe(true);
      expect((await storage.get(key)).toString()).toBe('first');
      await storage.put(key, new Uint8Array(Buffer.from('second version')));
      expect((await storage.get(key)).toString()).toBe('second version');
    });

    it('stores binary data byte for byte, and an empty file', async () => {
      const bytes = randomBytes(70_000);
      await storage.put('bin/random.bin', bytes);
      expect((await storage.get('bin/random.bin')).equals(bytes)).toBe(true);
      await storage.put('bin/empty', Buffer.alloc(0));
      expect(await storage.exists('bin/empty')).toBe(true);
      expect((await storage.get('bin/empty')).length).toBe(0);
    });

    it('rejects get and openRead of a missing key with code ENOENT; exists says false', async () => {
      await expect(storage.get('missing/nothing.jpg')).rejects.toMatchObject({ code: 'ENOENT' });
      await expect(storage.openRead('missing/nothing.jpg')).rejects.toMatchObject({ code: 'ENOENT' });
      expect(await storage.exists('missing/nothing.jpg')).toBe(false);
      // a key that is only a "directory" of other keys is not a file either
      await storage.put('dir/child.txt', Buffer.from('x'));
      expect(await storage.exists('dir/child.txt')).toBe(true);
    });

    it('deletes a file; deleting a missing key is not an error', async () => {
      await storage.put('tmp/gone.txt', Buffer.from('bye'));
      await storage.delete('tmp/gone.txt');
      expect(await storage.exists('tmp/gone.txt')).toBe(false);
      await expect(storage.get('tmp/gone.txt')).rejects.toMatchObject({ code: 'ENOENT' });
      await expect(storage.delete('tmp/gone.txt')).resolves.toBeUndefined();
      await expect(storage.delete('never/was.txt')).resolves.toBeUndefined();
    });

    it('putFile stores a large-ish local file that openRead streams back with its size', async () => {
      const source = path.join(tmpDir, 'export.zip');
      const content = randomBytes(6 * 1024 * 1024 + 123);
      await writeFile(source, content);
      await storage.putFile('exports/big.zip', source, 'application/zip');
      const { stream, size } = await storage.openRead('exports/big.zip');
      expect(stream).toBeInstanceOf(Readable);
      expect(size).toBe(content.length);
      const back = await readAll(stream);
      expect(createHash('sha256').update(back).digest('hex')).toBe(createHash('sha256').update(content).digest('hex'));
      expect(await storage.exists('exports/big.zip')).toBe(true);
    });

    it('putFile of a missing source file fails and stores nothing', async () => {
      await expect(storage.putFile('exports/none.zip', path.join(tmpDir, 'no-such-file.zip'))).rejects.toMatchObject({ code: 'ENOENT' });
      expect(await storage.exists('exports/none.zip')).toBe(false);
    });

    it('refuses keys that climb out or have empty parts; exists says false for them', async () => {
      for (const bad of ['../etc/passwd', 'a/../../b', '/abs', 'a//b', 'a b', '']) {
        await expect(storage.put(bad, Buffer.from('x'))).rejects.toThrow(/Invalid storage key/);
        await expect(storage.get(bad)).rejects.toThrow(/Invalid storage key/);
        expect(await storage.exists(bad)).toBe(false);
      }
    });
  });
}
