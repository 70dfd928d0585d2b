/**
 * Benchmark of the 学信网 export job: N graduates (default 20,000) with approved photos, exported as one
 * ZIP + manifest XLSX. Measures the job's time and the process's peak RSS while it runs.
 *
 *   npx tsx apps/server/scripts/bench-export.ts [--count 20000] [--photos 50] [--naming id_number|student_number]
 *
 * Synthetic data: students, graduates, collections and approved submissions inserted in bulk into an
 * in-memory PGlite; a few distinct 480×640 JPEGs (~30–40 KB, like real results) are made once and stored
 * as files that the submissions share. Not a test: nothing here runs in `npm test`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { idCheckChar } from '@gradphoto/contracts/id-number';
import { loadConfig } from '../src/config.js';
import { createContainer } from '../src/container.js';
import { openDatabase } from '../src/db/client.js';
import { batches, collections, graduates, schools, staff, students, submissions } from '../src/db/schema.js';
import type { JobQueue } from '../src/jobs/queue.js';

const { values: args } = parseArgs({
  options: { count: { type: 'string', default: '20000' }, photos: { type: 'string', default: '50' }, naming: { type: 'string', default: 'id_number' } },
});
const COUNT = Number(args.count);
const PHOTOS = Number(args.photos);
const naming = args.naming === 'student_number' ? 'student_number' : 'id_number';
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const dir = mkdtempSync(path.join(os.tmpdir(), 'gp-bench-export-'));
const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dir, COOKIE_SECURE: 'false', SEED_DEMO: 'false' });
const database = await openDatabase({});
const queue: JobQueue = { send: async () => null };
const c = createContainer(config, database, queue);
const { db } = database;

try {
  // ── data ──
  let t0 = performance.now();
  const [school] = await db.insert(schools).values({ name: '基准测试大学', code: 'BENCH1' }).returning();
  const [batch] = await db
    .insert(batches)
    .values({ schoolId: school!.id, name: '2027 届毕业生', mode: 'centralized', featureCode: 'BN01', priceNoPrintsCents: 2000, priceWithPrintsCents: 3500 })
    .returning();
  const [admin] = await db.insert(staff).values({ username: 'bench-admin', name: '基准', role: 'admin', passwordHash: 'x' }).returning();

  const photoKeys: string[] = [];
  let photoBytes = 0;
  for (let i = 0; i < PHOTOS; i++) {
    // a textured photo so the JPEG is as large as a real result (noise does not compress)
    const noise = Buffer.alloc(480 * 640 * 3);
    for (let j = 0; j < noise.length; j++) noise[j] = (j * 7919 + i * 104729) % 251 > 200 ? 40 : 200;
    const jpeg = await sharp(noise, { raw: { width: 480, height: 640, channels: 3 } }).blur(1.2).jpeg({ quality: 80 }).toBuffer();
    const key = `results/bench/${i}.jpg`;
    await c.storage.put(key, jpeg);
    photoKeys.push(key);
    photoBytes += jpeg.length;
  }

  const CHUNK = 1000;
  for (let start = 0; start < COUNT; start += CHUNK) {
    const n = Math.min(CHUNK, COUNT - start);
    const people = Array.from({ length: n }, (_, k) => {
      const i = start + k;
      // unique ID numbers: 1,000 sequence numbers per birth date, one date per thousand graduates
      const d = Math.floor(i / 1000);
      const idNumber = `110105${1999 - Math.floor(d / 28)}01${String(1 + (d % 28)).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`;
      return { i, idNumber: idNumber + idCheckChar(idNumber) };
    });
    const studentRows = await db
      .insert(students)
      .values(people.map((p) => ({ idType: 'id_card' as const, idNumberEnc: c.idCrypto.encrypt(p.idNumber), idNumberHash: `bench-${p.i}`, idLast4: p.idNumber.slice(-4), name: `学生${p.i}`, gender: 'female' as const, phone: null, email: `b${p.i}@bench.example`, passwordHash: 'x' })))
      .returning({ id: students.id });
    const gradRows = await db
      .insert(graduates)
      .values(people.map((p) => ({ batchId: batch!.id, source: 'roster' as const, name: `学生${p.i}`, studentNumber: `2023${String(p.i).padStart(6, '0')}`, idNumberEnc: c.idCrypto.encrypt(p.idNumber), idNumberHash: `bench-${p.i}`, idLast4: p.idNumber.slice(-4), department: '计算机学院', major: '软件工程', educationLevel: '本科' })))
      .returning({ id: graduates.id });
    const collRows = await db
      .insert(collections)
      .values(people.map((_, k) => ({ studentId: studentRows[k]!.id, batchId: batch!.id, graduateId: gradRows[k]!.id, identity: 'graduate' as const })))
      .returning({ id: collections.id });
    await db.insert(submissions).values(
      people.map((p, k) => ({ collectionId: collRows[k]!.id, status: 'approved' as const, source: 'camera' as const, originalKey: 'originals/bench/none', resultKey: photoKeys[p.i % PHOTOS]!, verdict: 'pass', submittedAt: new Date(), reviewedAt: new Date() })),
    );
  }
  console.log(`data: ${COUNT} graduates with approved photos (${PHOTOS} distinct JPEGs, ${Math.round(photoBytes / PHOTOS / 1024)} KB each on average) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // ── the export job ──
  const actor = { id: admin!.id, role: 'admin' as const, schoolId: null, ip: '127.0.0.1' };
  const created = await c.exports.create(actor, { batchId: batch!.id, naming });
  global.gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sampler = setInterval(() => {
    const u = process.memoryUsage();
    peakRss = Math.max(peakRss, u.rss);
    peakHeap = Math.max(peakHeap, u.heapUsed);
  }, 20);
  t0 = performance.now();
  await c.exports.build(created.id);
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  global.gc?.();
  const after = process.memoryUsage();
  const done = await c.exports.get(actor, created.id);
  if (done.status !== 'succeeded') throw new Error(`export failed: ${JSON.stringify(done.failure)}`);

  console.log(`export: ${done.done} photos, ZIP ${mb(done.fileBytes ?? 0)}, ${seconds.toFixed(1)} s (${Math.round(done.done / seconds)} photos/s)`);
  console.log(`memory: RSS ${mb(before.rss)} before the job, peak ${mb(peakRss)} during it (+${mb(peakRss - before.rss)}); JS heap peak ${mb(peakHeap)} (before ${mb(before.heapUsed)})`);
  if (global.gc) console.log(`after the job (forced GC): JS heap ${mb(after.heapUsed)}, RSS ${mb(after.rss)}`);
  console.log(`node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), naming ${naming}`);
} finally {
  await c.photoEngine.close();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
}
