import sharp from 'sharp';
import type { PhotoEngine, PrintSize } from '../adapters/photo-engine.js';

const DIMS: Record<PrintSize, [number, number]> = { one_inch: [295, 413], two_inch: [413, 579] };

/**
 * A photo engine for tests that makes flat print-size photos in the asked background (the real engine is
 * tested in adapters/). `onCall` sees each call first; what it throws, the engine throws.
 */
export function fakePrintEngine(
  onCall: (bytes: Uint8Array, sizes: readonly PrintSize[], opts: { background: string }) => void = () => undefined,
): PhotoEngine {
  return {
    process: () => Promise.reject(new Error('not used here')),
    async processPrintSizes(bytes, sizes, { background }) {
      onCall(bytes, sizes, { background });
      const out: Partial<Record<PrintSize, Buffer>> = {};
      for (const s of sizes) out[s] = await sharp({ create: { width: DIMS[s][0], height: DIMS[s][1], channels: 3, background } }).jpeg().toBuffer();
      return out;
    },
    warmUp: async () => undefined,
    close: async () => undefined,
  };
}
