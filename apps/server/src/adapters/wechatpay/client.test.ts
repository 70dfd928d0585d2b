import { createVerify, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createWechatPayClient, WechatPayApiError } from './client.js';
import { aeadEncrypt, jsapiPayMessage, parseAuthorization, platformSignatureHeaders, requestMessage, rsaVerify, verifyJsapiPaySign } from './crypto.js';
import { WechatPayNotificationError } from './notification.js';

const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
const API_V3_KEY = 'k'.repeat(32);
const NOW = new Date('2024-06-01T08:00:00Z');

interface Seen {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

/** A fake platform: records each request, checks its signature, answers `respond(req)` signed with the platform key. */
function fakePlatform(respond: (req: Seen) => { status: number; body?: object; sign?: boolean }) {
  const seen: Array<Seen & { signatureOk: boolean }> = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const req: Seen = { method: init?.method ?? 'GET', url: new URL(String(input)), headers: new Headers(init?.headers), body: typeof init?.body === 'string' ? init.body : '' };
    const auth = parseAuthorization(req.headers.get('authorization') ?? '')!;
    const signatureOk = rsaVerify(requestMessage(req.method, req.url.pathname + req.url.search, auth.timestamp, auth.nonce_str, req.body), auth.signature, merchant.publicKey);
    seen.push({ ...req, signatureOk });
    const r = respond(req);
    const text = r.body ? JSON.stringify(r.body) : '';
    const headers = r.sign === false ? {} : platformSignatureHeaders({ serial: 'PUB_KEY_ID_T', privateKey: platform.privateKey, body: text, now: NOW });
    return new Response(text || null, { status: r.status, headers });
  }) as typeof fetch;
  const client = createWechatPayClient({
    baseUrl: 'https://api.mch.weixin.qq.com/',
    mchid: '1900000001',
    appid: 'wx0000000000000001',
    merchantSerialNo: 'SERIAL1',
    merchantPrivateKey: merchant.privateKey,
    platformKeys: new Map([['PUB_KEY_ID_T', platform.publicKey]]),
    apiV3Key: API_V3_KEY,
    fetch: fetchImpl,
    now: () => NOW,
  });
  return { client, seen };
}

/** The order both prepay tests send, and how the request body spells it. */
const ORDER = {
  description: '示范中心-学历照片采集',
  outTradeNo: '20240601160000123456',
  amountCents: 3000,
  notifyUrl: 'https://example.edu/api/payments/wechat/notify',
  timeExpire: new Date('2024-06-01T08:30:00Z'),
};
const ORDER_BODY = {
  mchid: '1900000001',
  description: '示范中心-学历照片采集',
  out_trade_no: '20240601160000123456',
  time_expire: '2024-06-01T16:30:00+08:00',
  notify_url: 'https://example.edu/api/payments/wechat/notify',
  amount: { total: 3000, currency: 'CNY' },
};

/** The first request the platform saw, checked to be a POST to `pathname` with a good signature. */
function signedPost(seen: Array<Seen & { signatureOk: boolean }>, pathname: string) {
  const req = seen[0]!;
  expect(req.signatureOk).toBe(true);
  expect(req.method).toBe('POST');
  expect(req.url.pathname).toBe(pathname);
  return req;
}

