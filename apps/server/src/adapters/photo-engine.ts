import { createPhotoPool, type PhotoPool } from '@gradphoto/photo/pool';
import { isPhotoError } from '@gradphoto/photo/errors';
import type { SpecId } from '@gradphoto/photo/specs';
import type { ProcessingOutcome } from '../modules/submissions/submissions.service.js';

/** The photo engine as the server uses it: a worker-thread pool, started lazily, models loaded once. */
export type PrintSize = 'one_inch' | 'two_inch';

export interface PhotoEngine {
  process(bytes: Uint8Array, opts: { spec: string; background: string }): Promise<ProcessingOutcome>;
  /**
   * The original processed to each print size a sheet holds (face and matte computed once), as JPEGs.
   * A print sheet is made from these, never by resizing the 480×640 result (the aspect ratios differ).
   * Throws PrintPhotoError when the engine produces no photo for a size.
   */
  processPrintSizes(bytes: Uint8Array, sizes: readonly PrintSize[], opts: { background: string }): Promise<Partial<Record<PrintSize, Buffer>>>;
  warmUp(): Promise<void>;
  close(): Promise<void>;
}

/** The engine could not make a print-size photo from an original. */
export class PrintPhotoError extends Error {
  constructor(
    readonly code: string,
    readonly localized: { zh: string; en: string },
  ) {
    super(`${code}: ${localized.en}`);
    this.name = 'PrintPhotoError';
  }
}

export function createPhotoEngine(opts: { threads: number }): PhotoEngine {
  let pool: PhotoPool | undefined;
  const get = () => (pool ??= createPhotoPool({ threads: opts.threads }));
  return {
    async process(bytes, { spec, background }) {
      try {
        const r = await get().process(bytes, { spec: spec as SpecId, background });
        return {
          verdict: r.verdict,
          checks: r.checks.map((c) => ({ code: c.code, severity: c.severity, passed: c.passed, value: c.value, threshold: c.threshold, message: c.message })),
          result: r.output ? { bytes: r.output.bytes, width: r.output.width, height: r.output.height, quality: r.output.quality } : undefined,
          face: r.face ? { box: r.face.box, pose: r.face.pose, score: r.face.score } : undefined,
          timings: r.timings,
        };
      } catch (err) {
        if (isPhotoError(err)) return { verdict: 'error', checks: [], error: { code: err.code, message: err.localized } };
        throw err;
      }
    },
    async processPrintSizes(bytes, sizes, { background }) {
      let results;
      try {
        results = await get().processSpecs(bytes, [...sizes], { background });
      } catch (err) {
        if (isPhotoError(err)) throw new PrintPhotoError(err.code, err.localized);
        throw err;
      }
      const out: Partial<Record<PrintSize, Buffer>> = {};
      sizes.forEach((size, i) => {
        const r = results[i];
        if (!r?.output) throw new PrintPhotoError('NO_OUTPUT', { zh: `无法生成${size === 'one_inch' ? '1寸' : '2寸'}照片`, en: `No ${size} photo could be made` });
        out[size] = Buffer.from(r.output.bytes);
      });
      return out;
    },
    async warmUp() {
      await get().ready();
    },
    async close() {
      await pool?.close();
      pool = undefined;
    },
  };
}
