import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Writes one JSON file per message: `<dir>/<ISO time>-<random>.json`. Sorted names = send order.
 * The file appears whole (temp file + rename), so whoever reads the outbox never sees half a message.
 */
export async function writeOutboxFile(dir: string, message: Record<string, unknown>): Promise<string> {
  await mkdir(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = path.join(dir, `${stamp}-${randomBytes(3).toString('hex')}.json`);
  const tmp = `${file}.tmp`;
  await writeFile(tmp, JSON.stringify({ ...message, sentAt: new Date().toISOString() }, null, 2));
  await rename(tmp, file);
  return file;
}
