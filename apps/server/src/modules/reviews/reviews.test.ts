import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/harness.js';
import { expectAccess, setupConsole, type ConsoleKit } from '../schools/console-test-kit.js';
import { seedGraduate } from './console-fixtures.js';

type App = Awaited<ReturnType<typeof createTestApp>>;
let t: App;
let k: ConsoleKit;
beforeAll(async () => {
  t = await createTestApp();
  k = await setupConsole(t);
}, 60_000);
afterAll(() => t.close());

const sql = (text: string, values: unknown[] = []) => t.container.database.executeSql(text, values);
const status = async (id: string) => (await sql('select status, claimed_by from submissions where id = $1', [id])).rows[0] as { status: string; claimed_by: string | null };
const notificationKinds = async (studentId: string) => (await sql('select kind from notifications where student_id = $1 order by created_at', [studentId])).rows.map((r) => r.kind);
/** Clears the queue so each test sees only its own submissions. */
const clearQueue = () => sql(`update submissions set status = 'withdrawn', claimed_by = null, claimed_at = null where status = 'pending_review'`);

describe('roles', () => {
  it('only admins and reviewers use the review queue', async () => {
    const s = await seedGraduate(t, k.batchId);
    const calls = [
      (c: typeof k.admin) => c.post('/api/console/reviews/next'),
      (c: typeof k.admin) => c.post(`/api/console/submissions/${s.submissionId}/heartbeat`),
      (c: typeof k.admin) => c.post(`/api/console/submissions/${s.submissionId}/release`),
      (c: typeof k.admin) => c.post(`/api/console/submissions/${s.submissionId}/reject`, { reasonCode: 'not_sharp' }),
      (c: typeof k.admin) => c.post(`/api/console/submissions/${s.submissionId}/approve`),
      (c: typeof k.admin) => c.post(`/api/console/submissions/${s.submissionId}/undo`),
      (c: typeof k.admin) => c.get('/api/console/reviews/green'),
      (c: typeof k.admin) => c.post('/api/console/reviews/bulk-approve', { submissionIds: [s.submissionId] }),
      (c: typeof k.admin) => c.get('/api/console/reviews/stats'),
    ];
    for (const call of calls) await expectAccess(k, call, { coordinator: 403, otherCoordinator: 403, student: 403, anonymous: 401 });
    expect((await status(s.submissionId!)).status).toBe('pending_review');
  });

  it('a coordinator sees their own school’s photos, not another school’s', async () => {
    const mine = await seedGraduate(t, k.batchId, { submission: { status: 'approved' } });
    const theirs = await seedGraduate(t, k.otherBatchId, { submission: { status: 'approved' } });
    expect((await k.coordinator.get(`/api/submissions/${mine.submissionId}/result.jpg`)).statusCode).toBe(200);
    expect((await k.coordinator.get(`/api/submissions/${theirs.submissionId}/result.jpg`)).statusCode).toBe(403);
    expect((await k.coordinator.get(`/api/submissions/${theirs.submissionId}/original`)).statusCode).toBe(403);
    expect((await k.otherCoordinator.get(`/api/submissions/${theirs.submissionId}/original`)).statusCode).toBe(200);
    expect((await k.reviewer.get(`/api/submissions/${theirs.submissionId}/original`)).statusCode).toBe(200);
    expect((await k.anonymous.get(`/api/submissions/${theirs.submissionId}/original`)).statusCode).toBe(401);
  });
});

