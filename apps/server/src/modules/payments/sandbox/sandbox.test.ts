import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWechatPayClient, WechatPayApiError } from '../../../adapters/wechatpay/client.js';
import type { WechatOAuthError } from '../../../adapters/wechat-oauth/wechat-oauth.js';
import { createWechatOAuthClient } from '../../../adapters/wechat-oauth/wechat-oauth.js';
import { createPaymentProvider, paymentNotifyUrls } from '../payment-provider.js';
import { generateSandboxKeys, SANDBOX_KEYS_FILE, type SandboxKeys } from './sandbox-keys.js';
import { wechatSandboxRoutes } from './sandbox.routes.js';
import { createWechatSandbox, sandboxMpSecret, type WechatSandboxOptions } from './wechat-sandbox.js';

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
      const { h5Url } = await first.client!.prepayH5({ description: 'x', outTradeNo: '20240601120000999999', amountCents: 1, notifyUrl: config.notifyUrl, payerClientIp: '127.0.0.1' });
      expect(h5Url).toContain('/sandbox/wechatpay/cashier?prepay=');
      expect(existsSync(file)).toBe(true);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const second = createPaymentProvider(config);
      expect(second.client!.mchid).toBe(first.client!.mchid);
      expect(second.sandbox!.keys.apiV3Key).toBe(first.sandbox!.keys.apiV3Key);
      expect(second.sandbox!.keys.apiV3Key).toHaveLength(32);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

/** An OAuth client for the sandbox official account, reaching the sandbox routes through `app.inject`. */
function oauthClient(app: FastifyInstance, secret = sandboxMpSecret(keys)) {
  const injectFetch = (async (input: string | URL | Request) => {
    const u = new URL(String(input));
    const res = await app.inject({ url: u.pathname + u.search });
    return new Response(res.body, { status: res.statusCode, headers: { 'content-type': String(res.headers['content-type']) } });
  }) as typeof fetch;
  return createWechatOAuthClient({ appid: keys.appid, secret, authorizeBaseUrl: '/sandbox/wechat-mp', apiBaseUrl: 'http://localhost/sandbox/wechat-mp', fetch: injectFetch });
}
const CALLBACK = 'http://localhost/api/payments/wechat/oauth/callback';
const oauthErr = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as WechatOAuthError);
/** The sandbox WeChat user cookie an answer set (`name=value`). */
const userCookie = (res: { headers: Record<string, unknown> }) => String(res.headers['set-cookie']).split(';')[0]!;
/** The hidden fields of the authorize sheet, posted back (what the browser sends on 确认授权 / 拒绝). */
const sheetForm = (link: string) => {
  const q = new URL(link, 'http://localhost').searchParams;
  return new URLSearchParams(['appid', 'redirect_uri', 'response_type', 'scope', 'state'].map((k): [string, string] => [k, q.get(k) ?? ''])).toString();
};

