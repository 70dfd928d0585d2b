import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StartJsapiPaymentResponse } from '@gradphoto/contracts/payments';
import { WechatOAuthError, type WechatOAuthClient } from '../../adapters/wechat-oauth/wechat-oauth.js';
import { verifyJsapiPaySign } from '../../adapters/wechatpay/crypto.js';
import { orderHistory, payments, wechatOauthStates, wechatOpenids } from '../../db/schema.js';
import type { InjectClient } from '../../test/harness.js';
import { createPaymentsService } from './payments.service.js';
import { craftNotification, createPaymentsTestApp, studentWithOrder, transactionResource, type PaymentsTestApp } from './test-kit.js';
import { createWechatOAuthRepo } from './wechat-oauth.repo.js';
import { createWechatOAuthService } from './wechat-oauth.service.js';

let t: PaymentsTestApp;
beforeAll(async () => {
  t = await createPaymentsTestApp();
});
afterAll(() => t.close());

const db = () => t.container.database.db;
const openidRows = (studentId: string) => db().select().from(wechatOpenids).where(eq(wechatOpenids.studentId, studentId));
const paymentRows = (orderId: string) => db().select().from(payments).where(eq(payments.orderId, orderId));
const historyRows = (orderId: string) => db().select().from(orderHistory).where(eq(orderHistory.orderId, orderId));
const order = async (id: string) => (await t.container.ordersRepo.findById(id))!;
const FORM = 'application/x-www-form-urlencoded';
type Student = Awaited<ReturnType<typeof studentWithOrder>>;

const startJsapi = async (s: Student) => {
  const res = await s.client.post(`/api/orders/${s.order.orderNo}/pay/jsapi`, {});
  expect(res.statusCode, res.body).toBe(200);
  return res.json<StartJsapiPaymentResponse>();
};

/** The browser at WeChat's authorize sheet: 确认授权 → the callback URL WeChat sends it to (path and query). */
async function authorizeAtSandbox(client: InjectClient, authorizeUrl: string): Promise<{ callback: string; code: string; state: string }> {
  expect(authorizeUrl.endsWith('#wechat_redirect')).toBe(true);
  const link = authorizeUrl.slice(0, -'#wechat_redirect'.length);
  const sheet = await client.get(link);
  expect(sheet.statusCode).toBe(200);
  expect(sheet.body).toContain('确认授权');
  const q = new URL(link, 'http://localhost').searchParams;
  const form = new URLSearchParams(['appid', 'redirect_uri', 'response_type', 'scope', 'state'].map((k): [string, string] => [k, q.get(k) ?? ''])).toString();
  const confirm = await client.post('/sandbox/wechat-mp/connect/oauth2/authorize/confirm', form, { csrf: false, contentType: FORM });
  expect(confirm.statusCode).toBe(302);
  const back = new URL(String(confirm.headers.location));
  return { callback: back.pathname + back.search, code: back.searchParams.get('code')!, state: back.searchParams.get('state')! };
}

const callbackUrl = (code: string | null, state: string) => `/api/payments/wechat/oauth/callback?${new URLSearchParams({ ...(code === null ? {} : { code }), state }).toString()}`;

/** Follows the callback as the browser; answers where it was sent. */
const followCallback = async (client: InjectClient, url: string) => {
  const res = await client.get(url);
  expect(res.statusCode).toBe(302);
  expect(res.headers['cache-control']).toBe('no-store');
  return String(res.headers.location);
};