describe('claiming', () => {
  it('two reviewers claiming at once get different submissions; a reload gives back one’s own claim', async () => {
    await clearQueue();
    const a = await seedGraduate(t, k.batchId);
    const b = await seedGraduate(t, k.batchId);
    const [r1, r2] = await Promise.all([k.admin.post('/api/console/reviews/next'), k.reviewer.post('/api/console/reviews/next')]);
    const i1 = r1.json().item;
    const i2 = r2.json().item;
    expect([i1.submission.id, i2.submission.id].sort()).toEqual([a.submissionId, b.submissionId].sort());
    expect(i1.graduate).toMatchObject({ schoolName: '示范大学', department: '计算机学院', background: '#28BEFA' });
    expect(i1.graduate.idNumberMasked).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    expect(i1.submission.checks.length).toBeGreaterThan(0);
    expect(i1.submission.originalUrl).toBe(`/api/submissions/${i1.submission.id}/original`);
    expect(r1.json().pending).toBe(2);
    // a third call finds nothing free; a reload returns the same claim
    const again = (await k.admin.post('/api/console/reviews/next')).json();
    expect(again.item.submission.id).toBe(i1.submission.id);
    // the other reviewer's claim can't be decided by someone else
    const stolen = await k.admin.post(`/api/console/submissions/${i2.submission.id}/approve`);
    expect(stolen.statusCode).toBe(409);
    expect(stolen.json().error.code).toBe('REVIEW_CLAIMED');
  });

  it('many reviewers claiming at once never share a submission', async () => {
    await clearQueue();
    for (let i = 0; i < 4; i++) await seedGraduate(t, k.batchId);
    const clients = [k.admin, k.reviewer];
    const results = await Promise.all([...clients, ...clients].map((c, i) => c.post('/api/console/reviews/next', { skip: [] }).then((r) => ({ who: i % 2, id: r.json().item?.submission.id as string | undefined }))));
    // each reviewer holds one claim (a second call returns their own claim), and the two claims differ
    const byWho = [0, 1].map((w) => [...new Set(results.filter((r) => r.who === w).map((r) => r.id))]);
    expect(byWho[0]).toHaveLength(1);
    expect(byWho[1]).toHaveLength(1);
    expect(byWho[0]![0]).not.toBe(byWho[1]![0]);
  });

  it('a claim expires when its reviewer goes idle; the heartbeat keeps it', async () => {
    await clearQueue();
    const s = await seedGraduate(t, k.batchId);
    const mine = (await k.reviewer.post('/api/console/reviews/next')).json().item;
    expect(mine.submission.id).toBe(s.submissionId);
    const hb = await k.reviewer.post(`/api/console/submissions/${s.submissionId}/heartbeat`);
    expect(hb.statusCode).toBe(200);
    expect(new Date(hb.json().claimExpiresAt).getTime()).toBeGreaterThan(Date.now() + 100_000);
    // while the claim is alive nobody else gets it
    expect((await k.admin.post('/api/console/reviews/next')).json().item).toBeNull();
    // 90 s idle: still alive (TTL 2 min); 130 s idle: gone
    await sql(`update submissions set claimed_at = now() - interval '90 seconds' where id = $1`, [s.submissionId]);
    expect((await k.admin.post('/api/console/reviews/next')).json().item).toBeNull();
    await sql(`update submissions set claimed_at = now() - interval '130 seconds' where id = $1`, [s.submissionId]);
    const taken = (await k.admin.post('/api/console/reviews/next')).json().item;
    expect(taken.submission.id).toBe(s.submissionId);
    const lost = await k.reviewer.post(`/api/console/submissions/${s.submissionId}/heartbeat`);
    expect(lost.statusCode).toBe(409);
    expect(lost.json().error.code).toBe('CLAIM_LOST');
    expect((await k.reviewer.post(`/api/console/submissions/${s.submissionId}/approve`)).json().error.code).toBe('REVIEW_CLAIMED');
    expect((await k.admin.post(`/api/console/submissions/${s.submissionId}/approve`)).statusCode).toBe(200);
  });

  it('skipping releases the claim and hands out the next one', async () => {
    await clearQueue();
    const a = await seedGraduate(t, k.batchId);
    const b = await seedGraduate(t, k.batchId);
    const first = (await k.reviewer.post('/api/console/reviews/next')).json().item;
    expect(first.submission.id).toBe(a.submissionId);
    const second = (await k.reviewer.post('/api/console/reviews/next', { skip: [a.submissionId] })).json().item;
    expect(second.submission.id).toBe(b.submissionId);
    expect((await status(a.submissionId!)).claimed_by).toBeNull();
    // the batch filter
    expect((await k.reviewer.post('/api/console/reviews/next', { batchId: k.otherBatchId, skip: [b.submissionId] })).json()).toEqual({ item: null, pending: 0 });
  });
});

