import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedNotification } from '../../adapters/alipay/client.js';
import { alipayTime, verifyNotifySign } from '../../adapters/alipay/sign.js';
import { orderHistory, payments, refunds } from '../../db/schema.js';
import { createPaymentsTestApp, studentWithOrder, type PaymentsTestApp } from './test-kit.js';

let t: PaymentsTestApp;
beforeAll(async () => {
  t = await createPaymentsTestApp();
});
afterAll(() => t.close());

const NOTIFY = '/api/payments/alipay/notify';
const FORM = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
const db = () => t.container.database.db;
const paymentRows = (orderId: string) => db().select().from(payments).where(eq(payments.orderId, orderId));
const historyRows = (orderId: string) => db().select().from(orderHistory).where(eq(orderHistory.orderId, orderId));
const refundRows = (orderId: string) => db().select().from(refunds).where(eq(refunds.orderId, orderId));
const order = async (id: string) => (await t.container.ordersRepo.findById(id))!;
const alipayDeliveries = () => t.deliveries.filter((d) => d.url.endsWith(NOTIFY));
const staff = { type: 'staff' as const, id: '00000000-0000-4000-8000-000000000002' };
type Student = Awaited<ReturnType<typeof studentWithOrder>>;

/** A notification as Alipay would post it (signed with "Alipay's" key unless another is given). */
function notice(orderNo: string, totalAmount: string, over: Record<string, string> = {}, key = createPrivateKey(t.alipayKeys.alipayPrivateKeyPem)) {
  const fields = signedNotification(
    {
      notify_time: alipayTime(new Date()), notify_type: 'trade_status_sync', app_id: t.alipayKeys.appId, charset: 'utf-8', version: '1.0',
      trade_no: `2025060122001${Date.now()}${Math.floor(Math.random() * 100)}`, out_trade_no: orderNo, trade_status: 'TRADE_SUCCESS', total_amount: totalAmount,
      gmt_payment: '2025-06-01 12:00:00', seller_id: t.alipayKeys.sellerId, ...over,
    },
    key,
  );
  return new URLSearchParams(fields).toString();
}
const postNotify = (body: string) => t.app.inject({ method: 'POST', url: NOTIFY, headers: FORM, payload: body });

/** Student picks 支付宝: POST /pay → gateway.do (checks the RSA2 signature) → cashier → 确认付款 → notification → return_url. */
async function payWithAlipay(s: Student) {
  const start = await s.client.post(`/api/orders/${s.order.orderNo}/pay`, { method: 'alipay' });
  expect(start.statusCode).toBe(200);
  const payUrl = start.json<{ payUrl: string }>().payUrl;
  const gateway = await t.app.inject({ method: 'GET', url: payUrl });
  expect(gateway.statusCode).toBe(302);
  const cashier = await t.app.inject({ method: 'GET', url: gateway.headers.location as string });
  const token = new URL(gateway.headers.location as string, 'http://x').searchParams.get('token')!;
  const pay = await t.app.inject({ method: 'POST', url: '/sandbox/alipay/cashier/pay', headers: FORM, payload: `token=${token}` });
  return { payUrl, cashier, token, pay };
}

