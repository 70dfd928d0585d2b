/**
 * A worker_threads pool for the photo engine: N threads, each loading the models once. Used by the
 * CLI's batch command and by the server's photo job handler.
 *
 *   const pool = createPhotoPool({ threads: 2 });
 *   const result = await pool.process(bytes, { spec: 'xuexin' });
 *   await pool.close();
 *
 * The workers run the TypeScript sources through tsx (registered inside each thread), so the pool works
 * wherever the package is imported from (CLI, apps/server, tests) without a build step.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PhotoError, PhotoErrorCodes, type PhotoErrorCode, type PhotoErrorDetails } from './errors.js';
import type { ProcessOptions, ProcessResult } from './process.js';
import type { SpecId } from './specs.js';
import type { SerializedError, WorkerReply, WorkerRequest } from './worker.js';

export interface PhotoPoolOptions {
  /** number of worker threads (default: available cores, at most 4) */
  threads?: number;
}

export interface PhotoPool {
  /** Process one photo (same as processPhoto, in a worker). Rejects with PhotoError for bad input. */
  process(bytes: Uint8Array, opts?: ProcessOptions): Promise<ProcessResult>;
  /** Process one original to several specs (face and matte computed once). */
  processSpecs(bytes: Uint8Array, specs: SpecId[], opts?: { background?: string }): Promise<ProcessResult[]>;
  /** Resolves when every worker has loaded its models; gives each worker's load time in ms. */
  ready(): Promise<number[]>;
  readonly threads: number;
  /** Stop the workers (pending jobs are rejected). */
  close(): Promise<void>;
}

interface Job {
  request: WorkerRequest;
  resolve: (r: ProcessResult | ProcessResult[]) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  busy: Job | null;
  ready: Promise<number>;
}

const require = createRequire(import.meta.url);

/**
 * Worker bootstrap: register tsx's ESM hooks inside the thread, then import worker.ts. (Passing
 * `--import tsx` in execArgv does not reach a worker's entry module on Node 20.)
 */
function bootstrapSource(): string {
  // tsx's ESM api sits next to its CJS build: dist/esm/api/index.{cjs,mjs}
  const api = pathToFileURL(require.resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./worker.ts', import.meta.url).href;
  return `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });\n`;
}

function deserializeError(e: SerializedError): Error {
  if (e.code && e.code in PhotoErrorCodes) return new PhotoError(e.code as PhotoErrorCode, e.details as PhotoErrorDetails | undefined);
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}

export function createPhotoPool(opts: PhotoPoolOptions = {}): PhotoPool {
  const threads = Math.max(1, opts.threads ?? Math.min(4, availableParallelism()));
  const queue: Job[] = [];
  const slots: Slot[] = [];
  let nextId = 1;
  let closed = false;

  const pump = (): void => {
    for (const slot of slots) {
      if (slot.busy || !queue.length) continue;
      const job = queue.shift()!;
      slot.busy = job;
      const { bytes } = job.request;
      // Copy so the caller's buffer stays usable, then transfer the copy.
      const copy = bytes.slice();
      slot.worker.postMessage({ ...job.request, bytes: copy }, [copy.buffer]);
    }
  };

  const spawn = (): Slot => {
    const worker = new Worker(bootstrapSource(), { eval: true });
    let readyResolve!: (ms: number) => void;
    let readyReject!: (e: Error) => void;
    const ready = new Promise<number>((res, rej) => {
      readyResolve = res;
      readyReject = rej;
    });
    ready.catch(() => undefined);
    const slot: Slot = { worker, busy: null, ready };
    worker.on('message', (msg: WorkerReply) => {
      if ('ready' in msg) {
        readyResolve(msg.loadMs);
        return;
      }
      if (msg.id === -1) {
        if (!msg.ok) readyReject(deserializeError(msg.error));
        return;
      }
      const job = slot.busy;
      slot.busy = null;
      if (job) {
        if (msg.ok) job.resolve(msg.result);
        else job.reject(deserializeError(msg.error));
      }
      pump();
    });
    const fail = (err: Error): void => {
      readyReject(err);
      const job = slot.busy;
      slot.busy = null;
      if (job) job.reject(err);
      const i = slots.indexOf(slot);
      if (i >= 0) slots.splice(i, 1);
      if (!closed) {
        // Replace a crashed worker so the pool keeps its size.
        slots.push(spawn());
        pump();
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (!closed) fail(new Error(`photo worker exited with code ${code}`));
    });
    return slot;
  };

  for (let i = 0; i < threads; i++) slots.push(spawn());

  const submit = (request: WorkerRequest): Promise<ProcessResult | ProcessResult[]> => {
    if (closed) return Promise.reject(new Error('photo pool is closed'));
    return new Promise((resolve, reject) => {
      queue.push({ request, resolve, reject });
      pump();
    });
  };

  return {
    threads,
    async process(bytes, o = {}) {
      return (await submit({ id: nextId++, kind: 'process', bytes, opts: o })) as ProcessResult;
    },
    async processSpecs(bytes, specs, o = {}) {
      const req: WorkerRequest = { id: nextId++, kind: 'specs', bytes, specs, ...(o.background ? { background: o.background } : {}) };
      return (await submit(req)) as ProcessResult[];
    },
    ready() {
      return Promise.all(slots.map((s) => s.ready));
    },
    async close() {
      closed = true;
      const err = new Error('photo pool closed');
      for (const job of queue.splice(0)) job.reject(err);
      await Promise.all(
        slots.map(async (s) => {
          if (s.busy) s.busy.reject(err);
          await s.worker.terminate();
        }),
      );
      slots.length = 0;
    },
  };
}
