import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOutbox } from '../../test/harness.js';
import { createPaymentsTestApp, studentWithOrder, type PaymentsTestApp } from '../payments/test-kit.js';
import { seedGraduate } from '../reviews/console-fixtures.js';
import { expectAccess, setupConsole, type ConsoleKit } from '../schools/console-test-kit.js';
import { classifyQuery } from './console-orders.service.js';

let t: PaymentsTestApp;
let k: ConsoleKit;
beforeAll(async () => {
  t = await createPaymentsTestApp();
  k = await setupConsole(t);
}, 60_000);
afterAll(() => t.close());

const sql = (text: string, values: unknown[] = []) => t.container.database.executeSql(text, values);
const kinds = async (studentId: string) => (await sql('select kind from notifications where student_id = $1 order by created_at', [studentId])).rows.map((r) => r.kind);
const backfill = readFileSync(path.join(import.meta.dirname, '../../db/migrations/0004_order_note_backfill.sql'), 'utf8');

/** A student-paid collection order paid through the sandbox cashier, with a photo waiting for review. */
async function paidOrderInReview() {
  const s = await studentWithOrder(t, 3000);
  const submissionId = randomUUID();
  await sql(`insert into submissions (id, collection_id, status, source, original_key, verdict, submitted_at) values ($1, $2, 'submitted', 'camera', 'originals/x/y', 'pass', now())`, [submissionId, s.collectionId]);
  const start = await s.client.post(`/api/orders/${s.order.orderNo}/pay`, {});
  const params = new URL(start.json<{ payUrl: string }>().payUrl, 'http://x').searchParams;
  const form = new URLSearchParams({ prepay: params.get('prepay')!, redirect_url: params.get('redirect_url')! }).toString();
  await t.app.inject({ method: 'POST', url: '/sandbox/wechatpay/cashier/confirm', payload: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  expect((await t.container.ordersRepo.findById(s.order.id))!.status).toBe('paid');
  expect((await sql('select status from submissions where id = $1', [submissionId])).rows[0]).toEqual({ status: 'pending_review' });
  return { ...s, submissionId };
}

describe('reading orders', () => {
  it('admins and reviewers read orders; coordinators, students and nobody cannot', async () => {
    const g = await seedGraduate(t, k.batchId, { order: { status: 'paid' } });
    await expectAccess(k, (c) => c.get('/api/console/orders'), { admin: 'ok', reviewer: 'ok', coordinator: 403, otherCoordinator: 403, student: 403, anonymous: 401 });
    await expectAccess(k, (c) => c.get(`/api/console/orders/${g.orderId}`), { admin: 'ok', reviewer: 'ok', coordinator: 403, otherCoordinator: 403, student: 403, anonymous: 401 });
  });

  it('understands the search box', () => {
    expect(classifyQuery('20260601120000123456')).toEqual({ kind: 'order_no', value: '20260601120000123456' });
    expect(classifyQuery('138 0013 8000')).toEqual({ kind: 'phone', value: '13800138000' });
    expect(classifyQuery('11010519980115001x')).toEqual({ kind: 'id_number', value: '11010519980115001X' }); // looked up (and audited), finds nothing
    expect(classifyQuery('E12345678')).toEqual({ kind: 'id_number', value: 'E12345678' });
    expect(classifyQuery('王')).toEqual({ kind: 'name', value: '王' });
  });

  it('finds orders by order number, phone, full ID number (audited) and name; filters by batch and status; pages', async () => {
    const a = await seedGraduate(t, k.batchId, { name: '欧阳娜娜', order: { status: 'paid', withPrints: true } });
    const b = await seedGraduate(t, k.otherBatchId, { name: '李雷', order: { status: 'shipped', withPrints: true } });
    const byNo = (await k.reviewer.get(`/api/console/orders?q=${a.orderNo}`)).json();
    expect(byNo).toMatchObject({ total: 1, matchedBy: 'order_no' });
    expect(byNo.items[0]).toMatchObject({ orderNo: a.orderNo, studentName: '欧阳娜娜', schoolName: '示范大学', status: 'paid', submissionStatus: 'pending_review' });
    expect(byNo.items[0].phoneMasked).toBe(`${a.phone.slice(0, 3)}****${a.phone.slice(-4)}`);
    expect(byNo.items[0].idNumberMasked).toBe(`${a.idNumber.slice(0, 4)}**********${a.idNumber.slice(-4)}`);

    expect((await k.reviewer.get(`/api/console/orders?q=${b.phone}`)).json().items.map((o: { orderNo: string }) => o.orderNo)).toEqual([b.orderNo]);

    const byId = (await k.reviewer.get(`/api/console/orders?q=${a.idNumber}`)).json();
    expect(byId).toMatchObject({ total: 1, matchedBy: 'id_number' });
    const audit = (await sql(`select details from audit_log where action = 'order.search_by_id_number' order by created_at desc limit 1`)).rows[0] as { details: Record<string, unknown> };
    expect(audit.details).toEqual({ idNumberMasked: `${a.idNumber.slice(0, 4)}**********${a.idNumber.slice(-4)}`, matches: 1 });
    expect(JSON.stringify(audit.details)).not.toContain(a.idNumber);

    expect((await k.admin.get(`/api/console/orders?q=${encodeURIComponent('欧阳')}`)).json().items.map((o: { orderNo: string }) => o.orderNo)).toEqual([a.orderNo]);
    const shipped = (await k.admin.get(`/api/console/orders?batchId=${k.otherBatchId}&status=shipped`)).json();
    expect(shipped.items.map((o: { orderNo: string }) => o.orderNo)).toContain(b.orderNo);
    expect(shipped.items.every((o: { status: string; batchId: string }) => o.status === 'shipped' && o.batchId === k.otherBatchId)).toBe(true);
    expect((await k.admin.get(`/api/console/orders?batchId=${k.batchId}&status=shipped`)).json().items.map((o: { orderNo: string }) => o.orderNo)).not.toContain(b.orderNo);
    const page1 = (await k.admin.get('/api/console/orders?pageSize=1&page=1')).json();
    const page2 = (await k.admin.get('/api/console/orders?pageSize=1&page=2')).json();
    expect(page1.total).toBeGreaterThanOrEqual(2);
    expect(page1.items[0].id).not.toBe(page2.items[0].id);
    expect((await k.admin.get('/api/console/orders?status=nonsense')).statusCode).toBe(400);

    const detail = (await k.reviewer.get(`/api/console/orders/${a.orderId}`)).json();
    expect(detail.shippingAddress).toMatchObject({ recipient: '欧阳娜娜', regionText: '浙江省 杭州市 西湖区' });
    expect(detail.history.map((h: { to: string }) => h.to)).toEqual(['paid']);
    expect(detail.refundableCents).toBe(3500);
  });
});

describe('refunds', () => {
  it('only admins refund or decline: reviewers, coordinators, students and nobody are refused', async () => {
    const g = await seedGraduate(t, k.batchId, { order: { status: 'paid', refundRequested: '不想要了' } });
    const body = () => ({ amountCents: 100, reason: '测试退款', idempotencyKey: randomUUID() });
    await expectAccess(k, (c) => c.post(`/api/console/orders/${g.orderId}/refunds`, body()), { reviewer: 403, coordinator: 403, otherCoordinator: 403, student: 403, anonymous: 401 });
    await expectAccess(k, (c) => c.post(`/api/console/orders/${g.orderId}/refund-request/decline`, { reason: '已经冲印' }), { reviewer: 403, coordinator: 403, otherCoordinator: 403, student: 403, anonymous: 401 });
    expect((await sql('select count(*)::int as n from refunds where order_id = $1', [g.orderId])).rows[0]).toEqual({ n: 0 });
  });

  it('a double click refunds once; two different clicks can never refund more than was paid', async () => {
    const s = await paidOrderInReview();
    const key = randomUUID();
    const body = { amountCents: 1000, reason: '少印一版', idempotencyKey: key };
    const [a, b] = await Promise.all([k.admin.post(`/api/console/orders/${s.order.id}/refunds`, body), k.admin.post(`/api/console/orders/${s.order.id}/refunds`, body)]);
    expect([a.statusCode, b.statusCode]).toContain(200);
    for (const r of [a, b]) if (r.statusCode !== 200) expect(r.json().error.code).toBe('REFUND_IN_PROGRESS');
    // the same key again, later: the same refund back, not a new one
    const again = await k.admin.post(`/api/console/orders/${s.order.id}/refunds`, body);
    expect(again.json().refund.refundNo).toBe((a.statusCode === 200 ? a : b).json().refund.refundNo);
    await t.sandbox.idle();
    expect((await sql('select count(*)::int as n from refunds where order_id = $1', [s.order.id])).rows[0]).toEqual({ n: 1 });
    expect((await t.container.ordersRepo.findById(s.order.id))!).toMatchObject({ status: 'paid', refundedCents: 1000 });
    // a partial refund leaves the photo in review
    expect((await sql('select status from submissions where id = $1', [s.submissionId])).rows[0]).toEqual({ status: 'pending_review' });

    // two admins refunding the rest at once, with different keys: one goes through
    const rest = () => ({ amountCents: 2000, reason: '学生申请退款', idempotencyKey: randomUUID() });
    const [c, d] = await Promise.all([k.admin.post(`/api/console/orders/${s.order.id}/refunds`, rest()), k.admin.post(`/api/console/orders/${s.order.id}/refunds`, rest())]);
    expect([c.statusCode, d.statusCode].sort()).toEqual([200, 409]);
    expect([c, d].find((r) => r.statusCode === 409)!.json().error.code).toBe('REFUND_EXCEEDS_PAID');
    await t.sandbox.idle();
    expect((await t.container.ordersRepo.findById(s.order.id))!).toMatchObject({ status: 'refunded', refundedCents: 3000 });
    const history = (await k.admin.get(`/api/console/orders/${s.order.id}`)).json().history as Array<{ to: string; note: string | null; noteCode: string | null; noteParams: Record<string, unknown> | null }>;
    expect(history.map((h) => [h.to, h.noteCode, h.note])).toEqual([
      ['pending_payment', null, null],
      ['paid', 'payment', null],
      ['paid', 'refund', '少印一版'],
      ['refunded', 'refund', '学生申请退款'],
    ]);
    expect(history[1]!.noteParams).toEqual({ transactionId: expect.any(String) });
    expect(history[2]!.noteParams).toEqual({ refundNo: again.json().refund.refundNo, amountCents: 1000 });
    expect(history[3]!.noteParams).toEqual({ refundNo: expect.stringMatching(/^RF\d+$/), amountCents: 2000 });
  });

  it('a full refund before approval takes the photo out of review; the student is told in-app and by SMS', async () => {
    const s = await paidOrderInReview();
    const res = await k.admin.post(`/api/console/orders/${s.order.id}/refunds`, { amountCents: 3000, reason: '学生申请退款', idempotencyKey: randomUUID() });
    expect(res.statusCode).toBe(200);
    expect(res.json().refund).toMatchObject({ amountCents: 3000, status: 'processing' });
    await t.sandbox.idle();
    expect((await t.container.ordersRepo.findById(s.order.id))!.status).toBe('refunded');
    const sub = (await sql(`select s.status, h.actor_type, h.note from submissions s join submission_history h on h.submission_id = s.id where s.id = $1 order by h.created_at desc limit 1`, [s.submissionId])).rows[0];
    expect(sub).toEqual({ status: 'withdrawn', actor_type: 'system', note: `order ${s.order.orderNo} refunded` });
    expect(await kinds(s.studentId)).toEqual(expect.arrayContaining(['order.refunded', 'submission.withdrawn']));
    const phone = (await sql('select phone from students where id = $1', [s.studentId])).rows[0]!.phone as string;
    const sms = readOutbox<{ to: string; template: string; text: string }>(t.container.config.sms.outboxDir).filter((x) => x.to === phone && x.template === 'order_refunded');
    expect(sms).toHaveLength(1);
    expect(sms[0]!.text).toContain('¥30.00');
    // the queue no longer hands it out
    expect((await k.reviewer.post('/api/console/reviews/next', { batchId: undefined, skip: [] })).json().item?.submission.id).not.toBe(s.submissionId);
    const audit = (await sql(`select details from audit_log where action = 'order.refund' and target_id = $1`, [s.order.id])).rows;
    expect(audit).toHaveLength(1);
  });

  it('lists the students’ refund requests; an admin refunds one and declines another', async () => {
    const s1 = await paidOrderInReview();
    const s2 = await paidOrderInReview();
    for (const s of [s1, s2]) expect((await s.client.post(`/api/orders/${s.order.orderNo}/refund-request`, { reason: '不需要了' })).statusCode).toBe(200);
    const open = (await k.admin.get('/api/console/orders?refundRequested=true&pageSize=100')).json();
    const nos = open.items.map((o: { orderNo: string }) => o.orderNo);
    expect(nos).toEqual(expect.arrayContaining([s1.order.orderNo, s2.order.orderNo]));
    expect(open.items.find((o: { orderNo: string }) => o.orderNo === s1.order.orderNo).refundRequest.reason).toBe('不需要了');

    await k.admin.post(`/api/console/orders/${s1.order.id}/refunds`, { amountCents: 3000, reason: '学生申请退款', idempotencyKey: randomUUID() });
    const declined = await k.admin.post(`/api/console/orders/${s2.order.id}/refund-request/decline`, { reason: '照片已在审核中，审核后可加洗' });
    expect(declined.statusCode).toBe(200);
    expect(declined.json().refundRequest).toBeNull();
    // the timeline holds codes (each app words them) and the reasons as typed, for staff and the student
    const notes = (h: Array<{ noteCode: string | null; note: string | null }>) => h.slice(-2).map((x) => [x.noteCode, x.note]);
    const expected = [['refund_requested', '不需要了'], ['refund_declined', '照片已在审核中，审核后可加洗']];
    expect(notes(declined.json().history)).toEqual(expected);
    expect(notes((await s2.client.get(`/api/orders/${s2.order.orderNo}`)).json().timeline)).toEqual(expected);
    expect(await kinds(s2.studentId)).toContain('order.refund_declined');
    expect((await k.admin.post(`/api/console/orders/${s2.order.id}/refund-request/decline`, { reason: '再次拒绝' })).json().error.code).toBe('NO_REFUND_REQUEST');
    await t.sandbox.idle();
    const still = (await k.admin.get('/api/console/orders?refundRequested=true&pageSize=100')).json().items.map((o: { orderNo: string }) => o.orderNo);
    expect(still).not.toContain(s1.order.orderNo);
    expect(still).not.toContain(s2.order.orderNo);
  });
});

describe('order history notes from before the codes', () => {
  it('the migration turns each English text the server wrote into its code, keeps reasons as typed and leaves other text alone', async () => {
    const g = await seedGraduate(t, k.batchId, { order: { status: 'refunded', withPrints: true } });
    const refundNo = 'RF20260601120000123456';
    await sql(`insert into refunds (order_id, refund_no, amount_cents, reason, status) values ($1, $2, 1500, '部分退款: 少印 (一版)', 'succeeded')`, [g.orderId, refundNo]);
    const legacy: Array<[string, string, string]> = [
      ['paid', 'provider', '4200000000202606010000000001'],
      ['paid', 'student', 'refund requested: 不想要了：拍错了'],
      ['paid', 'staff', 'refund request declined: 照片已提交审核'],
      ['paid', 'staff', `refund ${refundNo}: 部分退款: 少印 (一版) (-1500)`],
      ['in_production', 'staff', 'print run 0a6f3a56-2a8e-4b43-9a43-5d3c1e0f9b11'],
      ['shipped', 'staff', '顺丰速运 SF1234567890'],
      ['shipped', 'staff', 'China Post EMS 1234567890 (import)'],
      ['completed', 'student', 'delivery confirmed'],
      ['completed', 'system', 'completed automatically 10 days after shipping'],
      ['completed', 'system', '学信网 export 7d1c2d33-6a37-4f0e-b0a6-8e9b7f2f4a10'],
      ['closed', 'system', 'payment timeout'],
      ['closed', 'student', 'account erased'],
      ['paid', 'staff', 'a note nobody wrote in code'],
    ];
    let i = 0;
    for (const [to, actor, note] of legacy) {
      await sql(`insert into order_history (order_id, to_status, actor_type, note, created_at) values ($1, $2, $3, $4, now() + make_interval(secs => $5))`, [g.orderId, to, actor, note, ++i]);
    }
    await sql(backfill);

    const history = (await k.admin.get(`/api/console/orders/${g.orderId}`)).json().history as Array<{ noteCode: string | null; noteParams: unknown; note: string | null }>;
    expect(history.slice(-legacy.length).map((h) => [h.noteCode, h.noteParams, h.note])).toEqual([
      ['payment', { transactionId: '4200000000202606010000000001' }, null],
      ['refund_requested', null, '不想要了：拍错了'],
      ['refund_declined', null, '照片已提交审核'],
      ['refund', { refundNo, amountCents: 1500 }, '部分退款: 少印 (一版)'],
      ['print_run', { runId: '0a6f3a56-2a8e-4b43-9a43-5d3c1e0f9b11' }, null],
      ['shipped', { courier: '顺丰速运', trackingNo: 'SF1234567890' }, null],
      ['shipped_import', { courier: 'China Post EMS', trackingNo: '1234567890' }, null],
      ['delivery_confirmed', null, null],
      ['auto_completed', { days: 10 }, null],
      ['exported', { exportId: '7d1c2d33-6a37-4f0e-b0a6-8e9b7f2f4a10' }, null],
      ['payment_timeout', null, null],
      ['account_erased', null, null],
      [null, null, 'a note nobody wrote in code'],
    ]);
  });
});