describe('paying an order with Alipay (手机网站支付) through the sandbox', () => {
  it('signed wap.pay link → cashier → pay → signed notification → paid once; the return carries a verifiable signature', async () => {
    const s = await studentWithOrder(t, 3000);
    const { payUrl, cashier, pay } = await payWithAlipay(s);
    const q = new URL(payUrl, 'http://x').searchParams;
    expect(payUrl.startsWith('/sandbox/alipay/gateway.do?')).toBe(true);
    expect(q.get('method')).toBe('alipay.trade.wap.pay');
    expect(q.get('app_id')).toBe(t.alipayKeys.appId);
    expect(q.get('sign_type')).toBe('RSA2');
    expect(q.get('notify_url')).toBe('http://localhost:3000/api/payments/alipay/notify');
    expect(q.get('return_url')).toBe(`http://localhost/orders/${s.order.orderNo}`);
    expect(JSON.parse(q.get('biz_content')!)).toMatchObject({ out_trade_no: s.order.orderNo, total_amount: '30.00', product_code: 'QUICK_WAP_WAY', subject: '示范图像采集中心-学历照片采集' });
    expect(cashier.statusCode).toBe(200);
    expect(cashier.body).toContain('<small>¥</small>30.00');
    expect(cashier.body).toContain('确认付款');

    expect(pay.statusCode).toBe(303);
    const back = new URL(pay.headers.location as string);
    expect(back.pathname).toBe(`/orders/${s.order.orderNo}`);
    expect(back.searchParams.get('method')).toBe('alipay.trade.wap.pay.return');
    expect(verifyNotifySign(Object.fromEntries(back.searchParams), createPublicKey(t.alipayKeys.alipayPublicKeyPem))).toBe(true);
    expect(alipayDeliveries().at(-1)).toMatchObject({ status: 200, answer: 'success' });
    expect(alipayDeliveries().at(-1)!.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);

    expect((await order(s.order.id)).status).toBe('paid');
    const rows = await paymentRows(s.order.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ provider: 'alipay', status: 'succeeded', amountCents: 3000, transactionId: back.searchParams.get('trade_no') });
    expect(rows[0]!.raw).not.toHaveProperty('sign');

    // Alipay re-sending the same notification: `success` again, nothing changes
    const replay = await postNotify(alipayDeliveries().at(-1)!.body);
    expect(replay.statusCode).toBe(200);
    expect(replay.body).toBe('success');
    expect(await paymentRows(s.order.id)).toHaveLength(1);
    expect((await historyRows(s.order.id)).filter((h) => h.toStatus === 'paid')).toHaveLength(1);
    // opening the link again shows it paid; paying again is refused before Alipay
    expect((await t.app.inject({ method: 'GET', url: payUrl })).body).toContain('交易已支付');
    expect((await s.client.post(`/api/orders/${s.order.orderNo}/pay`, { method: 'alipay' })).json().error.code).toBe('ORDER_PAID');
  });

  it('the gateway refuses a link whose parameters were changed after signing', async () => {
    const s = await studentWithOrder(t, 3000);
    const payUrl = (await s.client.post(`/api/orders/${s.order.orderNo}/pay`, { method: 'alipay' })).json<{ payUrl: string }>().payUrl;
    const tampered = payUrl.replace(encodeURIComponent('"total_amount":"30.00"'), encodeURIComponent('"total_amount":"0.01"'));
    expect(tampered).not.toBe(payUrl);
    const res = await t.app.inject({ method: 'GET', url: tampered });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('isv.invalid-signature');
  });

  describe('notifications that must change nothing', () => {
    it('a forged signature: 401 fail', async () => {
      const s = await studentWithOrder(t, 1500);
      const forger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
      const res = await postNotify(notice(s.order.orderNo, '15.00', {}, forger));
      expect([res.statusCode, res.body]).toEqual([401, 'fail']);
      // a genuine one changed after signing, and one without a signature
      const changed = notice(s.order.orderNo, '15.00').replace('TRADE_SUCCESS', 'TRADE_FINISHED');
      expect((await postNotify(changed)).statusCode).toBe(401);
      expect((await postNotify(`out_trade_no=${s.order.orderNo}&total_amount=15.00&trade_status=TRADE_SUCCESS`)).statusCode).toBe(401);
      expect((await order(s.order.id)).status).toBe('pending_payment');
      expect(await paymentRows(s.order.id)).toHaveLength(0);
    });

    it('the wrong amount, another app_id, an unknown order: refused; a trade not paid: acknowledged', async () => {
      const s = await studentWithOrder(t, 1500);
      expect(await postNotify(notice(s.order.orderNo, '0.01'))).toMatchObject({ statusCode: 400, body: 'fail' });
      expect(await postNotify(notice(s.order.orderNo, '15.00', { app_id: '2021999999999999' }))).toMatchObject({ statusCode: 400, body: 'fail' });
      expect(await postNotify(notice('29990101000000000000', '15.00'))).toMatchObject({ statusCode: 404, body: 'fail' });
      expect(await postNotify(notice(s.order.orderNo, '15.00', { trade_status: 'WAIT_BUYER_PAY' }))).toMatchObject({ statusCode: 200, body: 'success' });
      expect(await postNotify(notice(s.order.orderNo, '15.00', { trade_status: 'TRADE_CLOSED' }))).toMatchObject({ statusCode: 200, body: 'success' });
      expect((await order(s.order.id)).status).toBe('pending_payment');
      expect(await paymentRows(s.order.id)).toHaveLength(0);
      // the right one still works (TRADE_FINISHED counts as paid too)
      expect(await postNotify(notice(s.order.orderNo, '15.00', { trade_status: 'TRADE_FINISHED' }))).toMatchObject({ statusCode: 200, body: 'success' });
      expect((await order(s.order.id)).status).toBe('paid');
    });
  });

  it('a lost notification: the sandbox re-sends it, and 我已支付 asks alipay.trade.query meanwhile', async () => {
    const s = await studentWithOrder(t, 2000);
    t.setMerchantDown(true);
    try {
      const { pay } = await payWithAlipay(s);
      expect(pay.statusCode).toBe(303);
      expect((await order(s.order.id)).status).toBe('pending_payment');
      expect((await s.client.post(`/api/orders/${s.order.orderNo}/pay/check`, {})).json()).toEqual({ status: 'paid' });
    } finally {
      t.setMerchantDown(false);
    }
    await t.alipaySandbox.idle();
    expect(await paymentRows(s.order.id)).toHaveLength(1);
    expect(alipayDeliveries().at(-1)).toMatchObject({ status: 200, answer: 'success' });
  });

  it('the close job closes the trade at Alipay, so the open cashier can no longer pay', async () => {
    const s = await studentWithOrder(t, 2000);
    const payUrl = (await s.client.post(`/api/orders/${s.order.orderNo}/pay`, { method: 'alipay' })).json<{ payUrl: string }>().payUrl;
    const token = new URL((await t.app.inject({ method: 'GET', url: payUrl })).headers.location as string, 'http://x').searchParams.get('token')!;
    expect(await t.payments.reconcileBeforeClose(s.order.orderNo)).toBe('unpaid');
    const pay = await t.app.inject({ method: 'POST', url: '/sandbox/alipay/cashier/pay', headers: FORM, payload: `token=${token}` });
    expect(pay.statusCode).toBe(409);
    expect(pay.body).toContain('交易已经关闭');
    // an order never opened at Alipay closes just as well
    expect(await t.payments.reconcileBeforeClose((await studentWithOrder(t, 100)).order.orderNo)).toBe('unpaid');
  });

  it('a payment for a closed order is refunded through alipay.trade.refund (LATE<trade_no>), once', async () => {
    const s = await studentWithOrder(t, 2500);
    const payUrl = (await s.client.post(`/api/orders/${s.order.orderNo}/pay`, { method: 'alipay' })).json<{ payUrl: string }>().payUrl;
    const token = new URL((await t.app.inject({ method: 'GET', url: payUrl })).headers.location as string, 'http://x').searchParams.get('token')!;
    await t.container.ordersRepo.transition(s.order.id, ['pending_payment'], 'closed', { closedAt: new Date() }, { type: 'system' }, { code: 'payment_timeout' });
    expect((await t.app.inject({ method: 'POST', url: '/sandbox/alipay/cashier/pay', headers: FORM, payload: `token=${token}` })).statusCode).toBe(303);
    const closed = await order(s.order.id);
    expect(closed).toMatchObject({ status: 'closed', refundedCents: 2500 });
    const [payment] = await paymentRows(s.order.id);
    expect(payment).toMatchObject({ provider: 'alipay', status: 'refunded_late' });
    expect(await refundRows(s.order.id)).toMatchObject([{ refundNo: `LATE${payment!.transactionId}`, status: 'succeeded', amountCents: 2500 }]);
    expect(await postNotify(alipayDeliveries().at(-1)!.body)).toMatchObject({ statusCode: 200, body: 'success' });
    expect(await refundRows(s.order.id)).toHaveLength(1);
    expect(await t.refunds.syncRefund(`LATE${payment!.transactionId}`)).toMatchObject({ status: 'succeeded' });
  });
});

