import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWechatPayClient, WechatPayApiError } from '../../../adapters/wechatpay/client.js';
import { createPaymentProvider, paymentNotifyUrls } from '../payment-provider.js';
import { generateSandboxKeys, SANDBOX_KEYS_FILE, type SandboxKeys } from './sandbox-keys.js';
import { wechatSandboxRoutes } from './sandbox.routes.js';
import { createWechatSandbox, type WechatSandboxOptions } from './wechat-sandbox.js';

let keys: SandboxKeys;
beforeAll(() => {
  keys = generateSandboxKeys();
});

interface Received {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A bare app: the sandbox routes plus a merchant notify stub that answers `answers` in turn (then 204). */
async function sandboxApp(opts: Partial<WechatSandboxOptions> = {}, answers: number[] = []) {
  const sandbox = createWechatSandbox({ keys, merchantName: '示范图像采集中心', retryDelaysMs: [10, 20, 40], refundDelayMs: 10, ...opts });
  const app = Fastify();
  const received: Received[] = [];
  await app.register(wechatSandboxRoutes, { sandbox });
  await app.register(async (merchant) => {
    merchant.removeAllContentTypeParsers();
    merchant.addContentTypeParser('*', { parseAs: 'string' }, (_r, body, done) => done(null, body));
    for (const url of ['/api/payments/wechat/notify', '/api/payments/wechat/refund-notify']) {
      merchant.post(url, async (request, reply) => {
        received.push({ url, headers: request.headers as Record<string, string>, body: request.body as string });
        return reply.status(answers.shift() ?? 204).send();
      });
    }
  });
  return { sandbox, app, received };
}

/** A merchant client that reaches the sandbox's HTTP routes through `app.inject` (the real route path). */
function httpClient(app: FastifyInstance, privateKeyPem = keys.merchantPrivateKeyPem) {
  const injectFetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const u = new URL(String(input));
    const res = await app.inject({ method: (init?.method ?? 'GET') as 'GET' | 'POST', url: u.pathname + u.search, headers: Object.fromEntries(new Headers(init?.headers).entries()), payload: typeof init?.body === 'string' ? init.body : undefined });
    const headers = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, String(v)]));
    return new Response(res.statusCode === 204 ? null : res.body, { status: res.statusCode, headers });
  }) as typeof fetch;
  return createWechatPayClient({
    baseUrl: 'http://localhost/sandbox/wechatpay',
    fetch: injectFetch,
    mchid: keys.mchid,
    appid: keys.appid,
    merchantSerialNo: keys.merchantSerialNo,
    merchantPrivateKey: createPrivateKey(privateKeyPem),
    platformKeys: new Map([[keys.platformSerial, createPublicKey(keys.platformPublicKeyPem)]]),
    apiV3Key: keys.apiV3Key,
  });
}

const NOTIFY = 'http://localhost:3000/api/payments/wechat/notify';
let orderSeq = 0;
const prepay = (client: ReturnType<typeof httpClient>, amountCents = 3000, timeExpire?: Date) =>
  client.prepayH5({ description: '学历照片采集', outTradeNo: `2024060112000000${String(++orderSeq).padStart(4, '0')}`, amountCents, notifyUrl: NOTIFY, payerClientIp: '127.0.0.1', ...(timeExpire ? { timeExpire } : {}) });
