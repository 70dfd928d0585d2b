import { generateKeyPairSync } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderHistory, payments, refunds } from '../../db/schema.js';
import { craftNotification, createPaymentsTestApp, studentWithOrder, transactionResource, type PaymentsTestApp } from './test-kit.js';

let t: PaymentsTestApp;
beforeAll(async () => {
  t = await createPaymentsTestApp();
});
afterAll(() => t.close());

const NOTIFY = '/api/payments/wechat/notify';
const db = () => t.container.database.db;
const paymentRows = (orderId: string) => db().select().from(payments).where(eq(payments.orderId, orderId));
const historyRows = (orderId: string) => db().select().from(orderHistory).where(eq(orderHistory.orderId, orderId));
const refundRows = (orderId: string) => db().select().from(refunds).where(eq(refunds.orderId, orderId));
const order = async (id: string) => (await t.container.ordersRepo.findById(id))!;
const postNotify = (n: { headers: Record<string, string>; body: string }, url = NOTIFY) => t.app.inject({ method: 'POST', url, headers: n.headers, payload: n.body });
const txEvent = (resource: object) => ({ eventType: 'TRANSACTION.SUCCESS' as const, summary: '支付成功' as const, originalType: 'transaction' as const, resource: resource as Record<string, unknown> });

/** Student pays through the sandbox: POST /pay → cashier page → 确认支付 (the sandbox posts the notification). */
async function payThroughCashier(s: Awaited<ReturnType<typeof studentWithOrder>>) {
  const start = await s.client.post(`/api/orders/${s.order.orderNo}/pay`, {});
  expect(start.statusCode).toBe(200);
  const payUrl = start.json<{ payUrl: string }>().payUrl;
  const cashier = await s.client.get(payUrl);
  expect(cashier.statusCode).toBe(200);
  const params = new URL(payUrl, 'http://x').searchParams;
  const form = new URLSearchParams({ prepay: params.get('prepay')!, redirect_url: params.get('redirect_url')! }).toString();
  const confirm = await t.app.inject({ method: 'POST', url: '/sandbox/wechatpay/cashier/confirm', payload: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  return { payUrl, cashier, confirm };
}

describe('paying an order through the WeChat Pay sandbox', () => {
  it('prepay → cashier → confirm → v3 notification → order paid, once', async () => {
    const s = await studentWithOrder(t, 3000);
    const { payUrl, cashier, confirm } = await payThroughCashier(s);
    expect(payUrl).toMatch(/^\/sandbox\/wechatpay\/cashier\?prepay=wx\w+&redirect_url=/);
    expect(cashier.body).toContain('<small>¥</small>30.00');
    expect(cashier.body).toContain(s.order.orderNo);
    expect(cashier.body).toContain('示范图像采集中心-学历照片采集');
    expect(confirm.statusCode).toBe(303);
    expect(confirm.headers.location).toBe(`/orders/${s.order.orderNo}`);
    const last = t.deliveries.at(-1)!;
    expect(last).toMatchObject({ url: 'http://localhost:3000/api/payments/wechat/notify', status: 204 });

    const paid = await order(s.order.id);
    expect(paid.status).toBe('paid');
    expect(paid.paidAt).toBeInstanceOf(Date);
    const rows = await paymentRows(s.order.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ provider: 'sandbox', status: 'succeeded', amountCents: 3000 });
    expect(rows[0]!.transactionId).toMatch(/^4200\d{24}$/);
    expect((await historyRows(s.order.id)).map((h) => `${h.fromStatus}→${h.toStatus}`)).toEqual(['null→pending_payment', 'pending_payment→paid']);

    // the order page's "check payment" sees it too; paying again is refused
    expect((await s.client.post(`/api/orders/${s.order.orderNo}/pay/check`, {})).json()).toEqual({ status: 'paid' });
    const again = await s.client.post(`/api/orders/${s.order.orderNo}/pay`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ORDER_PAID');

    // replaying the very same notification: 2xx (so WeChat stops), nothing changes
    const replay = await postNotify(last);
    expect(replay.statusCode).toBe(204);
    expect(await paymentRows(s.order.id)).toHaveLength(1);
    expect(await historyRows(s.order.id)).toHaveLength(2);
  });

  it('five concurrent copies of one notification make exactly one transition and one payment', async () => {
    const s = await studentWithOrder(t, 1200);
    const n = craftNotification(t.keys, txEvent(transactionResource(t.keys, s.order.orderNo, 1200)));
    const answers = await Promise.all(Array.from({ length: 5 }, () => postNotify(n)));
    expect(answers.map((a) => a.statusCode)).toEqual([204, 204, 204, 204, 204]);
    expect((await order(s.order.id)).status).toBe('paid');
    expect(await paymentRows(s.order.id)).toHaveLength(1);
    expect((await historyRows(s.order.id)).filter((h) => h.toStatus === 'paid')).toHaveLength(1);
  });

  describe('notifications that must change nothing', () => {
    let s: Awaited<ReturnType<typeof studentWithOrder>>;
    beforeAll(async () => {
      s = await studentWithOrder(t, 3000);
    });
    const unchanged = async () => {
      expect((await order(s.order.id)).status).toBe('pending_payment');
      expect(await paymentRows(s.order.id)).toHaveLength(0);
    };

    it('a forged signature (another key) → 401 FAIL', async () => {
      const forger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
      const res = await postNotify(craftNotification(t.keys, txEvent(transactionResource(t.keys, s.order.orderNo, 3000)), { platformKey: forger }));
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ code: 'FAIL', message: 'notification rejected: bad_signature' });
      await unchanged();
    });

    it('a tampered ciphertext → rejected, whether or not the attacker re-signs it', async () => {
      const n = craftNotification(t.keys, txEvent(transactionResource(t.keys, s.order.orderNo, 3000)));
      const envelope = JSON.parse(n.body);
      const bytes = Buffer.from(envelope.resource.ciphertext, 'base64');
      bytes[10]! ^= 0x20;
      envelope.resource.ciphertext = bytes.toString('base64');
      const tampered = JSON.stringify(envelope);
      const asIs = await postNotify({ headers: n.headers, body: tampered });
      expect(asIs.statusCode).toBe(401);
      expect(asIs.json().message).toContain('bad_signature');
      // encrypted with a key that is not our APIv3 key, yet validly signed: the AEAD tag fails
      const wrongKey = craftNotification(t.keys, txEvent(transactionResource(t.keys, s.order.orderNo, 3000)), { apiV3Key: 'x'.repeat(32) });
      const res = await postNotify(wrongKey);
      expect(res.statusCode).toBe(401);
      expect(res.json().message).toContain('decrypt_failed');
      await unchanged();
    });

    it('a stale timestamp (6 minutes old) → 401; and no signature headers at all → 401', async () => {
      const stale = craftNotification(t.keys, txEvent(transactionResource(t.keys, s.order.orderNo, 3000)), { now: new Date(Date.now() - 6 * 60_000) });
      const res = await postNotify(stale);
      expect(res.statusCode).toBe(401);
      expect(res.json().message).toContain('stale_timestamp');
      const bare = await t.app.inject({ method: 'POST', url: NOTIFY, payload: stale.body, headers: { 'content-type': 'application/json' } });
      expect(bare.statusCode).toBe(401);
      const empty = await t.app.inject({ method: 'POST', url: NOTIFY });
      expect(empty.statusCode).toBe(401);
      await unchanged();
    });

    it('an amount that does not match the order → 4xx FAIL, not paid', async () => {
      const res = await postNotify(craftNotification(t.keys, txEvent(transactionResource(t.keys, s.order.orderNo, 1))));
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ code: 'FAIL', message: 'amount mismatch' });
      await unchanged();
    });

    it('another merchant, or an unknown order → 4xx FAIL', async () => {
      const other = { ...transactionResource(t.keys, s.order.orderNo, 3000), mchid: '1999999999' };
      expect((await postNotify(craftNotification(t.keys, txEvent(other)))).statusCode).toBe(400);
      expect((await postNotify(craftNotification(t.keys, txEvent(transactionResource(t.keys, '20990101000000000000', 3000))))).statusCode).toBe(404);
      await unchanged();
    });
  });

  it('a payment for a closed order is refunded automatically; the order stays closed', async () => {
    const s = await studentWithOrder(t, 2500);
    const start = await s.client.post(`/api/orders/${s.order.orderNo}/pay`, {});
    const prepay = new URL(start.json().payUrl, 'http://x').searchParams.get('prepay')!;
    // the order closes on our side (its job ran) while the payer still has the cashier open
    await t.container.ordersRepo.transition(s.order.id, ['pending_payment'], 'closed', { closedAt: new Date() }, { type: 'system' }, { code: 'payment_timeout' });
    const confirm = await t.app.inject({ method: 'POST', url: '/sandbox/wechatpay/cashier/confirm', payload: `prepay=${prepay}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(confirm.statusCode).toBe(200);
    await t.sandbox.idle();

    const closed = await order(s.order.id);
    expect(closed.status).toBe('closed');
    expect(closed.refundedCents).toBe(2500);
    const [payment] = await paymentRows(s.order.id);
    expect(payment).toMatchObject({ status: 'refunded_late', amountCents: 2500 });
    const rows = await refundRows(s.order.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ refundNo: `LATE${payment!.transactionId}`, amountCents: 2500, reason: '订单已关闭，自动退款', status: 'succeeded', requestedBy: 'system' });
    expect(t.deliveries.filter((d) => d.url.endsWith('/refund-notify')).at(-1)?.status).toBe(204);
    expect((await historyRows(s.order.id)).every((h) => h.toStatus !== 'paid')).toBe(true);

    // WeChat repeating the payment notification: still one refund, still closed
    const lastPaymentNotice = t.deliveries.filter((d) => d.url.endsWith('/notify')).at(-1)!;
    expect((await postNotify(lastPaymentNotice)).statusCode).toBe(204);
    await t.sandbox.idle();
    expect(await refundRows(s.order.id)).toHaveLength(1);
    expect((await order(s.order.id)).refundedCents).toBe(2500);
  });

  it('a lost notification is recovered by asking the provider (pay/check)', async () => {
    const s = await studentWithOrder(t, 900);
    t.setMerchantDown(true);
    try {
      await payThroughCashier(s);
      expect((await order(s.order.id)).status).toBe('pending_payment');
    } finally {
      t.setMerchantDown(false);
    }
    const check = await s.client.post(`/api/orders/${s.order.orderNo}/pay/check`, {});
    expect(check.json()).toEqual({ status: 'paid' });
    await t.sandbox.idle(); // the sandbox's own retries arrive as duplicates
    expect(await paymentRows(s.order.id)).toHaveLength(1);
  });
});

describe('starting a payment', () => {
  it('only the owner, only a pending order; expired orders close; return paths stay on this site', async () => {
    const s = await studentWithOrder(t, 3000);
    const stranger = await studentWithOrder(t, 3000);
    const url = `/api/orders/${s.order.orderNo}/pay`;
    expect((await stranger.client.post(url, {})).statusCode).toBe(404);
    expect((await t.client().post(url, {})).statusCode).toBe(401);
    expect((await s.client.post(url, {}, { csrf: false })).statusCode).toBe(403);
    const evil = await s.client.post(url, { returnUrl: '//evil.example/x' });
    expect(evil.statusCode).toBe(400);
    expect(evil.json().error.code).toBe('RETURN_URL');
    const noBody = await s.client.post(url);
    expect(noBody.statusCode).toBe(200);
    expect(noBody.json().payUrl).toContain(`redirect_url=${encodeURIComponent(`/orders/${s.order.orderNo}`)}`);
    const ok = await s.client.post(url, { returnUrl: '/orders?tab=paid' });
    expect(ok.json().payUrl).toContain(`redirect_url=${encodeURIComponent('/orders?tab=paid')}`);

    await t.container.database.executeSql(`update orders set expires_at = now() - interval '1 minute' where id = $1`, [s.order.id]);
    const late = await s.client.post(url, {});
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toMatchObject({ code: 'ORDER_CLOSED', message: { zh: '订单已关闭，请重新下单' } });
    expect((await order(s.order.id)).status).toBe('closed');
  });

  it('closing at the provider before the close job: unpaid closes, paid is applied instead', async () => {
    const unpaid = await studentWithOrder(t, 500);
    await unpaid.client.post(`/api/orders/${unpaid.order.orderNo}/pay`, {});
    expect(await t.payments.reconcileBeforeClose(unpaid.order.orderNo)).toBe('unpaid');
    expect(await t.client0.queryByOutTradeNo(unpaid.order.orderNo)).toMatchObject({ trade_state: 'CLOSED' });
    const never = await studentWithOrder(t, 500);
    expect(await t.payments.reconcileBeforeClose(never.order.orderNo)).toBe('unpaid');

    const paid = await studentWithOrder(t, 500);
    t.setMerchantDown(true);
    try {
      await payThroughCashier(paid);
    } finally {
      t.setMerchantDown(false);
    }
    expect(await t.payments.reconcileBeforeClose(paid.order.orderNo)).toBe('paid');
    expect((await order(paid.order.id)).status).toBe('paid');
    await t.sandbox.idle();
  });
});

describe('refunds from the console', () => {
  it('partial then full: processing → REFUND.SUCCESS → refunded total; never more than paid', async () => {
    const s = await studentWithOrder(t, 3000);
    await payThroughCashier(s);
    const staff = { type: 'staff' as const, id: '00000000-0000-4000-8000-000000000001' };
    const first = await t.refunds.refund(s.order.id, 1000, '少印一版', staff);
    expect(first).toMatchObject({ status: 'processing', amountCents: 1000, requestedBy: `staff:${staff.id}` });
    await expect(t.refunds.refund(s.order.id, 2001, '超额', staff)).rejects.toMatchObject({ code: 'REFUND_EXCEEDS_PAID' });
    await t.sandbox.idle();
    expect((await t.repo.refundByNo(first.refundNo))!.status).toBe('succeeded');
    let o = await order(s.order.id);
    expect(o).toMatchObject({ status: 'paid', refundedCents: 1000 });

    await t.refunds.refund(s.order.id, 2000, '学生申请退款', staff);
    await t.sandbox.idle();
    o = await order(s.order.id);
    expect(o).toMatchObject({ status: 'refunded', refundedCents: 3000 });
    const history = await historyRows(s.order.id);
    expect(history.at(-1)).toMatchObject({ fromStatus: 'paid', toStatus: 'refunded', actorType: 'staff', actorId: staff.id });
    await expect(t.refunds.refund(s.order.id, 1, 'x', staff)).rejects.toMatchObject({ code: 'REFUND_NOT_ALLOWED' });

    // a replayed refund notification settles nothing twice
    const notice = t.deliveries.filter((d) => d.url.endsWith('/refund-notify')).at(-1)!;
    expect((await postNotify(notice, '/api/payments/wechat/refund-notify')).statusCode).toBe(204);
    expect((await order(s.order.id)).refundedCents).toBe(3000);
  });

  it('refuses unpaid orders and nonsense amounts', async () => {
    const s = await studentWithOrder(t, 3000);
    const staff = { type: 'staff' as const, id: null };
    await expect(t.refunds.refund(s.order.id, 100, 'x', staff)).rejects.toMatchObject({ code: 'REFUND_NOT_ALLOWED' });
    await expect(t.refunds.refund(s.order.id, 0, 'x', staff)).rejects.toMatchObject({ code: 'REFUND_AMOUNT' });
    await expect(t.refunds.refund(s.order.id, 10, '  ', staff)).rejects.toMatchObject({ code: 'REFUND_REASON' });
    const forged = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const res = await postNotify(
      craftNotification(t.keys, { eventType: 'REFUND.SUCCESS', summary: '退款成功', originalType: 'refund', resource: { mchid: t.keys.mchid } }, { platformKey: forged }),
      '/api/payments/wechat/refund-notify',
    );
    expect(res.statusCode).toBe(401);
  });
});
