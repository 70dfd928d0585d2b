import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArgon2Hasher } from '../../adapters/password-hasher.js';
import { createJobHandlers } from '../../jobs/handlers.js';
import { startS3TestServer, type S3TestServer } from '../../storage/s3-test-server.js';
import { fakePrintEngine } from '../../test/fake-print-engine.js';
import { createTestApp, type InjectClient } from '../../test/harness.js';
import { seedGraduate, type SeededGraduate } from '../reviews/console-fixtures.js';
import { setupConsole, type ConsoleKit } from '../schools/console-test-kit.js';
import { createPrivacyRepo } from './privacy.repo.js';

type App = Awaited<ReturnType<typeof createTestApp>>;
const S3 = { accessKeyId: 'AKIDBUILTFILES', secretAccessKey: 'built-files-secret', region: 'cn-north-1' };
const approved = { status: 'approved' as const };
const toPrint = { submission: approved, order: { withPrints: true, layout: 1 as const } };

/** A download of a deleted file: 404 with its code and a message in both languages. */
function expectDeleted(res: { statusCode: number; json(): { error: unknown } }, code: string) {
  expect(res.statusCode).toBe(404);
  expect(res.json().error).toMatchObject({ code, message: { zh: expect.stringContaining('已注销学生'), en: expect.stringContaining('deleted their account') } });
}