describe('WeChat Pay v3 client', () => {
  it('sends a signed H5 prepay with the documented body and reads h5_url', async () => {
    const { client, seen } = fakePlatform(() => ({ status: 200, body: { h5_url: 'https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx1' } }));
    const res = await client.prepayH5({
      ...ORDER,
      payerClientIp: '10.1.2.3',
    });
    expect(res.h5Url).toContain('prepay_id=wx1');
    const req = signedPost(seen, '/v3/pay/transactions/h5');
    expect(req.headers.get('content-type')).toBe('application/json');
    expect(parseAuthorization(req.headers.get('authorization') ?? '')).toMatchObject({ mchid: '1900000001', serial_no: 'SERIAL1', timestamp: String(NOW.getTime() / 1000) });
    expect(JSON.parse(req.body)).toEqual({
      appid: 'wx0000000000000001',
      ...ORDER_BODY,
      scene_info: { payer_client_ip: '10.1.2.3', h5_info: { type: 'Wap' } },
    });
  });

  it('signs GETs over path and query with an empty body; a 404 ORDER_NOT_EXIST is null', async () => {
    const { client, seen } = fakePlatform(() => ({ status: 404, body: { code: 'ORDER_NOT_EXIST', message: '订单不存在' } }));
    expect(await client.queryByOutTradeNo('20240601160000123456')).toBeNull();
    expect(seen[0]!.url.pathname + seen[0]!.url.search).toBe('/v3/pay/transactions/out-trade-no/20240601160000123456?mchid=1900000001');
    expect(seen[0]!.signatureOk).toBe(true);
    expect(seen[0]!.body).toBe('');
  });

  it('turns error answers into WechatPayApiError with the provider code', async () => {
    const { client } = fakePlatform(() => ({ status: 403, body: { code: 'NOT_ENOUGH', message: '余额不足' } }));
    const err = await client.refund({ outRefundNo: 'RF1', transactionId: '4200', reason: 'x', amountCents: 1, totalCents: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WechatPayApiError);
    expect(err).toMatchObject({ status: 403, code: 'NOT_ENOUGH' });
  });

  it('refuses an answer whose platform signature is missing or wrong', async () => {
    const unsigned = fakePlatform(() => ({ status: 200, body: { h5_url: 'https://evil.example/' }, sign: false }));
    await expect(unsigned.client.prepayNative({ description: 'd', outTradeNo: '20240601160000123456', amountCents: 1, notifyUrl: 'https://x/n' })).rejects.toMatchObject({ code: 'RESPONSE_SIGNATURE' });
  });

  it('closes with a signed empty 204', async () => {
    const { client, seen } = fakePlatform(() => ({ status: 204 }));
    await client.closeOrder('20240601160000123456');
    expect(seen[0]!.url.pathname).toBe('/v3/pay/transactions/out-trade-no/20240601160000123456/close');
    expect(JSON.parse(seen[0]!.body)).toEqual({ mchid: '1900000001' });
  });

  it('opens a payment notification, and refuses one decrypted with the wrong APIv3 key', () => {
    const { client } = fakePlatform(() => ({ status: 204 }));
    const resource = { mchid: '1900000001', appid: 'wx0000000000000001', out_trade_no: '1', transaction_id: '4200', trade_state: 'SUCCESS', amount: { total: 1, payer_total: 1, currency: 'CNY' } };
    const make = (key: string) => {
      const body = JSON.stringify({ id: 'EV', create_time: '2024-06-01T16:00:00+08:00', resource_type: 'encrypt-resource', event_type: 'TRANSACTION.SUCCESS', summary: '支付成功', resource: { original_type: 'transaction', ...aeadEncrypt(key, JSON.stringify(resource), 'transaction') } });
      return { body, headers: platformSignatureHeaders({ serial: 'PUB_KEY_ID_T', privateKey: platform.privateKey, body, now: NOW }) };
    };
    const good = make(API_V3_KEY);
    expect(client.openTransactionNotification(good.headers, good.body).resource).toMatchObject({ out_trade_no: '1', trade_state: 'SUCCESS', amount: { total: 1 } });
    const wrong = make('w'.repeat(32));
    expect(() => client.openTransactionNotification(wrong.headers, wrong.body)).toThrow(WechatPayNotificationError);
    try {
      client.openTransactionNotification(wrong.headers, wrong.body);
    } catch (err) {
      expect((err as WechatPayNotificationError).reason).toBe('decrypt_failed');
    }
  });

  it('sends a signed JSAPI prepay with payer.openid (and the official account appid) and reads prepay_id', async () => {
    const { client, seen } = fakePlatform(() => ({ status: 200, body: { prepay_id: 'wx201410272009395522657a690389285100' } }));
    const res = await client.prepayJsapi({
      ...ORDER,
      appid: 'wx00000000000000mp',
      payerOpenid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
    });
    expect(res.prepayId).toBe('wx201410272009395522657a690389285100');
    const req = signedPost(seen, '/v3/pay/transactions/jsapi');
    expect(JSON.parse(req.body)).toEqual({
      appid: 'wx00000000000000mp',
      ...ORDER_BODY,
      payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
    });
    // without an appid the client's own is used
    await client.prepayJsapi({ description: 'd', outTradeNo: '20240601160000123457', amountCents: 1, notifyUrl: 'https://x/n', payerOpenid: 'o1' });
    expect(JSON.parse(seen[1]!.body).appid).toBe('wx0000000000000001');
  });

  it('refuses a JSAPI prepay answer without a valid platform signature', async () => {
    const { client } = fakePlatform(() => ({ status: 200, body: { prepay_id: 'wx1' }, sign: false }));
    await expect(client.prepayJsapi({ description: 'd', outTradeNo: '20240601160000123456', amountCents: 1, notifyUrl: 'https://x/n', payerOpenid: 'o1' })).rejects.toMatchObject({ code: 'RESPONSE_SIGNATURE' });
  });

  it('signs the getBrandWCPayRequest parameters: paySign = RSA-SHA256 of appId\\ntimeStamp\\nnonceStr\\npackage\\n, checkable with the merchant public key', () => {
    const { client } = fakePlatform(() => ({ status: 204 }));
    const p = client.jsapiPayParams('wx201410272009395522657a690389285100', 'wx00000000000000mp');
    expect(p).toMatchObject({ appId: 'wx00000000000000mp', timeStamp: String(NOW.getTime() / 1000), package: 'prepay_id=wx201410272009395522657a690389285100', signType: 'RSA' });
    expect(p.nonceStr).toMatch(/^[0-9A-Za-z]{32}$/);
    const message = `wx00000000000000mp\n${p.timeStamp}\n${p.nonceStr}\nprepay_id=wx201410272009395522657a690389285100\n`;
    expect(jsapiPayMessage(p)).toBe(message);
    // what WeChat does, spelled out with node:crypto
    expect(createVerify('RSA-SHA256').update(message, 'utf8').verify(merchant.publicKey, p.paySign, 'base64')).toBe(true);
    expect(verifyJsapiPaySign(p, merchant.publicKey)).toBe(true);
    // any other package, appId or key fails
    expect(verifyJsapiPaySign({ ...p, package: 'prepay_id=wx2' }, merchant.publicKey)).toBe(false);
    expect(verifyJsapiPaySign({ ...p, appId: 'wx0000000000000001' }, merchant.publicKey)).toBe(false);
    expect(verifyJsapiPaySign(p, platform.publicKey)).toBe(false);
    // fresh nonce each time; the client's appid by default
    const q = client.jsapiPayParams('wx1');
    expect(q.appId).toBe('wx0000000000000001');
    expect(q.nonceStr).not.toBe(p.nonceStr);
  });
});
