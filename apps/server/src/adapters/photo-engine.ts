import { createPhotoPool, type PhotoPool } from '@gradphoto/photo/pool';
import { isPhotoError } from '@gradphoto/photo/errors';
import type { SpecId } from '@gradphoto/photo/specs';
import type { ProcessingOutcome } from '../modules/submissions/submissions.service.js';

/** The photo engine as the server uses it: a worker-thread pool, started lazily, models loaded once. */
export interface PhotoEngine {
  process(bytes: Uint8Array, opts: { spec: string; background: string }): Promise<ProcessingOutcome>;
  warmUp(): Promise<void>;
  close(): Promise<void>;
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
    async warmUp() {
      await get().ready();
    },
    async close() {
      await pool?.close();
      pool = undefined;
    },
  };
}