describe('deciding', () => {
  it('rejects with a reason template and free text; the student is told the reason', async () => {
    await clearQueue();
    const s = await seedGraduate(t, k.batchId);
    await k.reviewer.post('/api/console/reviews/next');
    const bad = await k.reviewer.post(`/api/console/submissions/${s.submissionId}/reject`, { reasonCode: 'other' });
    expect(bad.statusCode).toBe(400);
    const res = await k.reviewer.post(`/api/console/submissions/${s.submissionId}/reject`, { reasonCode: 'ears_hidden', reason: '请把头发别到耳后' });
    expect(res.statusCode).toBe(200);
    expect(new Date(res.json().undoUntil).getTime()).toBeGreaterThan(Date.now() + 20_000);
    const row = (await sql('select status, reject_reason from submissions where id = $1', [s.submissionId])).rows[0];
    expect(row).toEqual({ status: 'rejected', reject_reason: '耳朵被头发遮挡 / Ears hidden by hair：请把头发别到耳后' });
    const note = (await sql(`select body from notifications where student_id = $1 and kind = 'submission.rejected'`, [s.studentId])).rows[0] as { body: { zh: string } };
    expect(note.body.zh).toContain('耳朵被头发遮挡');
    const audit = (await sql(`select details from audit_log where action = 'submission.reject' and target_id = $1`, [s.submissionId])).rows;
    expect(audit).toHaveLength(1);
    // a second decision on the same photo is refused
    expect((await k.reviewer.post(`/api/console/submissions/${s.submissionId}/approve`)).json().error.code).toBe('SUBMISSION_STATE');
  });

  it('a double click on approve approves once', async () => {
    await clearQueue();
    const s = await seedGraduate(t, k.batchId);
    await k.reviewer.post('/api/console/reviews/next');
    const [a, b] = await Promise.all([k.reviewer.post(`/api/console/submissions/${s.submissionId}/approve`), k.reviewer.post(`/api/console/submissions/${s.submissionId}/approve`)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect((await sql('select count(*)::int as n from review_decisions where submission_id = $1', [s.submissionId])).rows[0]).toEqual({ n: 1 });
    expect((await notificationKinds(s.studentId)).filter((x) => x === 'submission.approved')).toHaveLength(1);
  });
});

describe('undo', () => {
  it('puts an approval back in review, claimed by the same reviewer, and sends a correction', async () => {
    await clearQueue();
    const s = await seedGraduate(t, k.batchId);
    await k.reviewer.post('/api/console/reviews/next');
    expect((await k.reviewer.post(`/api/console/submissions/${s.submissionId}/approve`)).statusCode).toBe(200);
    // someone else can't undo it
    expect((await k.admin.post(`/api/console/submissions/${s.submissionId}/undo`)).statusCode).toBe(403);
    const res = await k.reviewer.post(`/api/console/submissions/${s.submissionId}/undo`);
    expect(res.statusCode).toBe(200);
    expect(res.json().item.submission).toMatchObject({ id: s.submissionId, status: 'pending_review' });
    const after = await sql('select status, claimed_by, reviewed_by from submissions where id = $1', [s.submissionId]);
    expect(after.rows[0]).toMatchObject({ status: 'pending_review', reviewed_by: null });
    expect(after.rows[0]!.claimed_by).not.toBeNull();
    const history = (await sql('select from_status, to_status, note from submission_history where submission_id = $1 order by created_at', [s.submissionId])).rows;
    expect(history.at(-1)).toEqual({ from_status: 'approved', to_status: 'pending_review', note: 'decision undone' });
    expect(await notificationKinds(s.studentId)).toEqual(['submission.approved', 'submission.review_undone']);
    // the reviewer's next call returns the same photo; an admin doesn't get it
    expect((await k.admin.post('/api/console/reviews/next')).json().item).toBeNull();
    expect((await k.reviewer.post('/api/console/reviews/next')).json().item.submission.id).toBe(s.submissionId);
    // undoing again: nothing to undo
    expect((await k.reviewer.post(`/api/console/submissions/${s.submissionId}/undo`)).json().error.code).toBe('UNDO_NOTHING');
    // decide again, then the window passes
    expect((await k.reviewer.post(`/api/console/submissions/${s.submissionId}/reject`, { reasonCode: 'not_sharp' })).statusCode).toBe(200);
    await sql(`update review_decisions set decided_at = now() - interval '31 seconds' where submission_id = $1 and undone_at is null`, [s.submissionId]);
    const late = await k.reviewer.post(`/api/console/submissions/${s.submissionId}/undo`);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('UNDO_EXPIRED');
  });

  it('is refused once the student has uploaded a new photo after a rejection', async () => {
    await clearQueue();
    const s = await seedGraduate(t, k.batchId);
    await k.reviewer.post('/api/console/reviews/next');
    await k.reviewer.post(`/api/console/submissions/${s.submissionId}/reject`, { reason: '背景有杂物' });
    await sql(`insert into submissions (collection_id, status, source, original_key) values ($1, 'processing', 'camera', 'originals/x/y')`, [s.collectionId]);
    const res = await k.reviewer.post(`/api/console/submissions/${s.submissionId}/undo`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'UNDO_BLOCKED' });
    expect((await status(s.submissionId!)).status).toBe('rejected');
  });

  it('is refused once the approved photo is on a print run', async () => {
    await clearQueue();
    const s = await seedGraduate(t, k.batchId, { order: { withPrints: true, status: 'paid' } });
    await k.reviewer.post('/api/console/reviews/next');
    await k.reviewer.post(`/api/console/submissions/${s.submissionId}/approve`);
    await sql(`update orders set status = 'in_production' where id = $1`, [s.orderId]);
    expect((await k.reviewer.post(`/api/console/submissions/${s.submissionId}/undo`)).json().error.code).toBe('UNDO_BLOCKED');
  });
});

describe('bulk approval', () => {
  it('approves the all-green photos that are free, skips the rest', async () => {
    await clearQueue();
    const green = await Promise.all([seedGraduate(t, k.batchId), seedGraduate(t, k.batchId), seedGraduate(t, k.otherBatchId)]);
    const warn = await seedGraduate(t, k.batchId, { submission: { status: 'pending_review', verdict: 'warn' } });
    const done = await seedGraduate(t, k.batchId, { submission: { status: 'approved' } });
    // the reviewer holds a claim on the first green one
    await k.reviewer.post('/api/console/reviews/next', { batchId: k.batchId });
    const list = (await k.admin.get(`/api/console/reviews/green?batchId=${k.batchId}`)).json();
    expect(list.items.map((i: { submissionId: string }) => i.submissionId)).toEqual([green[1]!.submissionId]);
    expect((await k.admin.get('/api/console/reviews/green')).json().total).toBe(2);
    const ids = [...green, warn, done].map((g) => g.submissionId!);
    const res = (await k.admin.post('/api/console/reviews/bulk-approve', { submissionIds: ids })).json();
    expect(res.approved.sort()).toEqual([green[1]!.submissionId, green[2]!.submissionId].sort());
    expect(res.skipped).toEqual(
      expect.arrayContaining([
        { submissionId: green[0]!.submissionId, reason: 'claimed' },
        { submissionId: warn.submissionId, reason: 'not_green' },
        { submissionId: done.submissionId, reason: 'not_pending' },
      ]),
    );
    expect((await sql(`select count(*)::int as n from audit_log where action = 'submission.approve' and details->>'bulk' = 'true'`)).rows[0]).toEqual({ n: 2 });
  });

  it('two reviewers bulk-approving the same photos approve each once', async () => {
    await clearQueue();
    const seeded = await Promise.all(Array.from({ length: 6 }, () => seedGraduate(t, k.batchId)));
    const ids = seeded.map((s) => s.submissionId!);
    const [a, b] = await Promise.all([k.admin.post('/api/console/reviews/bulk-approve', { submissionIds: ids }), k.reviewer.post('/api/console/reviews/bulk-approve', { submissionIds: [...ids].reverse() })]);
    const approved = [...a.json().approved, ...b.json().approved];
    expect(approved.sort()).toEqual([...ids].sort());
    const n = (await sql('select count(*)::int as n from review_decisions where submission_id = any($1::uuid[])', [ids])).rows[0];
    expect(n).toEqual({ n: 6 });
  });
});

describe('throughput statistics', () => {
  it('counts decisions per reviewer and bucket with the median seconds per decision', async () => {
    await clearQueue();
    const from = new Date(Date.now() - 1).toISOString();
    const s1 = await seedGraduate(t, k.batchId);
    const s2 = await seedGraduate(t, k.batchId);
    await k.reviewer.post('/api/console/reviews/next');
    await sql(`update submissions set claim_started_at = now() - interval '10 seconds' where id = $1`, [s1.submissionId]);
    await k.reviewer.post(`/api/console/submissions/${s1.submissionId}/approve`);
    await k.reviewer.post('/api/console/reviews/next');
    await sql(`update submissions set claim_started_at = now() - interval '20 seconds' where id = $1`, [s2.submissionId]);
    await k.reviewer.post(`/api/console/submissions/${s2.submissionId}/reject`, { reasonCode: 'tilted' });

    const all = (await k.admin.get('/api/console/reviews/stats?bucket=hour')).json();
    const reviewer = all.totals.find((r: { reviewerName: string }) => r.reviewerName === '审核员');
    expect(reviewer.decisions).toBeGreaterThanOrEqual(2);
    expect(reviewer.rejected).toBeGreaterThanOrEqual(1);
    expect(reviewer.medianSeconds).toBeGreaterThanOrEqual(0);
    expect(all.rows[0].bucket).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:00\+08:00$/);
    expect(all.totals.map((r: { reviewerName: string }) => r.reviewerName)).toContain('中心管理员');

    // only this test's two decisions
    const own = (await k.reviewer.get(`/api/console/reviews/stats?from=${encodeURIComponent(from)}`)).json();
    expect(own.totals).toHaveLength(1);
    expect(own.totals[0]).toMatchObject({ reviewerName: '审核员', decisions: 2, approved: 1, rejected: 1, bulk: 0 });
    expect(own.totals[0].medianSeconds).toBeGreaterThanOrEqual(14);
    expect(own.totals[0].medianSeconds).toBeLessThan(17);
    expect(own.rows[0].bucket).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await k.admin.get('/api/console/reviews/stats?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z')).statusCode).toBe(400);
  });
});
