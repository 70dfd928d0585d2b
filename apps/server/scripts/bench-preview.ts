/**
 * Upload → preview latency through the real server: registers a student, adds a 学历, uploads portraits
 * and measures from the start of the upload until the processed draft is visible (the student's wait).
 *   npx tsx apps/server/scripts/bench-preview.ts [rounds=10]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { idCheckChar } from '@gradphoto/contracts/id-number';

const rounds = Number(process.argv[2] ?? 10);
const root = path.resolve(import.meta.dirname, '../../..');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gp-bench-'));
const port = 3950 + Math.floor(Math.random() * 40);
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'apps/server/src/server.ts')], {
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, COOKIE_SECURE: 'false', LOG_LEVEL: 'warn', SEED_ADMIN_PASSWORD: 'bench-admin-1' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let seedOut = '';
server.stdout.on('data', (d: Buffer) => (seedOut += d.toString()));

let cookie = '';
let csrf = '';
async function call(method: string, url: string, body?: unknown, raw?: { data: Buffer; type: string }) {
  const res = await fetch(base + url, {
    method,
    headers: { cookie, ...(csrf ? { 'x-csrf-token': csrf } : {}), ...(raw ? { 'content-type': raw.type } : body ? { 'content-type': 'application/json' } : {}) },
    body: raw ? raw.data : body ? JSON.stringify(body) : undefined,
  });
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const [k] = pair!.split('=');
    cookie = [...cookie.split('; ').filter((x) => x && !x.startsWith(`${k}=`)), pair].join('; ');
  }
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${url}: ${JSON.stringify(json)}`);
  return json;
}

try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      /* starting */
    }
    if (i > 600) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  const featureCode = /特征码: (\w{4})/.exec(seedOut)![1]!;
  csrf = (await call('GET', '/api/csrf')).token as string;
  const phone = '13912345678';
  await call('POST', '/api/auth/codes', { purpose: 'register', channel: 'sms', target: phone });
  const sms = readdirSync(path.join(dataDir, 'outbox/sms')).sort();
  const code = JSON.parse(readFileSync(path.join(dataDir, 'outbox/sms', sms.at(-1)!), 'utf8')).params.code as string;
  const id17 = '33010619990307123';
  const idNumber = id17 + idCheckChar(id17);
  await call('POST', '/api/auth/register', { idType: 'id_card', idNumber, name: '测速', gender: 'male', phone, email: 'bench@example.com', password: 'bench-pass-1', code, agreed: true });
  const batchId = ((await call('POST', '/api/collections/find-batch', { mode: 'centralized', featureCode, idLast4: idNumber.slice(-4) })).batches as Array<{ id: string }>)[0]!.id;
  const form = { name: '测速', studentNumber: '1', idNumber, department: '院系', major: '专业', educationLevel: '本科', educationCategory: '普通全日制', email: 'bench@example.com', phone: '' };
  const { id: collectionId } = (await call('POST', '/api/collections', { method: 'form', form, batchId, idLast4: idNumber.slice(-4), identity: 'graduate' })) as { id: string };
  const photo = readFileSync(path.join(root, 'packages/photo/test-fixtures/portraits/obama.jpg'));
  const times: number[] = [];
  for (let r = 0; r < rounds + 1; r++) {
    const boundary = `b${r}`;
    const data = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="source"\r\n\r\nalbum\r\n--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
      photo,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const t0 = performance.now();
    const { id } = (await call('POST', `/api/collections/${collectionId}/photos`, undefined, { data, type: `multipart/form-data; boundary=${boundary}` })) as { id: string };
    for (;;) {
      const s = await call('GET', `/api/submissions/${id}`);
      if (s.status !== 'processing') break;
      await new Promise((res) => setTimeout(res, 25));
    }
    if (r > 0) times.push(performance.now() - t0); // the first round includes model loading if warm-up had not finished
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(0);
  console.log(`upload → preview over ${rounds} rounds: p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${q(1)} ms`);
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}
