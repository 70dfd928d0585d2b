import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submissions } from '../../db/schema.js';
import { createTestApp } from '../../test/harness.js';
import { fakePrintEngine } from '../../test/fake-print-engine.js';
import { sampleJpeg, seedGraduate, type SeedOptions } from '../reviews/console-fixtures.js';
import { setupConsole, type ConsoleKit } from '../schools/console-test-kit.js';
import { loadConfig } from '../../config.js';
import { createJobHandlers } from '../../jobs/handlers.js';
import { createRetentionRepo } from './retention.repo.js';
import { createRetentionService } from './retention.service.js';

/** Records which photo the print sizes are made from. */
const printSources: Buffer[] = [];
const fakeEngine = fakePrintEngine((bytes) => printSources.push(Buffer.from(bytes)));

type App = Awaited<ReturnType<typeof createTestApp>>;
let t: App;
let k: ConsoleKit;
beforeAll(async () => {
  t = await createTestApp({ ORIGINALS_RETENTION_DAYS: '180' }, { photoEngine: fakeEngine });
  k = await setupConsole(t);
}, 60_000);
afterAll(() => t.close());

const sql = (text: string, values: unknown[] = []) => t.container.database.executeSql(text, values);
const storage = () => t.container.storage;

async function submissionRow(id: string) {
  const [row] = await t.container.database.db.select().from(submissions).where(eq(submissions.id, id));
  return row!;
}
/** Moves a submission's last change `days` into the past. */
const age = (id: string, days: number) => sql(`update submissions set updated_at = now() - make_interval(days => $2::int) where id = $1`, [id, days]);
/** A succeeded 学信网 export of the batch, started now. */
const exported = (batchId = k.batchId) =>
  sql(`insert into photo_exports (school_id, batch_id, scope_key, naming, status, started_at, finished_at) select school_id, id, id::text, 'id_number', 'succeeded', now(), now() from batches where id = $1`, [batchId]);

async function seeded(opts: SeedOptions, days: number, batchId = k.batchId) {
  const g = await seedGraduate(t, batchId, opts);
  await age(g.submissionId!, days);
  return g;
}

