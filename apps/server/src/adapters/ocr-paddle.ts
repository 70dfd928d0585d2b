import type { Line } from '@gutenye/ocr-common';
import { createSerialQueue, decodeOcrImage, type IdCardOcr } from './ocr-id-card.js';
import { parseIdCard, type OcrLine } from './ocr-id-card-parse.js';
import type { PaddleEngine } from './ocr-paddle-backend.js';

export interface PaddleOcrOptions {
  /** Longest side the detector sees, in pixels (the card should fill a good part of the photo). */
  maxSide?: number;
  /** onnxruntime intra-op threads per image. */
  threads?: number;
  /** Uploads that may wait while one is read; more get a 429. */
  maxWaiting?: number;
  /** For validating birth dates in tests. */
  today?: () => Date;
}

function toOcrLine(l: Line): OcrLine {
  if (!l.box?.length) return { text: l.text, confidence: l.mean };
  const xs = l.box.map((p) => p[0]!);
  const ys = l.box.map((p) => p[1]!);
  return { text: l.text, confidence: l.mean, box: { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) } };
}

/**
 * ID card OCR with PaddleOCR PP-OCRv4 (Chinese + digits) on onnxruntime-node. The models load once, on first
 * use (about 1 s); reads run one at a time.
 */
export function createPaddleIdCardOcr(opts: PaddleOcrOptions = {}): IdCardOcr & { warmUp(): Promise<void> } {
  const maxSide = opts.maxSide ?? 1280;
  const enqueue = createSerialQueue(opts.maxWaiting ?? 8);
  let engine: Promise<PaddleEngine> | null = null;
  const load = () => {
    engine ??= import('./ocr-paddle-backend.js').then((b) => b.loadPaddleEngine({ threads: opts.threads ?? 2 }));
    // a failed load (e.g. a missing native binary) is retried on the next call instead of being cached
    engine.catch(() => {
      engine = null;
    });
    return engine;
  };

  return {
    async warmUp() {
      await load();
    },
    read: (image) =>
      enqueue(async () => {
        const decoded = await decodeOcrImage(image, maxSide);
        const lines = (await (await load()).detect(decoded)).map(toOcrLine);
        const fields = parseIdCard(lines, opts.today?.() ?? new Date());
        return { idNumber: fields.idNumber, name: fields.name, confidence: fields.confidence };
      }),
  };
}