describe('WeChat official-account OAuth sandbox', () => {
  it('authorize sheet → 确认授权 → back with a code and the state; the code works once (40163 after), like WeChat', async () => {
    const { app, sandbox } = await sandboxApp();
    current = app;
    const oauth = oauthClient(app);
    const link = oauth.authorizeUrl(`${CALLBACK}?from=order`, 'St4te0123');
    expect(link.endsWith('&state=St4te0123#wechat_redirect')).toBe(true);
    const page = await app.inject({ url: link.replace('#wechat_redirect', ''), headers: { host: 'localhost' } });
    expect(page.statusCode).toBe(200);
    for (const text of ['微信授权', '示范图像采集中心', '确认授权', '拒绝', 'openid', '沙箱 / sandbox']) expect(page.body).toContain(text);
    const cookie = userCookie(page);
    expect(cookie).toMatch(/^gp_sandbox_wx_user=[A-Za-z0-9_-]{16}$/);
    expect(String(page.headers['set-cookie'])).toContain('Path=/sandbox');

    const confirm = await app.inject({ method: 'POST', url: '/sandbox/wechat-mp/connect/oauth2/authorize/confirm', ...form(Object.fromEntries(new URLSearchParams(sheetForm(link)))), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, host: 'localhost' } });
    expect(confirm.statusCode).toBe(302);
    const back = new URL(String(confirm.headers.location));
    expect(back.origin + back.pathname).toBe(CALLBACK);
    expect(back.searchParams.get('from')).toBe('order');
    expect(back.searchParams.get('state')).toBe('St4te0123');
    const code = back.searchParams.get('code')!;
    expect(code).toMatch(/^[0-9A-Za-z]{32}$/);

    const identity = await oauth.exchangeCode(code);
    const userId = cookie.split('=')[1]!;
    expect(identity).toEqual({ openid: sandbox.mp.openidFor(userId), scope: 'snsapi_base', isSnapshotUser: false });
    expect(identity.openid).toMatch(/^o[A-Za-z0-9_-]{27}$/);
    expect(sandbox.mp.isOpenid(keys.appid, identity.openid)).toBe(true);
    expect(sandbox.mp.isOpenid('wx0000000000000000', identity.openid)).toBe(false);

    expect(await oauthErr(oauth.exchangeCode(code))).toMatchObject({ errcode: 40163, badCode: true });
    const unknown = await oauthErr(oauth.exchangeCode('0'.repeat(32)));
    expect(unknown).toMatchObject({ errcode: 40029 });
    expect(unknown!.errmsg).toMatch(/^invalid code, rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
    const raw = await app.inject({ url: `/sandbox/wechat-mp/sns/oauth2/access_token?appid=${keys.appid}&secret=${sandboxMpSecret(keys)}&code=x&grant_type=authorization_code` });
    expect(raw.statusCode).toBe(200); // WeChat answers errors with HTTP 200 too
    expect(raw.json()).toMatchObject({ errcode: 40029 });

    // a wrong secret; the same browser keeps its openid
    const code2 = sandbox.mp.issueCode(identity.openid);
    expect(await oauthErr(oauthClient(app, 'b'.repeat(32)).exchangeCode(code2))).toMatchObject({ errcode: 40125, badCode: false });
    const again = await app.inject({ url: link.replace('#wechat_redirect', ''), headers: { cookie, host: 'localhost' } });
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(again.body).toContain(identity.openid);
  });

  it('shows WeChat-style errors for links WeChat would refuse', async () => {
    const { app } = await sandboxApp();
    current = app;
    const good = { appid: keys.appid, redirect_uri: CALLBACK, response_type: 'code', scope: 'snsapi_base', state: 's1' };
    const open = (q: Record<string, string>) => app.inject({ url: `/sandbox/wechat-mp/connect/oauth2/authorize?${new URLSearchParams(q).toString()}`, headers: { host: 'localhost:3000' } });
    expect((await open(good)).statusCode).toBe(200);
    const cases: Array<[Record<string, string>, string]> = [
      [{ ...good, appid: 'wx0000000000000000' }, 'appid'],
      [{ ...good, redirect_uri: 'https://evil.example/cb' }, '10003'],
      [{ ...good, redirect_uri: '/api/payments/wechat/oauth/callback' }, '10003'],
      [{ ...good, scope: 'snsapi_login' }, '10005'],
      [{ ...good, response_type: 'token' }, 'response_type'],
      [{ ...good, state: 'a-b' }, 'state'],
    ];
    for (const [q, text] of cases) {
      const res = await open(q);
      expect(res.statusCode, JSON.stringify(q)).toBe(400);
      expect(res.body).toContain(text);
    }
    // 拒绝: back with the state and no code
    const deny = await app.inject({ method: 'POST', url: '/sandbox/wechat-mp/connect/oauth2/authorize/deny', ...form(good), headers: { 'content-type': 'application/x-www-form-urlencoded', host: 'localhost' } });
    expect(deny.statusCode).toBe(302);
    expect(deny.headers.location).toBe(`${CALLBACK}?state=s1`);
  });

  it('codes expire after 5 minutes (40029)', async () => {
    let clock = new Date('2025-06-01T08:00:00Z');
    const { app, sandbox } = await sandboxApp({ now: () => clock });
    current = app;
    const openid = sandbox.mp.openidFor('AAAAAAAAAAAAAAAA');
    const fresh = sandbox.mp.issueCode(openid);
    const stale = sandbox.mp.issueCode(openid);
    expect((await oauthClient(app).exchangeCode(fresh)).openid).toBe(openid);
    clock = new Date(clock.getTime() + 5 * 60_000 + 1);
    expect(await oauthErr(oauthClient(app).exchangeCode(stale))).toMatchObject({ errcode: 40029 });
  });
});

