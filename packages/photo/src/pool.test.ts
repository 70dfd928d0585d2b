import { afterAll, describe, expect, it } from 'vitest';
import { CheckCode } from './check-codes.js';
import { isPhotoError } from './errors.js';
import { createPhotoPool } from './pool.js';
import { portrait } from './test-helpers.js';

describe('createPhotoPool', () => {
  const pool = createPhotoPool({ threads: 2 });
  afterAll(() => pool.close());

  it('loads the models once per worker and reports the load time', async () => {
    const loads = await pool.ready();
    expect(loads).toHaveLength(2);
    for (const ms of loads) expect(ms).toBeGreaterThan(0);
  });

  it('processes photos in parallel and returns outputs and masks', async () => {
    const [a, b] = await Promise.all([
      pool.process(portrait('biden.jpg'), { wantMask: true }),
      pool.process(portrait('two-people.jpg'), { wantMask: true }),
    ]);
    expect(a.output!.width).toBe(480);
    expect(a.output!.bytes).toBeInstanceOf(Uint8Array);
    expect(a.mask!.width).toBe(1200);
    expect(b.verdict).toBe('reject');
    expect(b.checks.find((c) => c.code === CheckCode.MULTIPLE_FACES)!.passed).toBe(false);
    expect(b.mask!.width).toBe(1126);
  });

  it('keeps the caller’s buffer usable', async () => {
    const bytes = portrait('obama-2.jpg');
    await pool.process(bytes);
    expect(bytes.byteLength).toBeGreaterThan(1000);
  });

  it('rejects bad input with a typed PhotoError', async () => {
    const err = await pool.process(new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61])).catch((e: unknown) => e);
    expect(isPhotoError(err)).toBe(true);
  });

  it('processes one original to several specs', async () => {
    const rs = await pool.processSpecs(portrait('biden.jpg'), ['one_inch', 'two_inch']);
    expect(rs.map((r) => [r.output!.width, r.output!.height])).toEqual([
      [295, 413],
      [413, 579],
    ]);
  });
});