describe('retention of originals', () => {
  it('deletes the originals of finished submissions older than the period, keeps everything else, and is idempotent', async () => {
    const oldRejected = await seeded({ submission: { status: 'rejected' } }, 200);
    const newRejected = await seeded({ submission: { status: 'rejected' } }, 10);
    const oldWithdrawn = await seeded({ submission: { status: 'withdrawn' } }, 181);
    const oldPending = await seeded({ submission: { status: 'pending_review' } }, 300);
    const oldSubmitted = await seeded({ submission: { status: 'submitted' } }, 300);
    // the other school's batch has no export
    const approvedNotExported = await seeded({ submission: { status: 'approved' } }, 300, k.otherBatchId);
    const approvedExported = await seeded({ submission: { status: 'approved' }, order: { withPrints: false, status: 'completed' } }, 300);
    const approvedPrintsWaiting = await seeded({ submission: { status: 'approved' }, order: { withPrints: true, status: 'paid' } }, 300);
    const approvedPrinted = await seeded({ submission: { status: 'approved' }, order: { withPrints: true, status: 'completed' } }, 300);
    const approvedReprintUnpaid = await seeded({ submission: { status: 'approved' }, order: { kind: 'reprint', withPrints: true, status: 'pending_payment' } }, 300);
    // a draft superseded by a newer photo of the same collection, and a draft that is still the latest
    const superseded = await seeded({ submission: { status: 'draft' } }, 200);
    const newerId = randomUUID();
    await storage().put(`originals/${superseded.collectionId}/${newerId}`, await sampleJpeg());
    await t.container.database.db.insert(submissions).values({ id: newerId, collectionId: superseded.collectionId, status: 'draft', source: 'camera', originalKey: `originals/${superseded.collectionId}/${newerId}` });
    await age(newerId, 200);
    await exported();
    // approved after the export started: not in it
    const approvedAfterExport = await seeded({ submission: { status: 'approved' } }, 0);
    await sql(`update submissions set reviewed_at = now() + interval '1 minute', updated_at = now() - interval '200 days' where id = $1`, [approvedAfterExport.submissionId]);

    const result = await t.container.retention.sweepOriginals();

    const gone = [oldRejected, oldWithdrawn, approvedExported, approvedPrinted, superseded];
    const kept = [newRejected, oldPending, oldSubmitted, approvedNotExported, approvedPrintsWaiting, approvedReprintUnpaid, approvedAfterExport];
    expect(result.deleted).toBe(gone.length);
    for (const g of gone) {
      const row = await submissionRow(g.submissionId!);
      expect(row.originalDeletedAt, `${row.status} ${g.name}`).toBeInstanceOf(Date);
      expect(await storage().exists(row.originalKey)).toBe(false);
      // the compliant result stays for exports, prints and downloads
      if (row.resultKey) expect(await storage().exists(row.resultKey)).toBe(true);
    }
    for (const g of kept) {
      const row = await submissionRow(g.submissionId!);
      expect(row.originalDeletedAt, `${row.status} ${g.name}`).toBeNull();
      expect(await storage().exists(row.originalKey)).toBe(true);
    }
    const latestDraft = await submissionRow(newerId);
    expect(latestDraft.originalDeletedAt).toBeNull();
    expect(await storage().exists(latestDraft.originalKey)).toBe(true);

    const audit = (await sql(`select actor_type, details from audit_log where action = 'privacy.originals_deleted'`)).rows;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_type: 'system', details: { retentionDays: 180, count: gone.length } });
    expect([...(audit[0]!.details as { submissionIds: string[] }).submissionIds].sort()).toEqual(gone.map((g) => g.submissionId).sort());

    // running again changes nothing and writes no audit entry
    const firstMark = (await submissionRow(oldRejected.submissionId!)).originalDeletedAt;
    expect((await t.container.retention.sweepOriginals()).deleted).toBe(0);
    expect((await sql(`select count(*)::int as n from audit_log where action = 'privacy.originals_deleted'`)).rows[0]).toEqual({ n: 1 });
    expect((await submissionRow(oldRejected.submissionId!)).originalDeletedAt).toEqual(firstMark);
    // the scheduled job's handler runs the same sweep
    await createJobHandlers(t.container)['privacy.sweep-originals']({}, 'test-job');
    expect((await sql(`select count(*)::int as n from audit_log where action = 'privacy.originals_deleted'`)).rows[0]).toEqual({ n: 1 });
  });

  it('pages through many submissions', async () => {
    const many = await Promise.all(Array.from({ length: 5 }, () => seeded({ submission: { status: 'withdrawn' } }, 365)));
    const small = createRetentionService({
      repo: createRetentionRepo(t.container.database.db),
      storage: storage(),
      audit: t.container.audit,
      retentionDays: 180,
      pageSize: 2,
    });
    expect((await small.sweepOriginals()).deleted).toBe(5);
    for (const g of many) expect((await submissionRow(g.submissionId!)).originalDeletedAt).toBeInstanceOf(Date);
  });

  it('counts an export whose ZIP was deleted after a student’s erasure as exported: its photos were delivered', async () => {
    const g = await seeded({ submission: { status: 'approved' } }, 300, k.otherBatchId);
    await exported(k.otherBatchId);
    await sql(`update photo_exports set status = 'purged', purged_at = now() where batch_id = $1`, [k.otherBatchId]);
    await t.container.retention.sweepOriginals();
    expect((await submissionRow(g.submissionId!)).originalDeletedAt).toBeInstanceOf(Date);
  });

  it('shows a deleted original as deleted: null URL for the apps, ORIGINAL_DELETED for the file', async () => {
    const g = await seeded({ submission: { status: 'rejected' } }, 400);
    await t.container.retention.sweepOriginals();
    const view = await t.container.submissions.get(g.studentId, g.submissionId!);
    expect(view.originalUrl).toBeNull();
    expect(view.originalDeletedAt).toEqual(expect.any(String));
    expect(view.resultUrl).toBe(`/api/submissions/${g.submissionId}/result.jpg`);

    const original = await k.admin.get(`/api/submissions/${g.submissionId}/original`);
    expect(original.statusCode).toBe(404);
    expect(original.json().error).toMatchObject({ code: 'ORIGINAL_DELETED', message: { zh: '原图已按保留期限删除', en: 'The original was deleted after the retention period' } });
    expect((await k.admin.get(`/api/submissions/${g.submissionId}/result.jpg`)).statusCode).toBe(200);
  });

  it('prints a reprint from the result once the original is deleted', async () => {
    const g = await seedGraduate(t, k.otherBatchId, { submission: { status: 'approved' }, order: { kind: 'reprint', withPrints: true, layout: 2, status: 'paid' } });
    const row = await submissionRow(g.submissionId!);
    const result = await sharp({ create: { width: 480, height: 640, channels: 3, background: '#FF0000' } }).jpeg().toBuffer();
    await storage().put(row.resultKey!, result);
    await storage().delete(row.originalKey);
    await sql(`update submissions set original_deleted_at = now() where id = $1`, [g.submissionId]);

    printSources.length = 0;
    const created = await k.admin.post('/api/console/print-runs', { batchId: k.otherBatchId, orderIds: [g.orderId] });
    expect(created.statusCode).toBe(200);
    let run = created.json();
    for (let i = 0; i < 200 && run.status !== 'succeeded' && run.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      run = (await k.admin.get(`/api/console/print-runs/${run.id}`)).json();
    }
    expect(run.status).toBe('succeeded');
    expect(printSources).toHaveLength(1);
    expect(printSources[0]!.equals(result)).toBe(true);
  });

  it('takes its period from ORIGINALS_RETENTION_DAYS and rejects nonsense', async () => {
    expect(loadConfig({ NODE_ENV: 'test', DATA_DIR: t.dataDir }).privacy.originalsRetentionDays).toBe(180);
    expect(loadConfig({ NODE_ENV: 'test', DATA_DIR: t.dataDir, ORIGINALS_RETENTION_DAYS: '30' }).privacy.originalsRetentionDays).toBe(30);
    expect(() => loadConfig({ NODE_ENV: 'test', DATA_DIR: t.dataDir, ORIGINALS_RETENTION_DAYS: '0' })).toThrow(/ORIGINALS_RETENTION_DAYS/);
  });
});
