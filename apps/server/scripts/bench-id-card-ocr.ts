/**
 * ID card OCR benchmark over the synthetic fixtures (apps/server/test-fixtures/id-card/manifest.json):
 * exact-match accuracy of the number (and it validating) and of the name, time per image, peak RSS.
 * Sockets are blocked for the whole run, so an engine that tried to download anything would fail here.
 *
 *   npx tsx apps/server/scripts/bench-id-card-ocr.ts [--engine paddle|tesseract] [--max-side 1280] [--threads 2]
 *
 * `tesseract` is the rejected alternative (tesseract.js 7, chi_sim LSTM): it is not a project dependency.
 * To reproduce it, install it outside the workspace and point at it:
 *   mkdir /tmp/tess && cd /tmp/tess && npm init -y && npm install tesseract.js@7 @tesseract.js-data/chi_sim@1
 *   npx tsx apps/server/scripts/bench-id-card-ocr.ts --engine tesseract --tesseract-from /tmp/tess
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { validateIdNumber } from '@gradphoto/contracts/id-number';
import { createPaddleIdCardOcr } from '../src/adapters/ocr-paddle.js';
import type { IdCardOcr } from '../src/adapters/ocr-id-card.js';
import { parseIdCard, type OcrLine } from '../src/adapters/ocr-id-card-parse.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const DIR = path.resolve(here, '../test-fixtures/id-card');
const TODAY = new Date('2025-06-01');

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: 'paddle' },
    'max-side': { type: 'string', default: '1280' },
    threads: { type: 'string', default: '2' },
    'tesseract-from': { type: 'string' },
  },
});

// no network: any socket connect attempt fails loudly and is counted
let connectAttempts = 0;
(net.Socket.prototype as unknown as { connect: (...a: unknown[]) => never }).connect = (...a) => {
  connectAttempts++;
  throw new Error(`network access attempted: ${JSON.stringify(a[0]).slice(0, 120)}`);
};
globalThis.fetch = () => {
  connectAttempts++;
  return Promise.reject(new Error('fetch attempted'));
};

/** The rejected engine, for the comparison only: whole-page tesseract.js with chi_sim, same parser. */
async function tesseractOcr(from: string, maxSide: number): Promise<IdCardOcr & { close(): Promise<void> }> {
  const req = createRequire(path.join(path.resolve(from), 'package.json'));
  type L = { text: string; confidence: number; bbox: OcrLine['box'] };
  interface Worker {
    recognize(image: Buffer, opts: object, output: object): Promise<{ data: { blocks: { paragraphs: { lines: L[] }[] }[] | null } }>;
    terminate(): Promise<unknown>;
  }
  const T = req('tesseract.js') as { createWorker: (...a: unknown[]) => Promise<Worker>; OEM: { LSTM_ONLY: number } };
  const langPath = path.join(path.dirname(req.resolve('@tesseract.js-data/chi_sim/package.json')), '4.0.0_best_int');
  const worker = await T.createWorker('chi_sim', T.OEM.LSTM_ONLY, { langPath, cacheMethod: 'none' });
  return {
    async read(image) {
      const png = await sharp(image).rotate().resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true }).grayscale().png().toBuffer();
      const res = await worker.recognize(png, {}, { blocks: true, text: true });
      const lines: OcrLine[] = (res.data.blocks ?? []).flatMap((b) =>
        b.paragraphs.flatMap((p) => p.lines.map((l) => ({ text: l.text.trim(), confidence: l.confidence / 100, box: l.bbox }))),
      );
      const f = parseIdCard(lines, TODAY);
      return { idNumber: f.idNumber, name: f.name, confidence: f.confidence };
    },
    close: async () => {
      await worker.terminate();
    },
  };
}

interface Entry {
  file: string;
  variant: string;
  idNumber: string;
  name: string;
}

async function main() {
  const manifest = JSON.parse(readFileSync(path.join(DIR, 'manifest.json'), 'utf8')) as Entry[];
  const maxSide = Number(args['max-side']);
  const t0 = performance.now();
  let engine: IdCardOcr & { close?: () => Promise<void> };
  if (args.engine === 'paddle') {
    const paddle = createPaddleIdCardOcr({ maxSide, threads: Number(args.threads), today: () => TODAY });
    await paddle.warmUp();
    engine = paddle;
  } else if (args.engine === 'tesseract') {
    if (!args['tesseract-from']) throw new Error('--tesseract-from <dir with tesseract.js installed> is required');
    engine = await tesseractOcr(args['tesseract-from'], maxSide);
  } else throw new Error(`unknown engine ${args.engine}`);
  const loadMs = performance.now() - t0;

  const times: number[] = [];
  const byVariant = new Map<string, { id: number; name: number; n: number }>();
  let idOk = 0;
  let nameOk = 0;
  for (const e of manifest) {
    const bytes = readFileSync(path.join(DIR, e.file));
    const t = performance.now();
    const r = await engine.read(bytes);
    times.push(performance.now() - t);
    const idHit = r.idNumber === e.idNumber && validateIdNumber(r.idNumber, TODAY) === null;
    const nameHit = r.name === e.name;
    idOk += Number(idHit);
    nameOk += Number(nameHit);
    const v = byVariant.get(e.variant) ?? { id: 0, name: 0, n: 0 };
    byVariant.set(e.variant, { id: v.id + Number(idHit), name: v.name + Number(nameHit), n: v.n + 1 });
    console.log(`${e.file.padEnd(20)} ${idHit ? 'id ok ' : 'id ✗  '} ${nameHit ? 'name ok ' : 'name ✗  '} ${times.at(-1)!.toFixed(0).padStart(5)} ms  ${JSON.stringify(r)}`);
  }
  await engine.close?.();
  const sorted = [...times].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(0);
  const n = manifest.length;
  console.log(`\nengine ${args.engine}, max side ${maxSide}px${args.engine === 'paddle' ? `, ${args.threads} thread(s)` : ''}, ${n} images`);
  console.log(`number exact ${idOk}/${n}, name exact ${nameOk}/${n}`);
  console.log(`per variant: ${[...byVariant].map(([k, v]) => `${k} ${v.id}/${v.n} id, ${v.name}/${v.n} name`).join('; ')}`);
  console.log(`model load ${loadMs.toFixed(0)} ms; per image median ${pct(0.5)} ms, p90 ${pct(0.9)} ms, max ${sorted.at(-1)!.toFixed(0)} ms`);
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; network attempts ${connectAttempts}`);
}

await main();