describe('JSAPI payment in the sandbox', () => {
  const jsapiOrder = (client: ReturnType<typeof httpClient>, openid: string, amountCents = 3000) =>
    client.prepayJsapi({ description: '学历照片采集', outTradeNo: `2024060112000000${String(++orderSeq).padStart(4, '0')}`, amountCents, notifyUrl: NOTIFY, payerOpenid: openid, appid: keys.appid });
  const payJsapi = (app: FastifyInstance, params: object, cookie?: string) =>
    app.inject({ method: 'POST', url: '/sandbox/wechatpay/jsapi/pay', payload: JSON.stringify(params), headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) } });

  it('prepay checks the merchant signature and that the openid belongs to the appid', async () => {
    const { app, sandbox } = await sandboxApp();
    current = app;
    const client = httpClient(app);
    await expect(jsapiOrder(client, 'oNotIssuedByThisAccount000000')).rejects.toMatchObject({ status: 400, code: 'PARAM_ERROR', message: expect.stringContaining('appid和openid不匹配') });
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const openid = sandbox.mp.openidFor('BBBBBBBBBBBBBBBB');
    await expect(jsapiOrder(httpClient(app, stranger.privateKey), openid)).rejects.toMatchObject({ status: 401, code: 'SIGN_ERROR' });
    const unsigned = await app.inject({ method: 'POST', url: '/sandbox/wechatpay/v3/pay/transactions/jsapi', payload: '{}', headers: { 'content-type': 'application/json' } });
    expect(unsigned.statusCode).toBe(401);
    const { prepayId } = await jsapiOrder(client, openid);
    expect(prepayId).toMatch(/^wx\d{14}[0-9a-f]+$/);
    // a JSAPI prepay id is not an H5 cashier link
    expect((await app.inject({ url: `/sandbox/wechatpay/cashier?prepay=${prepayId}` })).statusCode).toBe(404);
  });

  it('pays only with a paySign made by the merchant key, for the payer of the order; then the signed, encrypted notification', async () => {
    const { app, sandbox, received } = await sandboxApp();
    current = app;
    const client = httpClient(app);
    const userId = 'CCCCCCCCCCCCCCCC';
    const openid = sandbox.mp.openidFor(userId);
    const { prepayId } = await jsapiOrder(client, openid, 1800);
    const params = client.jsapiPayParams(prepayId, keys.appid);

    const info = await app.inject({ url: `/sandbox/wechatpay/jsapi/prepay?package=${encodeURIComponent(params.package)}` });
    expect(info.json()).toMatchObject({ merchantName: '示范图像采集中心', amountCents: 1800, description: '学历照片采集', state: 'NOTPAY' });
    expect((await app.inject({ url: '/sandbox/wechatpay/jsapi/prepay?package=prepay_id%3Dwx404' })).statusCode).toBe(404);

    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = createWechatPayClient({ baseUrl: 'http://x', mchid: keys.mchid, appid: keys.appid, merchantSerialNo: 'S', merchantPrivateKey: stranger.privateKey, platformKeys: new Map(), apiV3Key: keys.apiV3Key }).jsapiPayParams(prepayId);
    expect((await payJsapi(app, forged)).json()).toEqual({ err_msg: 'get_brand_wcpay_request:fail', err_desc: '支付验证签名失败' });
    expect((await payJsapi(app, { ...params, package: 'prepay_id=wx1' })).json()).toMatchObject({ err_desc: '支付验证签名失败' });
    expect((await payJsapi(app, { ...params, paySign: undefined })).json()).toMatchObject({ err_msg: 'get_brand_wcpay_request:fail' });
    expect((await payJsapi(app, 'not json' as unknown as object)).json()).toMatchObject({ err_msg: 'get_brand_wcpay_request:fail' });
    // another WeChat user's browser cannot pay this order
    expect((await payJsapi(app, params, 'gp_sandbox_wx_user=DDDDDDDDDDDDDDDD')).json()).toMatchObject({ err_desc: '当前微信用户与下单用户不一致' });
    expect(received).toHaveLength(0);

    expect((await payJsapi(app, params, `gp_sandbox_wx_user=${userId}`)).json()).toEqual({ err_msg: 'get_brand_wcpay_request:ok' });
    expect(received).toHaveLength(1);
    const opened = client.openTransactionNotification(received[0]!.headers, received[0]!.body);
    expect(opened.envelope.event_type).toBe('TRANSACTION.SUCCESS');
    expect(opened.resource).toMatchObject({ appid: keys.appid, mchid: keys.mchid, trade_type: 'JSAPI', trade_state: 'SUCCESS', payer: { openid }, amount: { total: 1800 } });
    // the sheet tapped twice: paid once, notified once
    expect((await payJsapi(app, params)).json()).toEqual({ err_msg: 'get_brand_wcpay_request:ok' });
    await sandbox.idle();
    expect(received).toHaveLength(1);
  });

  it('serves the WeixinJSBridge stand-in as a same-origin script', async () => {
    const { app } = await sandboxApp();
    current = app;
    const res = await app.inject({ url: '/sandbox/wechatpay/jsbridge.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/javascript');
    for (const text of ['window.WeixinJSBridge', 'getBrandWCPayRequest', 'WeixinJSBridgeReady', 'get_brand_wcpay_request:cancel', '"/sandbox/wechatpay"']) expect(res.body).toContain(text);
    expect(() => new Function(res.body)).not.toThrow();
  });
});
