import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalStorage } from './local-storage.js';
import { describeStorageContract } from './storage-contract.js';

describeStorageContract('local', async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'gp-local-storage-'));
  return { storage: createLocalStorage(root), teardown: () => rm(root, { recursive: true, force: true }) };
});

describe('local storage', () => {
  it('keeps files under its root at the key path', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'gp-local-storage-'));
    await createLocalStorage(root).put('a/b/c.txt', Buffer.from('hi'));
    expect(await readFile(path.join(root, 'a/b/c.txt'), 'utf8')).toBe('hi');
    await rm(root, { recursive: true, force: true });
  });
});
