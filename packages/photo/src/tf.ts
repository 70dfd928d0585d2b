/**
 * One shared tfjs-core instance on the wasm backend for every model of the photo engine
 * (selfie segmentation here, Human's face models in face.ts). Call `initTf()` before any tfjs work;
 * it is idempotent and cheap after the first call.
 *
 * Node's fetch cannot read file:// URLs, so Human's graph models are read from disk through
 * `fileIOHandler`. The segmentation models are TFLite files run by `tflite.ts`.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export { tf };

const require = createRequire(import.meta.url);

let ready: Promise<typeof tf> | null = null;

/** Directory holding tfjs-backend-wasm's .wasm binaries (with a trailing slash, as setWasmPaths wants). */
export function wasmDir(): string {
  const main = require.resolve('@tensorflow/tfjs-backend-wasm');
  return join(dirname(main), '/');
}

/**
 * Initialise tfjs on the single-threaded wasm backend (SIMD when available). Safe to call many times
 * and from several modules; all share the same engine.
 */
export function initTf(): Promise<typeof tf> {
  if (!ready) {
    ready = (async () => {
      // One thread per worker: parallelism comes from worker threads, not from wasm threads.
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      if (tf.getBackend() !== 'wasm') {
        setWasmPaths(wasmDir());
        const ok = await tf.setBackend('wasm');
        if (!ok) throw new Error('tfjs wasm backend failed to initialise');
      }
      await tf.ready();
      return tf;
    })();
    ready.catch(() => {
      ready = null;
    });
  }
  return ready;
}

/** A tfjs IOHandler that reads a graph model (model.json + weight shards) from the local disk. */
export function fileIOHandler(modelJsonPath: string): tf.io.IOHandler {
  return {
    async load(): Promise<tf.io.ModelArtifacts> {
      const json = JSON.parse(await readFile(modelJsonPath, 'utf8')) as tf.io.ModelJSON;
      const dir = dirname(modelJsonPath);
      const specs: tf.io.WeightsManifestEntry[] = [];
      const buffers: Buffer[] = [];
      for (const group of json.weightsManifest) {
        specs.push(...group.weights);
        for (const p of group.paths) buffers.push(await readFile(join(dir, p)));
      }
      const all = Buffer.concat(buffers);
      const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer;
      return {
        modelTopology: json.modelTopology,
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy,
        signature: json.signature,
        userDefinedMetadata: json.userDefinedMetadata,
        weightSpecs: specs,
        weightData,
      };
    },
  };
}