// the same scenarios on both storage drivers: the file deletion is the driver's
describe.each(['local', 's3'] as const)('files built before a student’s data deletion (%s storage)', (driver) => {
  let t: App;
  let k: ConsoleKit;
  let s3: S3TestServer | undefined;
  beforeAll(async () => {
    let env: Record<string, string> = {};
    if (driver === 's3') {
      s3 = await startS3TestServer({ ...S3, buckets: ['photos'] });
      env = { STORAGE_DRIVER: 's3', S3_BUCKET: 'photos', S3_REGION: S3.region, S3_ACCESS_KEY_ID: S3.accessKeyId, S3_SECRET_ACCESS_KEY: S3.secretAccessKey, S3_ENDPOINT: s3.endpoint, S3_FORCE_PATH_STYLE: 'true' };
    }
    t = await createTestApp(env, { photoEngine: fakePrintEngine() });
    k = await setupConsole(t);
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await s3?.close();
  });

  const sql = (text: string, values: unknown[] = []) => t.container.database.executeSql(text, values);
  const exists = (key: string) => t.container.storage.exists(key);
  const purgeJob = () => createJobHandlers(t.container)['privacy.purge-built-files']({}, 'test-job');
  const audits = async (action: string) => (await sql(`select target_id, details from audit_log where action = $1 order by created_at`, [action])).rows as Array<{ target_id: string; details: Record<string, unknown> }>;
  /** The erasure's transaction (privacy.repo), without its proof: the student's orders must be finished. */
  const erase = async (g: SeededGraduate) => {
    const r = await createPrivacyRepo(t.container.database.db).erase({ studentId: g.studentId, now: new Date(), emptyIdCiphertext: t.container.idCrypto.encrypt(''), throttleKey: `account:student:${g.studentId}` });
    expect(r.outcome).toBe('erased');
  };
  /** The console's view of an export or a print run once it reaches `status` (the jobs run in this process). */
  const reaching = async (url: string, status: string) => {
    await expect.poll(async () => (await k.admin.get(url)).json().status, { timeout: 30_000, interval: 100 }).toBe(status);
    return (await k.admin.get(url)).json();
  };
  const exportOf = async (batchId: string) => {
    const created = await k.admin.post('/api/console/exports', { batchId });
    expect(created.statusCode).toBe(200);
    return reaching(`/api/console/exports/${created.json().id}`, 'succeeded');
  };
  const getRun = async (id: string) => (await k.admin.get(`/api/console/print-runs/${id}`)).json();
  const runOf = async (batchId: string, gs: SeededGraduate[]) => {
    const created = await k.admin.post('/api/console/print-runs', { batchId, orderIds: gs.map((g) => g.orderId) });
    expect(created.statusCode).toBe(200);
    return reaching(`/api/console/print-runs/${created.json().id}`, 'succeeded');
  };
  const pdfPages = async (client: InjectClient, url: string) => (await PDFDocument.load((await client.get(url)).rawPayload)).getPageCount();
  const setOrders = (status: string, gs: SeededGraduate[]) => sql(`update orders set status = $1 where id = any($2::uuid[])`, [status, gs.map((g) => g.orderId)]);

  it('an export ZIP holding the student is deleted and says so; later and other exports stay; the job is harmless to repeat', async () => {
    const gone = await seedGraduate(t, k.batchId, { name: '注销甲', submission: approved });
    const stays = await seedGraduate(t, k.batchId, { name: '留下乙', submission: approved });
    const elsewhere = await seedGraduate(t, k.otherBatchId, { name: '外校丙', submission: approved });
    const before = await exportOf(k.batchId);
    const other = await exportOf(k.otherBatchId);
    expect(await exists(`exports/${before.id}.zip`)).toBe(true);

    await erase(gone);
    const after = await exportOf(k.batchId); // built after the erasure: without the student
    expect(after.total).toBe(before.total - 1);
    expect(await purgeJob()).toBeUndefined();

    const purged = (await k.admin.get(`/api/console/exports/${before.id}`)).json();
    expect(purged).toMatchObject({ status: 'purged', downloadUrl: null, purgedAt: expect.any(String), total: before.total });
    expect(await exists(`exports/${before.id}.zip`)).toBe(false);
    if (s3) expect(s3.requests.some((r) => r.method === 'DELETE' && r.key === `exports/${before.id}.zip`)).toBe(true);
    // a clear refusal, in both languages, for a link saved before
    expectDeleted(await k.coordinator.get(`/api/console/exports/${before.id}/download`), 'EXPORT_FILE_DELETED');
    const listed = (await k.admin.get(`/api/console/exports?batchId=${k.batchId}`)).json().items;
    expect(listed.find((e: { id: string }) => e.id === before.id)).toMatchObject({ status: 'purged', downloadUrl: null });

    // untouched: the export made after the erasure, another school's, and the other students' photos
    for (const e of [after, other]) {
      expect((await k.admin.get(`/api/console/exports/${e.id}`)).json()).toMatchObject({ status: 'succeeded', purgedAt: null });
      expect((await k.admin.get(e.downloadUrl)).statusCode).toBe(200);
    }
    const photos = (await sql(`select result_key from submissions where id = any($1::uuid[])`, [[stays.submissionId, elsewhere.submissionId]])).rows as Array<{ result_key: string }>;
    for (const p of photos) expect(await exists(p.result_key)).toBe(true);

    expect((await audits('privacy.export_deleted')).filter((a) => a.target_id === before.id)).toEqual([{ target_id: before.id, details: { erasedStudents: [gone.studentId], fileKey: `exports/${before.id}.zip` } }]);
    // the job again (and the service directly): nothing left to do, nothing else touched
    expect(await t.container.builtFiles.purgeErased()).toEqual({ exports: 0, printRuns: 0, rebuilt: 0 });
    await purgeJob();
    expect((await audits('privacy.export_deleted')).filter((a) => a.target_id === before.id)).toHaveLength(1);
    for (const e of [after, other]) expect(await exists(`exports/${e.id}.zip`)).toBe(true);
  });

  it('a print run still to print is rebuilt without the student; a printed one is deleted and rebuilt only on request', async () => {
    // run A: the erased student's order is delivered, the other one still in production → rebuilt
    const [gone, waiting] = [await seedGraduate(t, k.batchId, { name: '注销丁', ...toPrint }), await seedGraduate(t, k.batchId, { name: '待印戊', ...toPrint })];
    const a = await runOf(k.batchId, [gone, waiting]);
    expect(await pdfPages(k.admin, a.downloadUrl)).toBe(2);
    // run B: everything printed and delivered → deleted, not rebuilt
    const [gone2, printed] = [await seedGraduate(t, k.batchId, { name: '注销己', ...toPrint }), await seedGraduate(t, k.batchId, { name: '已印庚', ...toPrint })];
    const b = await runOf(k.batchId, [gone2, printed]);
    // run C: nobody erased → untouched
    const c = await runOf(k.batchId, [await seedGraduate(t, k.batchId, toPrint)]);
    await setOrders('completed', [gone, gone2, printed]);
    await erase(gone);
    await erase(gone2);

    expect(await t.container.builtFiles.purgeErased()).toEqual({ exports: expect.any(Number), printRuns: 2, rebuilt: 1 });
    const rebuilt = await reaching(`/api/console/print-runs/${a.id}`, 'succeeded');
    expect(rebuilt).toMatchObject({ purgedAt: expect.any(String), downloadUrl: a.downloadUrl, orderCount: 2, sheetCount: 1 });
    expect(await pdfPages(k.admin, rebuilt.downloadUrl)).toBe(1);
    expect(rebuilt.startedAt > rebuilt.purgedAt).toBe(true);

    const deleted = await getRun(b.id);
    expect(deleted).toMatchObject({ status: 'purged', downloadUrl: null, purgedAt: expect.any(String) });
    expect(await exists(`print-runs/${b.id}.pdf`)).toBe(false);
    expectDeleted(await k.admin.get(`/api/console/print-runs/${b.id}/sheets.pdf`), 'PRINT_RUN_FILE_DELETED');

    expect((await getRun(c.id)).purgedAt).toBeNull();
    expect(await exists(`print-runs/${c.id}.pdf`)).toBe(true);
    const audited = await audits('privacy.print_run_deleted');
    expect(audited.map((x) => [x.target_id, x.details.rebuild, x.details.erasedStudents])).toEqual(
      [
        [a.id, true, [gone.studentId]],
        [b.id, false, [gone2.studentId]],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );

    // twice is harmless: the rebuilt PDF started after the erasure and is kept
    expect(await t.container.builtFiles.purgeErased()).toEqual({ exports: 0, printRuns: 0, rebuilt: 0 });
    expect(await exists(`print-runs/${a.id}.pdf`)).toBe(true);
    expect(await audits('privacy.print_run_deleted')).toHaveLength(2);

    // the printed run, rebuilt on request (e.g. a lost parcel): without the erased student
    expect((await k.admin.post(`/api/console/print-runs/${b.id}/retry`)).statusCode).toBe(200);
    const again = await reaching(`/api/console/print-runs/${b.id}`, 'succeeded');
    expect(await pdfPages(k.admin, again.downloadUrl)).toBe(1);
  });

  it('the erasure itself sends the job: the console stops serving the export without anyone running it', async () => {
    const password = 'erase-me-123';
    const g = await seedGraduate(t, k.otherBatchId, { name: '自助注销', submission: approved });
    await sql(`update students set password_hash = $1 where id = $2`, [await createArgon2Hasher().hash(password), g.studentId]);
    const exp = await exportOf(k.otherBatchId);
    const student = t.client('10.66.0.1');
    expect((await student.post('/api/auth/login', { method: 'password', idNumber: g.idNumber, password })).statusCode).toBe(200);
    expect((await student.post('/api/me/erasure', { method: 'password', password })).statusCode).toBe(200);
    await reaching(`/api/console/exports/${exp.id}`, 'purged');
    await expect.poll(() => exists(`exports/${exp.id}.zip`)).toBe(false);
  });
});
