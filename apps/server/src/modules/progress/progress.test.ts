import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collections, graduates, orders, students, submissions } from '../../db/schema.js';
import { createTestApp, makeIdNumber } from '../../test/harness.js';
import { expectAccess, setupConsole, type ConsoleKit } from '../schools/console-test-kit.js';
import { dailyWindow } from './progress.service.js';

type App = Awaited<ReturnType<typeof createTestApp>>;
let t: App;
let k: ConsoleKit;
let batchA: string;
let batchB: string;

type SubState = (typeof submissions.$inferInsert)['status'];
type OrderState = (typeof orders.$inferInsert)['status'];
let n = 0;

/** One collection in a batch with the given submissions and orders (rows written directly: only counts matter here). */
async function collection(batchId: string, subs: SubState[], ords: Array<{ status: OrderState; withPrints?: boolean; kind?: 'collection' | 'prints' }> = []) {
  const db = t.container.database.db;
  n += 1;
  const id = makeIdNumber(`11010119990101${String(n).padStart(3, '0')}`);
  const enc = t.container.idCrypto.encrypt(id);
  const hash = t.container.idCrypto.lookupHash(id);
  const [s] = await db.insert(students).values({ idType: 'id_card', idNumberEnc: enc, idNumberHash: hash, idLast4: id.slice(-4), name: `学生${n}`, gender: 'male', email: `p${n}@example.com`, passwordHash: 'x' }).returning();
  const [g] = await db.insert(graduates).values({ batchId, source: 'form', name: `学生${n}`, idNumberEnc: enc, idNumberHash: hash, idLast4: id.slice(-4) }).returning();
  const [c] = await db.insert(collections).values({ studentId: s!.id, batchId, graduateId: g!.id, identity: 'graduate' }).returning();
  for (const [i, status] of subs.entries()) {
    await db.insert(submissions).values({ collectionId: c!.id, status, source: 'camera', originalKey: `x/${n}/${i}`, reviewedAt: status === 'approved' ? new Date() : null });
  }
  for (const [i, o] of ords.entries()) {
    await db.insert(orders).values({
      orderNo: `2026${String(n).padStart(8, '0')}${i}`,
      studentId: s!.id,
      collectionId: c!.id,
      kind: o.kind ?? 'collection',
      withPrints: o.withPrints ?? false,
      amountCents: 2000,
      status: o.status,
      shippedAt: o.status === 'shipped' ? new Date() : null,
    });
  }
}

beforeAll(async () => {
  t = await createTestApp();
  k = await setupConsole(t);
  batchA = k.batchId;
  batchB = k.otherBatchId;
  await collection(batchA, []); // registered only
  await collection(batchA, ['draft']); // photographed
  await collection(batchA, ['submitted'], [{ status: 'paid' }]); // paid, waiting in submitted
  await collection(batchA, ['pending_review'], [{ status: 'paid' }]); // pending review
  await collection(batchA, ['rejected', 'approved'], [{ status: 'shipped', withPrints: true }]); // approved, paid, shipped
  await collection(batchA, ['rejected', 'draft']); // rejected, retaking
  await collection(batchA, ['rejected', 'pending_review'], [{ status: 'pending_payment' }]); // resubmitted: pending, not rejected
  await collection(batchB, ['approved'], [{ status: 'completed' }]);
}, 60_000);
afterAll(() => t.close());

describe("the dashboard's days (dailyWindow)", () => {
  it('ends on today in China: from 16:00 UTC that is the next UTC date', () => {
    const evening = dailyWindow(new Date('2026-12-07T16:30:00Z'), 30);
    expect(evening.dates).toHaveLength(30);
    expect(evening.dates.at(-1)).toBe('2026-12-08');
    expect(evening.dates[0]).toBe('2026-11-09');
    // The first day begins at its midnight in UTC+8.
    expect(evening.from.toISOString()).toBe('2026-11-08T16:00:00.000Z');
    const morning = dailyWindow(new Date('2026-12-07T15:59:59Z'), 30);
    expect(morning.dates.at(-1)).toBe('2026-12-07');
    expect(morning.from.toISOString()).toBe('2026-11-07T16:00:00.000Z');
  });
});

describe('progress dashboard', () => {
  it('counts each step per batch and per school', async () => {
    const res = await k.admin.get('/api/console/progress');
    expect(res.statusCode).toBe(200);
    const p = res.json();
    const a = p.batches.find((b: { batchId: string }) => b.batchId === batchA);
    expect(a).toMatchObject({ graduates: 7, registered: 7, photographed: 6, paid: 3, pendingReview: 2, approved: 1, rejected: 1, shipped: 1, schoolName: '示范大学', payer: 'student' });
    const b = p.batches.find((x: { batchId: string }) => x.batchId === batchB);
    expect(b).toMatchObject({ registered: 1, photographed: 1, paid: 1, approved: 1, shipped: 0 });
    const schoolA = p.schools.find((s: { schoolId: string }) => s.schoolId === k.schoolId);
    expect(schoolA).toMatchObject({ registered: 7, approved: 1, pendingReview: 2 });
    expect(p.totals).toMatchObject({ registered: 8, approved: 2, paid: 4, rejected: 1 });
    expect(p.daily).toHaveLength(30);
    const today = p.daily.at(-1);
    expect(today).toMatchObject({ registered: 8, approved: 2 });
  });

  it('scopes a coordinator to their school, and filters by batch', async () => {
    const mine = (await k.coordinator.get('/api/console/progress')).json();
    expect(mine.schools.map((s: { schoolId: string }) => s.schoolId)).toEqual([k.schoolId]);
    expect(mine.batches.every((b: { schoolId: string }) => b.schoolId === k.schoolId)).toBe(true);
    expect(mine.totals.registered).toBe(7);
    const one = (await k.admin.get(`/api/console/progress?batchId=${batchB}`)).json();
    expect(one.batches.map((b: { batchId: string }) => b.batchId)).toEqual([batchB]);
    expect(one.totals.registered).toBe(1);
    expect((await k.coordinator.get(`/api/console/progress?batchId=${batchB}`)).statusCode).toBe(403);
    expect((await k.coordinator.get(`/api/console/progress?schoolId=${k.otherSchoolId}`)).statusCode).toBe(403);
  });

  it('exports the dashboard as CSV with a total row, and audits the export', async () => {
    const res = await k.coordinator.get('/api/console/progress.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toContain('已登记 Registered');
    expect(lines.find((l) => l.includes(',2027 届毕业生图像采集,'))).toBe('示范大学,2027 届毕业生图像采集,7,7,6,3,2,1,1,1');
    expect(lines.at(-1)).toMatch(/^合计 Total,,/);
    expect(lines.some((l) => l.includes('另一所大学'))).toBe(false);
    const audit = await t.container.database.executeSql(`select count(*)::int as n from audit_log where action = 'progress.export'`, []);
    expect(audit.rows[0]!.n).toBe(1);
  });

  it('denies the dashboard to reviewers, students and nobody', async () => {
    for (const url of ['/api/console/progress', '/api/console/progress.csv']) {
      await expectAccess(k, (c) => c.get(url), { admin: 200, coordinator: 200, reviewer: 403, student: 403, anonymous: 401 });
    }
  });
});
