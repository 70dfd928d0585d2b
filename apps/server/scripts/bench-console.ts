/**
 * Console (console-a) benchmark, in process on an in-memory PGlite: roster import of N rows (XLSX, via the
 * real route and job), request latency while it runs, issuing codes for everyone, one QR sheet part
 * (2,400 labels), the roster export and the dashboard.
 *   npx tsx apps/server/scripts/bench-console.ts [rows=20000]
 */
import ExcelJS from 'exceljs';
import { idCheckChar } from '@gradphoto/contracts/id-number';
import { createTestApp } from '../src/test/harness.js';

const rows = Number(process.argv[2] ?? 20_000);
const ms = (t0: number) => Math.round(performance.now() - t0);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;

const t = await createTestApp();
try {
  await t.container.seed.seedIfEmpty({ centreName: 'bench', adminPassword: 'bench-admin-1' });
  const admin = t.client();
  await admin.post('/api/console/auth/login', { username: 'admin', password: 'bench-admin-1' });
  const schoolId = (await admin.get('/api/console/schools')).json().items[0].id as string;
  const batch = (await admin.post('/api/console/batches', { schoolId, name: 'bench', mode: 'centralized', priceNoPrintsCents: 2000, priceWithPrintsCents: 3500 })).json();

  console.log(`rss before: ${Math.round(process.memoryUsage().rss / 1e6)} MB`);
  let t0 = performance.now();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  ws.addRow(['姓名', '学号', '身份证号', '院系', '专业', '学历层次', '学历类别', '邮箱', '手机']);
  for (let i = 0; i < rows; i++) {
    const first17 = `330106${2000 + (Math.floor(i / 28_000) % 5)}${String(1 + (Math.floor(i / 1000) % 12)).padStart(2, '0')}${String(1 + (Math.floor(i / 12_000) % 28)).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`;
    ws.addRow([`欧阳学生${i}`, `2023${String(i).padStart(7, '0')}`, first17 + idCheckChar(first17), '计算机学院', '软件工程', '本科', '普通全日制', `g${i}@example.com`, `139${String(i).padStart(8, '0')}`]);
  }
  const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
  console.log(`generated ${rows}-row XLSX: ${(xlsx.length / 1e6).toFixed(1)} MB in ${ms(t0)} ms`);

  const boundary = '----bench';
  const body = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="roster.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`), xlsx, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  t0 = performance.now();
  const started = (await admin.post(`/api/console/batches/${batch.id}/roster-imports`, body, { contentType: `multipart/form-data; boundary=${boundary}` })).json();
  const phases = new Map<string, number>();
  const latencies: number[] = [];
  for (;;) {
    const l0 = performance.now();
    await admin.get('/api/console/batches');
    latencies.push(performance.now() - l0);
    const v = (await admin.get(`/api/console/roster-imports/${started.id}`)).json();
    const key = v.status === 'running' ? v.phase : v.status;
    if (!phases.has(key)) phases.set(key, ms(t0));
    if (v.status === 'succeeded' || v.status === 'failed') {
      if (v.status === 'failed') throw new Error(JSON.stringify(v.failure));
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  console.log(`roster import: ${ms(t0)} ms total; phases reached at ${[...phases].map(([k, v]) => `${k} ${v} ms`).join(', ')}`);
  console.log(`  other requests meanwhile: ${latencies.length}, p50 ${Math.round(pct(latencies, 0.5))} ms, p95 ${Math.round(pct(latencies, 0.95))} ms, max ${Math.round(Math.max(...latencies))} ms; rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`);

  t0 = performance.now();
  const issued = (await admin.post(`/api/console/batches/${batch.id}/codes`, { all: true })).json();
  console.log(`issue codes for all: ${issued.issued} in ${ms(t0)} ms`);

  for (const round of ['first (loads the font)', 'second']) {
    let gap = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      gap = Math.max(gap, now - last);
      last = now;
    }, 5);
    t0 = performance.now();
    const pdf = await admin.get(`/api/console/batches/${batch.id}/codes.pdf`);
    clearInterval(timer);
    console.log(`QR sheet part 1, ${round} (${Math.min(rows, 2400)} labels, ${pdf.headers['x-sheet-parts']} parts): ${ms(t0)} ms, ${(pdf.rawPayload.length / 1e6).toFixed(2)} MB, longest event-loop stall ${Math.round(gap)} ms`);
  }

  t0 = performance.now();
  const exp = await admin.get(`/api/console/batches/${batch.id}/roster.xlsx`);
  console.log(`roster export XLSX: ${ms(t0)} ms, ${(exp.rawPayload.length / 1e6).toFixed(2)} MB`);

  t0 = performance.now();
  const page = await admin.get(`/api/console/batches/${batch.id}/graduates?status=not_registered&pageSize=50&page=100`);
  console.log(`roster list page (status filter): ${ms(t0)} ms, total ${page.json().total}`);

  t0 = performance.now();
  await admin.get('/api/console/progress');
  console.log(`dashboard: ${ms(t0)} ms`);
} finally {
  await t.close();
}
