import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BYTES, decodeImage } from './decode.js';
import { PHOTO_ERROR_MESSAGES, PhotoError, type PhotoErrorCode } from './errors.js';

const dir = fileURLToPath(new URL('../test-fixtures/bad/', import.meta.url));
const manifest = JSON.parse(readFileSync(dir + 'manifest.json', 'utf8')) as Record<string, PhotoErrorCode>;
const TIME_BOUND_MS = 3000;

async function decodeError(bytes: Uint8Array, opts?: Parameters<typeof decodeImage>[1]): Promise<{ error: unknown; ms: number }> {
  const t0 = performance.now();
  try {
    await decodeImage(bytes, opts);
    return { error: null, ms: performance.now() - t0 };
  } catch (error) {
    return { error, ms: performance.now() - t0 };
  }
}

describe('bad-input corpus (test-fixtures/bad, made by scripts/make-bad-fixtures.ts)', () => {
  it('covers every kind of bad input of the issue', () => {
    const codes = new Set(Object.values(manifest));
    for (const c of ['INPUT_EMPTY', 'INPUT_UNSUPPORTED_TYPE', 'INPUT_CORRUPT', 'INPUT_TOO_LARGE', 'INPUT_ANIMATED', 'INPUT_TOO_SMALL']) {
      expect(codes.has(c as PhotoErrorCode), c).toBe(true);
    }
    const names = Object.keys(manifest).join(' ');
    for (const kind of ['pdf', 'svg', 'gif', 'bmp', 'tiff', 'truncated.jpg', 'truncated.png', 'truncated.heic', 'bomb', 'animated.webp', 'animated.png', 'multi-image.heic', 'empty']) {
      expect(names).toContain(kind);
    }
  });

  for (const [file, code] of Object.entries(manifest)) {
    it(`${file} → ${code}`, async () => {
      const { error, ms } = await decodeError(readFileSync(dir + file));
      expect(error).toBeInstanceOf(PhotoError);
      const e = error as PhotoError;
      expect(e.code).toBe(code);
      expect(ms).toBeLessThan(TIME_BOUND_MS);
      expect(e.message_zh.length).toBeGreaterThan(5);
      expect(e.message_en.length).toBeGreaterThan(5);
      expect(e.message_zh).not.toMatch(/\{\w+\}/);
      expect(e.message_en).not.toMatch(/\{\w+\}/);
    });
  }

  it('rejects a file larger than the byte limit without looking inside', async () => {
    const huge = Buffer.alloc(DEFAULT_MAX_BYTES + 1);
    huge.set([0xff, 0xd8, 0xff, 0xe0]);
    const { error, ms } = await decodeError(huge);
    expect((error as PhotoError).code).toBe('INPUT_TOO_LARGE');
    expect(ms).toBeLessThan(200);
  });

  it('names the detected type in the unsupported-type message', async () => {
    const { error } = await decodeError(readFileSync(dir + 'doc.pdf'));
    expect((error as PhotoError).message_en).toContain('PDF');
    expect((error as PhotoError).message_zh).toContain('PDF');
    expect((error as PhotoError).details?.detected).toBe('PDF');
  });

  it('states the size and the limit of a decompression bomb', async () => {
    const { error } = await decodeError(readFileSync(dir + 'bomb-30000x30000.png'));
    const e = error as PhotoError;
    expect(e.details).toMatchObject({ width: 30000, height: 30000 });
    expect(e.message_en).toContain('900.0 MP');
    expect(e.message_en).toContain('50.0 MP');
  });

  it('answers randomly damaged photos with a result or a PhotoError, never another exception', async () => {
    let x = 2024;
    const rnd = () => {
      x ^= x << 13;
      x >>>= 0;
      x ^= x >>> 17;
      x ^= x << 5;
      x >>>= 0;
      return x / 4294967296;
    };
    const io = (f: string) => readFileSync(fileURLToPath(new URL(`../test-fixtures/io/${f}`, import.meta.url)));
    const outcomes = new Set<string>();
    for (const src of [io('obama-600.jpg'), io('obama.heic'), io('obama-grid-irot.heic')]) {
      for (let k = 0; k < 12; k++) {
        const b = Buffer.from(src);
        for (let i = 0, n = 1 + Math.floor(rnd() * 16); i < n; i++) b[Math.floor(rnd() * Math.min(2048, b.length))] = Math.floor(rnd() * 256);
        const { error, ms } = await decodeError(b);
        if (error !== null) expect(error).toBeInstanceOf(PhotoError);
        outcomes.add(error === null ? 'ok' : (error as PhotoError).code);
        expect(ms).toBeLessThan(TIME_BOUND_MS);
      }
    }
    expect(outcomes.has('INPUT_CORRUPT')).toBe(true);
  });

  it('has a zh and en message for every code', () => {
    for (const [code, m] of Object.entries(PHOTO_ERROR_MESSAGES)) {
      expect(m.zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(m.en, code).toMatch(/[a-z]/);
    }
  });
});