describe('JSAPI payment inside WeChat (sandbox, real PGlite)', () => {
  it('authorises once (snsapi_base), keeps the openid, pays through JSAPI; only the notification marks the order paid', async () => {
    const s = await studentWithOrder(t, 3000);
    const first = await startJsapi(s);
    expect(first.action).toBe('authorize');
    if (first.action !== 'authorize') return;
    expect(first.authorizeUrl).toMatch(
      new RegExp(
        `^/sandbox/wechat-mp/connect/oauth2/authorize\\?appid=${t.keys.appid}&redirect_uri=${encodeURIComponent('http://localhost:80/api/payments/wechat/oauth/callback')}&response_type=code&scope=snsapi_base&state=[0-9a-f]{72}#wechat_redirect$`,
      ),
    );
    const state = new URL(first.authorizeUrl, 'http://x').searchParams.get('state')!;
    const [stateRow] = await db().select().from(wechatOauthStates).where(eq(wechatOauthStates.nonce, state.slice(0, 32)));
    expect(stateRow).toMatchObject({ returnPath: `/orders/${s.order.orderNo}`, usedAt: null });

    const { callback } = await authorizeAtSandbox(s.client, first.authorizeUrl);
    expect(await followCallback(s.client, callback)).toBe(`/orders/${s.order.orderNo}?wxauth=ok`);
    const [row] = await openidRows(s.studentId);
    expect(row).toMatchObject({ appid: t.keys.appid });
    expect(t.sandbox.mp.isOpenid(t.keys.appid, row!.openid)).toBe(true);

    const second = await startJsapi(s);
    expect(second.action).toBe('invoke');
    if (second.action !== 'invoke') return;
    expect(second.bridgeScript).toBe('/sandbox/wechatpay/jsbridge.js');
    expect(second.params).toMatchObject({ appId: t.keys.appid, signType: 'RSA' });
    expect(second.params.package).toMatch(/^prepay_id=wx\w+$/);
    expect(second.params.timeStamp).toMatch(/^\d{10}$/);
    expect(verifyJsapiPaySign(second.params, createPublicKey(t.keys.merchantPublicKeyPem))).toBe(true);
    expect((await order(s.order.id)).status).toBe('pending_payment');
    expect(await t.client0.queryByOutTradeNo(s.order.orderNo)).toMatchObject({ trade_state: 'NOTPAY' });

    // the student taps 支付 in WeChat's sheet: WeChat checks paySign, pays, notifies
    const paid = await s.client.post('/sandbox/wechatpay/jsapi/pay', JSON.stringify(second.params), { csrf: false, contentType: 'application/json' });
    expect(paid.json()).toEqual({ err_msg: 'get_brand_wcpay_request:ok' });
    expect(t.deliveries.at(-1)).toMatchObject({ url: 'http://localhost:3000/api/payments/wechat/notify', status: 204 });
    const o = await order(s.order.id);
    expect(o.status).toBe('paid');
    const rows = await paymentRows(s.order.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ provider: 'sandbox', status: 'succeeded', amountCents: 3000 });
    expect(rows[0]!.raw).toMatchObject({ trade_type: 'JSAPI', payer: { openid: row!.openid } });
    expect((await s.client.post(`/api/orders/${s.order.orderNo}/pay/check`, {})).json()).toEqual({ status: 'paid' });
    const again = await s.client.post(`/api/orders/${s.order.orderNo}/pay/jsapi`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ORDER_PAID');

    // the same notification again: acknowledged, nothing changes
    const replay = await t.app.inject({ method: 'POST', url: '/api/payments/wechat/notify', headers: t.deliveries.at(-1)!.headers, payload: t.deliveries.at(-1)!.body });
    expect(replay.statusCode).toBe(204);
    expect(await paymentRows(s.order.id)).toHaveLength(1);
    expect((await historyRows(s.order.id)).filter((h) => h.toStatus === 'paid')).toHaveLength(1);
  });

  it('the callback refuses replayed, forged and other sessions’ states, and bad or reused codes; nothing is stored then', async () => {
    const s = await studentWithOrder(t, 1000);
    const other = await studentWithOrder(t, 1000);
    const orderPage = `/orders/${s.order.orderNo}`;

    // a state another session made is not this session's (HMAC), and stays usable by its owner
    const a = await startJsapi(s);
    if (a.action !== 'authorize') throw new Error('expected authorize');
    const got = await authorizeAtSandbox(s.client, a.authorizeUrl);
    expect(await followCallback(other.client, got.callback)).toBe('/?wxauth=state');
    expect(await followCallback(t.client('10.9.9.9'), got.callback)).toBe('/?wxauth=state'); // no session at all
    // forged: one hex digit changed
    const flipped = got.state.slice(0, -1) + (got.state.endsWith('0') ? '1' : '0');
    expect(await followCallback(s.client, callbackUrl(got.code, flipped))).toBe('/?wxauth=state');
    expect(await followCallback(s.client, callbackUrl(got.code, 'not-a-state'))).toBe('/?wxauth=state');
    expect(await openidRows(s.studentId)).toHaveLength(0);

    // a bad code with a good state: WeChat says 40029; the state is spent
    expect(await followCallback(s.client, callbackUrl('0'.repeat(32), got.state))).toBe(`${orderPage}?wxauth=code`);
    // replaying the state (even with its real code) is refused
    expect(await followCallback(s.client, got.callback)).toBe(`${orderPage}?wxauth=state`);
    expect(await openidRows(s.studentId)).toHaveLength(0);

    // a good round trip, then its code again under a fresh state: WeChat says 40163 (code been used)
    const b = await startJsapi(s);
    if (b.action !== 'authorize') throw new Error('expected authorize');
    const ok = await authorizeAtSandbox(s.client, b.authorizeUrl);
    const c = await startJsapi(s); // the student taps 支付 in another tab before the first callback lands
    if (c.action !== 'authorize') throw new Error('expected authorize');
    expect(await followCallback(s.client, ok.callback)).toBe(`${orderPage}?wxauth=ok`);
    const cState = new URL(c.authorizeUrl, 'http://x').searchParams.get('state')!;
    expect(await followCallback(s.client, callbackUrl(ok.code, cState))).toBe(`${orderPage}?wxauth=code`);

    // back without a code (refused at the sheet)
    const d = await startJsapi(other);
    if (d.action !== 'authorize') throw new Error('expected authorize');
    const dState = new URL(d.authorizeUrl, 'http://x').searchParams.get('state')!;
    expect(await followCallback(other.client, callbackUrl(null, dState))).toBe(`/orders/${other.order.orderNo}?wxauth=denied`);
    expect(await openidRows(other.studentId)).toHaveLength(0);

    // an absurdly long state is a 400, not a redirect
    expect((await s.client.get(callbackUrl('x', 'a'.repeat(300)))).statusCode).toBe(400);
  });

  it('an openid the provider refuses is forgotten and the student authorises again', async () => {
    const s = await studentWithOrder(t, 700);
    await db().insert(wechatOpenids).values({ studentId: s.studentId, appid: t.keys.appid, openid: 'oNotFromThisOfficialAccount0' });
    const res = await startJsapi(s);
    expect(res.action).toBe('authorize');
    expect(await openidRows(s.studentId)).toHaveLength(0);
  });

  it('forged and replayed JSAPI notifications are still rejected; another appid is refused', async () => {
    const s = await studentWithOrder(t, 2200);
    const resource = { ...transactionResource(t.keys, s.order.orderNo, 2200), trade_type: 'JSAPI', payer: { openid: t.sandbox.mp.openidFor('EEEEEEEEEEEEEEEE') } };
    const event = (r: object) => ({ eventType: 'TRANSACTION.SUCCESS' as const, summary: '支付成功' as const, originalType: 'transaction' as const, resource: r as Record<string, unknown> });
    const post = (n: { headers: Record<string, string>; body: string }) => t.app.inject({ method: 'POST', url: '/api/payments/wechat/notify', headers: n.headers, payload: n.body });

    const forged = await post(craftNotification(t.keys, event(resource), { platformKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey }));
    expect(forged.statusCode).toBe(401);
    const stale = await post(craftNotification(t.keys, event(resource), { now: new Date(Date.now() - 6 * 60_000) }));
    expect(stale.statusCode).toBe(401);
    const foreign = await post(craftNotification(t.keys, event({ ...resource, appid: 'wx9999999999999999' })));
    expect(foreign.statusCode).toBe(400);
    expect((await order(s.order.id)).status).toBe('pending_payment');

    const genuine = craftNotification(t.keys, event(resource));
    expect((await post(genuine)).statusCode).toBe(204);
    expect((await post(genuine)).statusCode).toBe(204);
    expect((await order(s.order.id)).status).toBe('paid');
    expect(await paymentRows(s.order.id)).toHaveLength(1);
  });

  it('needs the owner’s session and a CSRF token; closed orders and unsafe return paths are refused', async () => {
    const s = await studentWithOrder(t, 500);
    const stranger = await studentWithOrder(t, 500);
    const url = `/api/orders/${s.order.orderNo}/pay/jsapi`;
    expect((await t.client().post(url, {})).statusCode).toBe(401);
    expect((await s.client.post(url, {}, { csrf: false })).statusCode).toBe(403);
    expect((await stranger.client.post(url, {})).statusCode).toBe(404);
    const evil = await s.client.post(url, { returnUrl: '//evil.example/x' });
    expect(evil.json().error.code).toBe('RETURN_URL');
    const custom = await s.client.post(url, { returnUrl: '/orders?tab=pending_payment' });
    const state = new URL(custom.json<{ authorizeUrl: string }>().authorizeUrl, 'http://x').searchParams.get('state')!;
    const [row] = await db().select().from(wechatOauthStates).where(eq(wechatOauthStates.nonce, state.slice(0, 32)));
    expect(row!.returnPath).toBe('/orders?tab=pending_payment');
    await t.container.database.executeSql(`update orders set expires_at = now() - interval '1 minute' where id = $1`, [s.order.id]);
    const late = await s.client.post(url, {});
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('ORDER_CLOSED');
  });
});