describe('refunds of Alipay payments from the console', () => {
  it('partial then full, answered at once; never more than paid; a repeated request number moves no money twice', async () => {
    const s = await studentWithOrder(t, 3000);
    await payWithAlipay(s);
    const first = await t.refunds.refund(s.order.id, 1000, '少印一版', staff);
    expect(first).toMatchObject({ status: 'succeeded', amountCents: 1000 });
    expect(await order(s.order.id)).toMatchObject({ status: 'paid', refundedCents: 1000 });
    await expect(t.refunds.refund(s.order.id, 2001, '超额', staff)).rejects.toMatchObject({ code: 'REFUND_EXCEEDS_PAID' });
    const rest = await t.refunds.refund(s.order.id, 2000, '学生申请退款', staff);
    expect(rest.status).toBe('succeeded');
    expect(await order(s.order.id)).toMatchObject({ status: 'refunded', refundedCents: 3000 });
    // Alipay's side: the same out_request_no again is fund_change N, and the query says REFUND_SUCCESS
    const again = await t.container.paymentProvider.alipay!.refund({ outTradeNo: s.order.orderNo, amountCents: 2000, outRequestNo: rest.refundNo, reason: 'x' });
    expect(again).toMatchObject({ fund_change: 'N', refund_fee: '30.00' });
    expect(await t.container.paymentProvider.alipay!.queryRefund(s.order.orderNo, rest.refundNo)).toMatchObject({ refund_status: 'REFUND_SUCCESS', refund_amount: '20.00' });
    expect((await t.container.paymentProvider.alipay!.query(s.order.orderNo))!.trade_status).toBe('TRADE_CLOSED');
  });
});
