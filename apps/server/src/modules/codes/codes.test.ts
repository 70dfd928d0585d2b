import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qrSvg } from '../../adapters/qr-sheet.js';
import { createTestApp, type InjectClient } from '../../test/harness.js';
import { graduateForm, multipart, registerStudent } from '../../test/journey-helpers.js';
import { createLocalCodeResolver } from '../collections/collection-code-resolver.js';
import { csvOf, rosterPerson, rowOf } from '../roster/roster-fixtures.js';
import { expectAccess, setupConsole, type ConsoleKit } from '../schools/console-test-kit.js';

// zxing-wasm reads QR codes offline: its .wasm comes from node_modules, never from a CDN
const require = createRequire(import.meta.url);
const wasm = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
void prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer }, fireImmediately: true });

async function scan(svg: string): Promise<string[]> {
  const { data, info } = await sharp(Buffer.from(svg)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const found = await readBarcodes({ data: new Uint8ClampedArray(data), width: info.width, height: info.height, colorSpace: 'srgb' } as unknown as Parameters<typeof readBarcodes>[0], { formats: ['QRCode'] });
  return found.map((r) => r.text);
}

const PUBLIC_URL = 'https://photo.example.edu.cn';
type App = Awaited<ReturnType<typeof createTestApp>>;
let t: App;
let k: ConsoleKit;
let batch: { id: string; featureCode: string };
let student: { client: InjectClient; idNumber: string };
beforeAll(async () => {
  t = await createTestApp({ PUBLIC_URL });
  k = await setupConsole(t);
  batch = (await k.admin.post('/api/console/batches', { schoolId: k.schoolId, name: '采集码批次', mode: 'centralized', priceNoPrintsCents: 2000, priceWithPrintsCents: 3500 })).json();
  student = await registerStudent(t);
  // a roster of 30, the registered student among them
  const people = [...Array.from({ length: 29 }, (_, i) => rosterPerson(i)), { ...rosterPerson(99), idNumber: student.idNumber, name: '扫码学生' }];
  const body = multipart({}, { name: 'r.csv', bytes: Buffer.from(csvOf(people.map(rowOf))), type: 'text/csv' });
  const started = (await k.admin.post(`/api/console/batches/${batch.id}/roster-imports`, body.payload, { contentType: body.contentType })).json();
  for (;;) {
    const v = (await k.admin.get(`/api/console/roster-imports/${started.id}`)).json();
    if (v.status === 'succeeded') break;
    expect(v.status).not.toBe('failed');
    await new Promise((r) => setTimeout(r, 50));
  }
}, 60_000);
afterAll(() => t.close());

const listCodes = async (query = '') => (await k.admin.get(`/api/console/batches/${batch.id}/codes?pageSize=500${query}`)).json();
const auditCount = async (action: string) => Number((await t.container.database.executeSql('select count(*)::int as n from audit_log where action = $1', [action])).rows[0]!.n);

describe('图像采集码', () => {
  it('issues codes for selected graduates, then for all without one; double clicks never issue twice', async () => {
    const graduates = (await k.coordinator.get(`/api/console/batches/${batch.id}/graduates?pageSize=100`)).json().items as Array<{ id: string; name: string }>;
    expect(graduates).toHaveLength(30);
    const selected = graduates.filter((g) => g.name !== '扫码学生').slice(0, 3).map((g) => g.id);
    const first = await k.coordinator.post(`/api/console/batches/${batch.id}/codes`, { graduateIds: selected });
    expect(first.json()).toEqual({ issued: 3, skipped: 0 });
    expect((await k.coordinator.post(`/api/console/batches/${batch.id}/codes`, { graduateIds: selected })).json()).toEqual({ issued: 0, skipped: 3 });

    const [a, b] = await Promise.all([k.admin.post(`/api/console/batches/${batch.id}/codes`, { all: true }), k.admin.post(`/api/console/batches/${batch.id}/codes`, { all: true })]);
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    expect(a.json().issued + b.json().issued).toBe(27);
    const codes = await listCodes('&kind=graduate');
    expect(codes.total).toBe(30);
    expect(new Set(codes.items.map((c: { graduate: { id: string } }) => c.graduate.id)).size).toBe(30);
    expect(codes.items[0].token).toMatch(/^GPC1[1-9A-HJ-NP-Za-km-z]{22}$/);
    expect(await auditCount('codes.issue')).toBeGreaterThanOrEqual(3);
  });

  it('issues blank invitations and lists them by kind and status', async () => {
    expect((await k.admin.post(`/api/console/batches/${batch.id}/codes/blank`, { count: 5 })).json()).toEqual({ issued: 5, skipped: 0 });
    const blank = await listCodes('&kind=blank');
    expect(blank.total).toBe(5);
    expect(blank.items.every((c: { graduate: unknown; status: string }) => c.graduate === null && c.status === 'active')).toBe(true);
    const tooMany = await k.admin.post(`/api/console/batches/${batch.id}/codes/blank`, { count: 5000 });
    expect(tooMany.statusCode).toBe(400);
    expect((await listCodes('&status=active')).total).toBe(35);
  });

  it('a QR code scans back to its payload, which the resolver and the student flow accept', async () => {
    const code = (await listCodes('&kind=graduate')).items.find((c: { graduate: { name: string } }) => c.graduate.name === '扫码学生');
    const payload = t.container.codes.payload(code.token);
    expect(payload).toBe(`${PUBLIC_URL}/c/${code.token}`);
    const [scanned] = await scan(qrSvg(payload));
    expect(scanned).toBe(payload);
    const resolved = await createLocalCodeResolver(t.container.collectionsRepo).resolve(scanned!);
    expect(resolved).toMatchObject({ codeId: code.id, batchId: batch.id, status: 'active' });
    expect(resolved!.graduate!.id).toBe(code.graduate.id);

    const last4 = student.idNumber.slice(-4);
    const preview = await student.client.post('/api/collections/identify', { method: 'code', code: scanned, batchId: batch.id, idLast4: last4 });
    expect(preview.json().graduate).toMatchObject({ name: '扫码学生', needsForm: false });
    const created = await student.client.post('/api/collections', { method: 'code', code: scanned, batchId: batch.id, idLast4: last4, identity: 'graduate' });
    expect(created.statusCode, created.body).toBe(200);
    const after = (await listCodes('&status=used')).items;
    expect(after.map((c: { id: string }) => c.id)).toEqual([code.id]);
    // the graduate now has a collection: issuing again skips them
    expect((await k.admin.post(`/api/console/batches/${batch.id}/codes`, { all: true })).json().issued).toBe(0);
  });

  it('a blank invitation binds to the first student who fills in the form', async () => {
    const blank = (await listCodes('&kind=blank&status=active')).items[0];
    const { client, idNumber } = await registerStudent(t);
    const [scanned] = await scan(qrSvg(t.container.codes.payload(blank.token)));
    const last4 = idNumber.slice(-4);
    const preview = await client.post('/api/collections/identify', { method: 'code', code: scanned, batchId: batch.id, idLast4: last4 });
    expect(preview.json().graduate.needsForm).toBe(true);
    const created = await client.post('/api/collections', { method: 'code', code: scanned, form: graduateForm(idNumber), batchId: batch.id, idLast4: last4, identity: 'graduate' });
    expect(created.statusCode, created.body).toBe(200);
    const used = (await listCodes('&kind=blank&status=used')).items;
    expect(used).toHaveLength(1);
    expect(used[0]).toMatchObject({ id: blank.id, kind: 'blank', graduate: { name: '王小红' } });
  });

  it('revokes an active code once; a revoked code is refused to students', async () => {
    const code = (await listCodes('&kind=graduate&status=active')).items[0];
    const [r1, r2] = await Promise.all([k.coordinator.post(`/api/console/codes/${code.id}/revoke`), k.admin.post(`/api/console/codes/${code.id}/revoke`)]);
    expect([r1.statusCode, r2.statusCode].sort()).toEqual([200, 409]);
    expect((r1.statusCode === 409 ? r1 : r2).json().error.code).toBe('CODE_NOT_ACTIVE');
    expect(await auditCount('code.revoke')).toBe(1);
    const { client, idNumber } = await registerStudent(t);
    const res = await client.post('/api/collections/identify', { method: 'code', code: code.token, batchId: batch.id, idLast4: idNumber.slice(-4) });
    expect(res.json().error.code).toBe('CODE_REVOKED');
    // revoked codes can be reissued
    expect((await k.admin.post(`/api/console/batches/${batch.id}/codes`, { graduateIds: [code.graduate.id] })).json().issued).toBe(1);
  });

  it('prints active codes as A4 QR sheets (24 per page) per batch or per school', async () => {
    const active = (await listCodes('&status=active')).total;
    const res = await k.coordinator.get(`/api/console/batches/${batch.id}/codes.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['x-sheet-parts']).toBe('1');
    const pdf = await PDFDocument.load(res.rawPayload);
    expect(pdf.getPageCount()).toBe(Math.ceil(active / 24));
    const { width, height } = pdf.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);

    const blankOnly = await PDFDocument.load((await k.admin.get(`/api/console/batches/${batch.id}/codes.pdf?kind=blank`)).rawPayload);
    expect(blankOnly.getPageCount()).toBe(1);
    const recent = await k.admin.get(`/api/console/batches/${batch.id}/codes.pdf?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
    expect(recent.statusCode).toBe(404);

    const school = await k.admin.get(`/api/console/schools/${k.schoolId}/codes.pdf`);
    expect(school.statusCode).toBe(200);
    expect((await PDFDocument.load(school.rawPayload)).getPageCount()).toBeGreaterThanOrEqual(pdf.getPageCount());
    expect(await auditCount('codes.print')).toBe(3);
    expect((await k.admin.get(`/api/console/batches/${batch.id}/codes.pdf?part=2`)).statusCode).toBe(400);
  });

  it('denies code routes to reviewers, other schools, students and nobody', async () => {
    const code = (await listCodes('&status=active')).items[0];
    const b = batch.id;
    const calls: Array<(c: InjectClient) => Promise<{ statusCode: number }>> = [
      (c) => c.post(`/api/console/batches/${b}/codes`, { all: true }),
      (c) => c.post(`/api/console/batches/${b}/codes/blank`, { count: 1 }),
      (c) => c.get(`/api/console/batches/${b}/codes`),
      (c) => c.get(`/api/console/batches/${b}/codes.pdf`),
      (c) => c.get(`/api/console/schools/${k.schoolId}/codes.pdf`),
      (c) => c.post(`/api/console/codes/${code.id}/revoke`),
    ];
    for (const call of calls) await expectAccess(k, call, { reviewer: 403, otherCoordinator: 403, student: 403, anonymous: 401 });
    expect((await listCodes('&status=active')).items.map((c: { id: string }) => c.id)).toContain(code.id);
  });
});