const prepayId = (h5Url: string) => new URL(h5Url, 'http://x').searchParams.get('prepay')!;
const form = (fields: Record<string, string>) => ({ payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

let current: FastifyInstance | null = null;
afterEach(async () => {
  await current?.close();
  current = null;
});

describe('WeChat Pay sandbox', () => {
  it('takes a payment end to end: prepay → cashier → 确认支付 → signed, encrypted v3 notification → query SUCCESS', async () => {
    const { app, sandbox, received } = await sandboxApp();
    current = app;
    const client = httpClient(app);
    const { h5Url } = await prepay(client);
    expect(h5Url).toMatch(/^\/sandbox\/wechatpay\/cashier\?prepay=wx\d{14}[0-9a-f]+$/);
    const outTradeNo = `2024060112000000${String(orderSeq).padStart(4, '0')}`;
    expect(await client.queryByOutTradeNo(outTradeNo)).toMatchObject({ trade_state: 'NOTPAY', amount: { total: 3000 } });

    const page = await app.inject({ url: `${h5Url}&redirect_url=${encodeURIComponent('/orders/1?x=1')}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    for (const text of ['微信支付', '示范图像采集中心', '<small>¥</small>30.00', '确认支付', '取消', '沙箱 / sandbox', 'no real money']) expect(page.body).toContain(text);

    const confirm = await app.inject({ method: 'POST', url: '/sandbox/wechatpay/cashier/confirm', ...form({ prepay: prepayId(h5Url), redirect_url: '/orders/1?x=1' }) });
    expect(confirm.statusCode).toBe(303);
    expect(confirm.headers.location).toBe('/orders/1?x=1');
    expect(received).toHaveLength(1);
    const n = received[0]!;
    expect(n.headers['content-type']).toBe('application/json');
    expect(n.headers['wechatpay-serial']).toBe(keys.platformSerial);
    const envelope = JSON.parse(n.body);
    expect(envelope).toMatchObject({ event_type: 'TRANSACTION.SUCCESS', resource_type: 'encrypt-resource', summary: '支付成功', resource: { algorithm: 'AEAD_AES_256_GCM', original_type: 'transaction', associated_data: 'transaction' } });
    expect(envelope.resource.ciphertext).not.toContain(outTradeNo);
    const opened = client.openTransactionNotification(n.headers, n.body);
    expect(opened.resource).toMatchObject({ mchid: keys.mchid, appid: keys.appid, out_trade_no: outTradeNo, trade_state: 'SUCCESS', amount: { total: 3000, payer_total: 3000, currency: 'CNY' } });
    expect(opened.resource.transaction_id).toMatch(/^4200\d{24}$/);
    expect(opened.resource.success_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    expect(await client.queryByOutTradeNo(outTradeNo)).toMatchObject({ trade_state: 'SUCCESS', transaction_id: opened.resource.transaction_id });

    // a double click on 确认支付 pays once and notifies once
    const again = await app.inject({ method: 'POST', url: '/sandbox/wechatpay/cashier/confirm', ...form({ prepay: prepayId(h5Url) }) });
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('支付成功');
    await sandbox.idle();
    expect(received).toHaveLength(1);
    await expect(prepay(client)).resolves.toBeTruthy(); // other orders still work
  });

  it('refuses requests not signed with the merchant key', async () => {
    const { app } = await sandboxApp();
    current = app;
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const err = await prepay(httpClient(app, stranger.privateKey)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WechatPayApiError);
    expect(err).toMatchObject({ status: 401, code: 'SIGN_ERROR' });
    const unsigned = await app.inject({ method: 'POST', url: '/sandbox/wechatpay/v3/pay/transactions/h5', payload: '{}', headers: { 'content-type': 'application/json' } });
    expect(unsigned.statusCode).toBe(401);
    expect(unsigned.json()).toMatchObject({ code: 'SIGN_ERROR' });
  });

  it('re-sends a notification the merchant does not acknowledge, signed afresh each time', async () => {
    const { app, sandbox, received } = await sandboxApp({}, [500, 503]);
    current = app;
    const client = httpClient(app);
    const { h5Url } = await prepay(client, 100);
    await app.inject({ method: 'POST', url: '/sandbox/wechatpay/cashier/confirm', ...form({ prepay: prepayId(h5Url) }) });
    await sandbox.idle();
    expect(received).toHaveLength(3);
    expect(new Set(received.map((r) => r.body)).size).toBe(1);
    expect(new Set(received.map((r) => r.headers['wechatpay-nonce'])).size).toBe(3);
    for (const r of received) expect(client.openTransactionNotification(r.headers, r.body).resource.amount?.total).toBe(100);
  });

  it('gives up after the last retry', async () => {
    const { app, sandbox, received } = await sandboxApp({ retryDelaysMs: [5, 5] }, [500, 500, 500, 500]);
    current = app;
    const { h5Url } = await prepay(httpClient(app), 100);
    await app.inject({ method: 'POST', url: '/sandbox/wechatpay/cashier/confirm', ...form({ prepay: prepayId(h5Url) }) });
    await sandbox.idle();
    expect(received).toHaveLength(3);
  });

  it('closes orders, and will not take payment for a closed or expired one', async () => {
    const { app, received } = await sandboxApp();
    current = app;
    const client = httpClient(app);
    const { h5Url } = await prepay(client);
    const outTradeNo = `2024060112000000${String(orderSeq).padStart(4, '0')}`;
    await client.closeOrder(outTradeNo);
    expect(await client.queryByOutTradeNo(outTradeNo)).toMatchObject({ trade_state: 'CLOSED' });
    const page = await app.inject({ url: h5Url });
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain('订单已关闭');
    const confirm = await app.inject({ method: 'POST', url: '/sandbox/wechatpay/cashier/confirm', ...form({ prepay: prepayId(h5Url) }) });
    expect(confirm.statusCode).toBe(409);
    await expect(client.prepayH5({ description: 'x', outTradeNo, amountCents: 3000, notifyUrl: NOTIFY, payerClientIp: '1.1.1.1' })).rejects.toMatchObject({ code: 'ORDER_CLOSED' });
    await expect(prepay(client, 100, new Date(Date.now() - 1000))).rejects.toMatchObject({ code: 'ORDER_CLOSED' });
    expect(received).toHaveLength(0);
    const unknown = await app.inject({ url: '/sandbox/wechatpay/cashier?prepay=wx123' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('支付链接无效');
  });

  it('refunds: PROCESSING, then a REFUND.SUCCESS notification; one refund per out_refund_no; never more than paid', async () => {
    const { app, sandbox, received } = await sandboxApp();
    current = app;
    const client = httpClient(app);
    const { h5Url } = await prepay(client, 3000);
    await app.inject({ method: 'POST', url: '/sandbox/wechatpay/cashier/confirm', ...form({ prepay: prepayId(h5Url) }) });
    const tx = client.openTransactionNotification(received[0]!.headers, received[0]!.body).resource;
    const input = { outRefundNo: 'RF1', transactionId: tx.transaction_id!, reason: '学生申请退款', amountCents: 1000, totalCents: 3000, notifyUrl: 'http://localhost:3000/api/payments/wechat/refund-notify' };
    const first = await client.refund(input);
    expect(first).toMatchObject({ out_refund_no: 'RF1', out_trade_no: tx.out_trade_no, status: 'PROCESSING', amount: { refund: 1000, total: 3000 } });
    expect((await client.refund(input)).refund_id).toBe(first.refund_id);
    await expect(client.refund({ ...input, outRefundNo: 'RF2', amountCents: 2001 })).rejects.toMatchObject({ code: 'NOT_ENOUGH' });
    await sandbox.idle();
    const notices = received.filter((r) => r.url.endsWith('/refund-notify'));
    expect(notices).toHaveLength(1);
    const notice = client.openRefundNotification(notices[0]!.headers, notices[0]!.body);
    expect(notice.envelope.event_type).toBe('REFUND.SUCCESS');
    expect(notice.resource).toMatchObject({ out_refund_no: 'RF1', refund_status: 'SUCCESS', refund_id: first.refund_id, amount: { refund: 1000, total: 3000 } });
    expect(await client.queryRefund('RF1')).toMatchObject({ status: 'SUCCESS' });
    expect(await client.queryRefund('RF404')).toBeNull();
    expect(await client.queryByOutTradeNo(tx.out_trade_no)).toMatchObject({ trade_state: 'REFUND' });
  });

  it('sends the payer back only into this app (no open redirect)', async () => {
    const { app } = await sandboxApp({ publicBaseUrl: 'https://photo.example.edu' });
    current = app;
    const { h5Url } = await prepay(httpClient(app), 100);
    expect(h5Url.startsWith('https://photo.example.edu/sandbox/wechatpay/cashier?prepay=')).toBe(true);
    const id = prepayId(h5Url);
    const evil = await app.inject({ method: 'POST', url: '/sandbox/wechatpay/cashier/cancel', ...form({ prepay: id, redirect_url: 'https://evil.example/' }) });
    expect(evil.statusCode).toBe(200);
    expect(evil.body).toContain('已取消支付');
    const same = await app.inject({ method: 'POST', url: '/sandbox/wechatpay/cashier/cancel', ...form({ prepay: id, redirect_url: 'https://photo.example.edu/orders/1' }) });
    expect(same.headers.location).toBe('https://photo.example.edu/orders/1');
    const slashes = await app.inject({ method: 'POST', url: '/sandbox/wechatpay/cashier/confirm', ...form({ prepay: id, redirect_url: '//evil.example/x' }) });
    expect(slashes.statusCode).toBe(200);
  });
});

describe('sandbox keys', () => {
  it('are made on first use into <DATA_DIR>/payment-sandbox.json (0600) and reused after a restart', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gp-pay-keys-'));
    try {
      const config = { provider: 'sandbox' as const, dataDir, merchantName: '示范图像采集中心', ...paymentNotifyUrls(undefined, 3000) };
      const first = createPaymentProvider(config);
      const file = path.join(dataDir, SANDBOX_KEYS_FILE);
      expect(existsSync(file)).toBe(false);
      const { h5Url } = await first.client.prepayH5({ description: 'x', outTradeNo: '20240601120000999999', amountCents: 1, notifyUrl: config.notifyUrl, payerClientIp: '127.0.0.1' });
      expect(h5Url).toContain('/sandbox/wechatpay/cashier?prepay=');
      expect(existsSync(file)).toBe(true);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const second = createPaymentProvider(config);
      expect(second.client.mchid).toBe(first.client.mchid);
      expect(second.sandbox!.keys.apiV3Key).toBe(first.sandbox!.keys.apiV3Key);
      expect(second.sandbox!.keys.apiV3Key).toHaveLength(32);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
