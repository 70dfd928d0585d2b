import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/harness.js';
import { sampleJpeg, seedGraduate } from '../reviews/console-fixtures.js';
import { expectAccess, setupConsole, type ConsoleKit } from '../schools/console-test-kit.js';

type App = Awaited<ReturnType<typeof createTestApp>>;
let t: App;
let k: ConsoleKit;
beforeAll(async () => {
  t = await createTestApp();
  k = await setupConsole(t);
}, 60_000);
afterAll(() => t.close());

const sql = (text: string, values: unknown[] = []) => t.container.database.executeSql(text, values);

/** Every entry of a ZIP, by name. */
function unzip(buf: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('no zip'));
      const out = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

async function manifestRows(xlsx: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ExcelJS.Buffer);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

async function waitExport(client: typeof k.admin, id: string) {
  for (let i = 0; i < 200; i++) {
    const e = (await client.get(`/api/console/exports/${id}`)).json();
    if (e.status === 'succeeded' || e.status === 'failed') return e;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('export did not finish');
}

describe('学信网 export', () => {
  it('admins export anything, coordinators only their own school; reviewers, students and nobody cannot', async () => {
    await expectAccess(k, (c) => c.post('/api/console/exports', { batchId: k.otherBatchId }), { reviewer: 403, coordinator: 403, student: 403, anonymous: 401 });
    await expectAccess(k, (c) => c.post('/api/console/exports', { schoolId: k.otherSchoolId }), { coordinator: 403 });
    await expectAccess(k, (c) => c.get('/api/console/exports'), { reviewer: 403, student: 403, anonymous: 401 });
    const theirs = await k.otherCoordinator.post('/api/console/exports', { batchId: k.otherBatchId });
    expect(theirs.statusCode).toBe(200);
    const id = theirs.json().id;
    await waitExport(k.otherCoordinator, id);
    await expectAccess(k, (c) => c.get(`/api/console/exports/${id}`), { admin: 'ok', otherCoordinator: 'ok', coordinator: 403, reviewer: 403, student: 403, anonymous: 401 });
    await expectAccess(k, (c) => c.get(`/api/console/exports/${id}/download`), { admin: 'ok', otherCoordinator: 'ok', coordinator: 403, reviewer: 403, student: 403, anonymous: 401 });
    // a coordinator's list holds only their school's exports
    expect((await k.coordinator.get('/api/console/exports')).json().items.map((e: { id: string }) => e.id)).not.toContain(id);
    expect((await k.coordinator.get(`/api/console/exports?schoolId=${k.otherSchoolId}`)).statusCode).toBe(403);
  });

  it('a batch’s approved photos as <ID number>.jpg with a manifest; orders without prints completed', async () => {
    const approved = { status: 'approved' as const };
    const a = await seedGraduate(t, k.batchId, { name: '张伟', submission: approved, order: { withPrints: false, status: 'paid' } });
    const b = await seedGraduate(t, k.batchId, { name: '欧阳娜娜', submission: approved, order: { withPrints: true, layout: 1, status: 'paid' } });
    const c = await seedGraduate(t, k.batchId, { name: '李雷', submission: approved });
    const pending = await seedGraduate(t, k.batchId, { submission: { status: 'pending_review' }, order: { withPrints: false, status: 'paid' } });
    const elsewhere = await seedGraduate(t, k.otherBatchId, { submission: approved });

    const created = await k.coordinator.post('/api/console/exports', { batchId: k.batchId });
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({ status: 'queued', naming: 'id_number', schoolName: '示范大学', batchName: '2027 届毕业生图像采集' });
    const done = await waitExport(k.coordinator, created.json().id);
    expect(done).toMatchObject({ status: 'succeeded', total: 3, done: 3, completedOrders: 1 });

    const res = await k.coordinator.get(done.downloadUrl);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(Number(res.headers['content-length'])).toBe(done.fileBytes);
    const files = await unzip(res.rawPayload);
    expect([...files.keys()].sort()).toEqual([`${a.idNumber}.jpg`, `${b.idNumber}.jpg`, `${c.idNumber}.jpg`, '名单.xlsx'].sort());
    expect(files.get(`${a.idNumber}.jpg`)!.equals(await sampleJpeg())).toBe(true);
    expect(files.has(`${pending.idNumber}.jpg`)).toBe(false);
    expect(files.has(`${elsewhere.idNumber}.jpg`)).toBe(false);

    const rows = await manifestRows(files.get('名单.xlsx')!);
    expect(rows[0]).toEqual(['序号', '姓名', '学号', '身份证号', '学校', '批次', '院系', '专业', '学历层次', '文件名', '备注']);
    const byName = new Map(rows.slice(1).map((r) => [r[1], r]));
    expect(byName.get('张伟')!.slice(2, 6)).toEqual([a.studentNumber, a.idNumber, '示范大学', '2027 届毕业生图像采集']);
    expect(byName.get('张伟')![9]).toBe(`${a.idNumber}.jpg`);

    // the order without prints is completed (with history); the one with prints is not
    const oa = (await sql('select status from orders where id = $1', [a.orderId])).rows[0];
    expect(oa).toEqual({ status: 'completed' });
    expect((await sql('select status from orders where id = $1', [b.orderId])).rows[0]).toEqual({ status: 'paid' });
    expect((await sql('select status from orders where id = $1', [pending.orderId])).rows[0]).toEqual({ status: 'paid' });
    const h = (await sql('select from_status, to_status, actor_type, note, note_code, note_params from order_history where order_id = $1 order by created_at desc limit 1', [a.orderId])).rows[0];
    expect(h).toEqual({ from_status: 'paid', to_status: 'completed', actor_type: 'system', note: null, note_code: 'exported', note_params: { exportId: done.id } });

    const audit = (await sql(`select action, actor_type from audit_log where target_id = $1 order by created_at`, [done.id])).rows.map((r) => `${r.actor_type}:${r.action}`);
    expect(audit).toEqual(['staff:export.create', 'system:export.build', 'staff:export.download']);
  });

  it('names files by 学号 when asked; duplicates and missing 学号 are handled and noted', async () => {
    const approved = { status: 'approved' as const };
    const other = k.otherBatchId;
    await sql(`update submissions set status = 'withdrawn' where collection_id in (select id from collections where batch_id = $1)`, [other]);
    const x = await seedGraduate(t, other, { studentNumber: '2023-001', submission: approved });
    const y = await seedGraduate(t, other, { studentNumber: '2023-001', submission: approved });
    const z = await seedGraduate(t, other, { studentNumber: '', submission: approved });
    const [r1, r2] = await Promise.all([
      k.admin.post('/api/console/exports', { batchId: other, naming: 'student_number' }),
      k.admin.post('/api/console/exports', { batchId: other, naming: 'student_number' }),
    ]);
    expect([r1.statusCode, r2.statusCode].sort()).toEqual([200, 409]);
    expect([r1, r2].find((r) => r.statusCode === 409)!.json().error.code).toBe('EXPORT_ACTIVE');
    const created = [r1, r2].find((r) => r.statusCode === 200)!.json();
    const done = await waitExport(k.admin, created.id);
    expect(done.status).toBe('succeeded');
    const files = await unzip((await k.admin.get(done.downloadUrl)).rawPayload);
    expect([...files.keys()].sort()).toEqual(['2023-001.jpg', '2023-001_2.jpg', `${z.idNumber}.jpg`, '名单.xlsx'].sort());
    const rows = await manifestRows(files.get('名单.xlsx')!);
    const notes = rows.slice(1).map((r) => r[10]);
    expect(notes).toEqual(expect.arrayContaining(['文件名重复，已加序号', '无学号，按身份证号命名']));
    expect(rows.slice(1).map((r) => r[3]).sort()).toEqual([x.idNumber, y.idNumber, z.idNumber].sort());
  });

  it('an empty scope makes an empty export; a bad request is refused', async () => {
    const empty = await k.admin.post('/api/console/schools', { name: '空白学院', code: '77777' });
    const res = await k.admin.post('/api/console/exports', { schoolId: empty.json().id });
    const done = await waitExport(k.admin, res.json().id);
    expect(done).toMatchObject({ status: 'succeeded', total: 0, done: 0 });
    expect([...(await unzip((await k.admin.get(done.downloadUrl)).rawPayload)).keys()]).toEqual(['名单.xlsx']);
    expect((await k.admin.post('/api/console/exports', { schoolId: k.schoolId, batchId: k.batchId })).statusCode).toBe(400);
    expect((await k.admin.post('/api/console/exports', {})).statusCode).toBe(400);
    expect((await k.admin.post('/api/console/exports', { batchId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
  });
});