describe('WeChat OAuth service (real PGlite, fake WeChat)', () => {
  const SESSION = 'a'.repeat(64);
  function service(oauth: Pick<WechatOAuthClient, 'appid' | 'authorizeUrl' | 'exchangeCode'> | null, clock: { now: Date }, publicUrl?: string) {
    return createWechatOAuthService({ repo: createWechatOAuthRepo(db()), oauth, secret: 's'.repeat(32), now: () => clock.now, ...(publicUrl ? { publicUrl } : {}) });
  }
  const fakeWechat = (answer: () => Promise<{ openid: string; scope: string; isSnapshotUser: boolean }>) => ({
    appid: 'wx1234567890abcdef',
    authorizeUrl: (redirect: string, state: string) => `https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx1234567890abcdef&redirect_uri=${encodeURIComponent(redirect)}&response_type=code&scope=snsapi_base&state=${state}#wechat_redirect`,
    exchangeCode: answer,
  });
  const stateOf = (url: string) => new URL(url).searchParams.get('state')!;

  it('states expire after 10 minutes; the callback URL is on PUBLIC_URL when set', async () => {
    const s = await studentWithOrder(t, 100);
    const clock = { now: new Date() };
    const svc = service(fakeWechat(async () => ({ openid: 'oX', scope: 'snsapi_base', isSnapshotUser: false })), clock, 'https://photo.example.edu/app');
    const url = await svc.beginAuthorization({ sessionId: SESSION, returnPath: '/orders/1', origin: 'http://ignored:1' });
    expect(new URL(url).searchParams.get('redirect_uri')).toBe('https://photo.example.edu/api/payments/wechat/oauth/callback');
    clock.now = new Date(clock.now.getTime() + 10 * 60_000 + 1000);
    expect(await svc.completeAuthorization({ sessionId: SESSION, studentId: s.studentId, code: 'c', state: stateOf(url) })).toBe('/orders/1?wxauth=expired');
    expect(await openidRows(s.studentId)).toHaveLength(0);
    // within the time it works, once
    const fresh = await svc.beginAuthorization({ sessionId: SESSION, returnPath: '/orders/1?x=1', origin: 'http://ignored:1' });
    expect(await svc.completeAuthorization({ sessionId: SESSION, studentId: s.studentId, code: 'c', state: stateOf(fresh) })).toBe('/orders/1?x=1&wxauth=ok');
    expect(await svc.openidFor(s.studentId)).toBe('oX');
    expect(await svc.completeAuthorization({ sessionId: SESSION, studentId: s.studentId, code: 'c', state: stateOf(fresh) })).toBe('/orders/1?x=1&wxauth=state');
  });

  it('snapshot users, unreachable WeChat and refused codes store nothing; a new openid replaces the old', async () => {
    const s = await studentWithOrder(t, 100);
    const clock = { now: new Date() };
    let answer: () => Promise<{ openid: string; scope: string; isSnapshotUser: boolean }> = async () => ({ openid: 'oSnap', scope: 'snsapi_base', isSnapshotUser: true });
    const svc = service(fakeWechat(() => answer()), clock);
    const round = async () => {
      const url = await svc.beginAuthorization({ sessionId: SESSION, returnPath: '/orders/2', origin: 'http://localhost:3000' });
      expect(new URL(url).searchParams.get('redirect_uri')).toBe('http://localhost:3000/api/payments/wechat/oauth/callback');
      return svc.completeAuthorization({ sessionId: SESSION, studentId: s.studentId, code: 'c', state: stateOf(url) });
    };
    expect(await round()).toBe('/orders/2?wxauth=snapshot');
    answer = async () => {
      throw new WechatOAuthError(-1, 'unreachable: TimeoutError');
    };
    expect(await round()).toBe('/orders/2?wxauth=unavailable');
    answer = async () => {
      throw new WechatOAuthError(40125, 'invalid appsecret');
    };
    expect(await round()).toBe('/orders/2?wxauth=unavailable');
    answer = async () => {
      throw new WechatOAuthError(40163, 'code been used');
    };
    expect(await round()).toBe('/orders/2?wxauth=code');
    expect(await openidRows(s.studentId)).toHaveLength(0);
    answer = async () => ({ openid: 'oFirst', scope: 'snsapi_base', isSnapshotUser: false });
    expect(await round()).toBe('/orders/2?wxauth=ok');
    answer = async () => ({ openid: 'oSecond', scope: 'snsapi_base', isSnapshotUser: false });
    expect(await round()).toBe('/orders/2?wxauth=ok');
    expect((await openidRows(s.studentId)).map((r) => r.openid)).toEqual(['oSecond']);
  });

  it('without an official account JSAPI is unavailable (a clear 409), and no state is handed out', async () => {
    const s = await studentWithOrder(t, 100);
    const none = service(null, { now: new Date() });
    expect(none.available).toBe(false);
    const svc = createPaymentsService({
      orders: t.container.orders,
      repo: t.repo,
      refunds: t.refunds,
      wechat: t.client0,
      methods: ['wechat'],
      oauth: none,
      provider: 'sandbox',
      notifyUrl: 'http://localhost:3000/api/payments/wechat/notify',
      description: () => '学历照片采集',
    });
    await expect(svc.startJsapiPayment(s.studentId, s.order.orderNo, { sessionId: SESSION, origin: 'http://localhost' })).rejects.toMatchObject({
      code: 'JSAPI_UNAVAILABLE',
      bilingual: { zh: expect.stringContaining('手机浏览器') },
    });
    expect(await none.completeAuthorization({ sessionId: SESSION, studentId: s.studentId, code: 'c', state: '0'.repeat(72) })).toBe('/?wxauth=state');
  });
});
