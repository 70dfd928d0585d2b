/**
 * Worker-thread entry of the photo pool (pool.ts). Each thread loads the models once, then processes
 * jobs one at a time: { id, bytes, opts } → { id, result } or { id, error }.
 */
import { parentPort } from 'node:worker_threads';
import { isPhotoError } from './errors.js';
import { loadFaceModels } from './face.js';
import { processPhoto, processPhotoForSpecs, type ProcessOptions, type ProcessResult } from './process.js';
import { loadSegmenter } from './segment.js';
import type { SpecId } from './specs.js';

export type WorkerRequest =
  | { id: number; kind: 'process'; bytes: Uint8Array; opts: ProcessOptions }
  | { id: number; kind: 'specs'; bytes: Uint8Array; specs: SpecId[]; background?: string };

export interface SerializedError {
  name: string;
  message: string;
  code?: string;
  details?: Record<string, unknown>;
}

export type WorkerReply =
  | { id: number; ok: true; result: ProcessResult | ProcessResult[] }
  | { id: number; ok: false; error: SerializedError }
  | { id: -1; ok: true; ready: true; loadMs: number };

export function serializeError(e: unknown): SerializedError {
  if (isPhotoError(e)) return { name: e.name, message: e.message, code: e.code, ...(e.details ? { details: e.details } : {}) };
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: 'Error', message: String(e) };
}

function transferables(r: ProcessResult | ProcessResult[]): ArrayBuffer[] {
  const list = Array.isArray(r) ? r : [r];
  const out: ArrayBuffer[] = [];
  for (const x of list) {
    for (const buf of [x.output?.bytes, x.mask?.data]) {
      if (buf && buf.buffer instanceof ArrayBuffer && !out.includes(buf.buffer)) out.push(buf.buffer);
    }
  }
  return out;
}

const port = parentPort;
if (port) {
  const ready = (async () => {
    const t0 = performance.now();
    await loadFaceModels();
    await loadSegmenter();
    return performance.now() - t0;
  })();
  ready.then(
    (loadMs) => port.postMessage({ id: -1, ok: true, ready: true, loadMs } satisfies WorkerReply),
    (e: unknown) => port.postMessage({ id: -1, ok: false, error: serializeError(e) }),
  );
  // Jobs are handled strictly one after another.
  let chain: Promise<void> = ready.then(
    () => undefined,
    () => undefined,
  );
  port.on('message', (msg: WorkerRequest) => {
    chain = chain.then(async () => {
      try {
        const result =
          msg.kind === 'process'
            ? await processPhoto(msg.bytes, msg.opts)
            : await processPhotoForSpecs(msg.bytes, msg.specs, msg.background ? { background: msg.background } : {});
        port.postMessage({ id: msg.id, ok: true, result } satisfies WorkerReply, transferables(result));
      } catch (e) {
        port.postMessage({ id: msg.id, ok: false, error: serializeError(e) } satisfies WorkerReply);
      }
    });
  });
}
