import { generateKeyPairSync, webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signedAnswer, signedNotification } from './client.js';
import {
  alipayPrivateKey,
  alipayPublicKey,
  alipayTime,
  centsOf,
  NOTIFY_UNSIGNED,
  parseAlipayTime,
  rawJsonValue,
  rsa2Sign,
  rsa2Verify,
  signContent,
  signParams,
  verifyNotifySign,
  verifyRequestSign,
  yuanOf,
} from './sign.js';

const app = generateKeyPairSync('rsa', { modulusLength: 2048 });
const alipay = generateKeyPairSync('rsa', { modulusLength: 2048 });

/** An independent RSASSA-PKCS1-v1_5/SHA-256 (WebCrypto), to check our bytes against. */
async function webSign(content: string): Promise<string> {
  const key = await webcrypto.subtle.importKey('pkcs8', app.privateKey.export({ type: 'pkcs8', format: 'der' }), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
  return Buffer.from(await webcrypto.subtle.sign('RSASSA-PKCS1-v1_5', key, Buffer.from(content, 'utf8'))).toString('base64');
}

const request = {
  timestamp: '2014-07-24 03:07:50',
  method: 'alipay.trade.query',
  app_id: '2014072300007148',
  sign_type: 'RSA2',
  version: '1.0',
  charset: 'utf-8',
  format: 'JSON',
  biz_content: '{"out_trade_no":"20150320010101001"}',
  return_url: '',
  sign: 'ignored',
};

describe('Alipay RSA2 signing', () => {
  it('builds the content to sign: non-empty, sorted, raw values; a request keeps sign_type, a notification drops it', () => {
    expect(signContent(request)).toBe(
      'app_id=2014072300007148&biz_content={"out_trade_no":"20150320010101001"}&charset=utf-8&format=JSON&method=alipay.trade.query&sign_type=RSA2&timestamp=2014-07-24 03:07:50&version=1.0',
    );
    expect(signContent({ trade_status: 'TRADE_SUCCESS', app_id: '2021', subject: '学历照片 & 冲印', sign: 's', sign_type: 'RSA2', total_amount: '30.00' }, NOTIFY_UNSIGNED)).toBe(
      'app_id=2021&subject=学历照片 & 冲印&total_amount=30.00&trade_status=TRADE_SUCCESS',
    );
  });

  it('signs byte for byte like an independent SHA256withRSA, and verifies with the public key only', async () => {
    const content = signContent(request);
    const ours = rsa2Sign(content, app.privateKey);
    expect(ours).toBe(await webSign(content));
    expect(rsa2Verify(content, ours, app.publicKey)).toBe(true);
    expect(rsa2Verify(`${content}x`, ours, app.publicKey)).toBe(false);
    expect(rsa2Verify(content, ours, alipay.publicKey)).toBe(false);
    expect(rsa2Verify(content, 'not base64!', app.publicKey)).toBe(false);
    const signed = signParams({ ...request, sign: undefined }, app.privateKey);
    expect(signed.sign).toBe(ours);
    expect(verifyRequestSign(signed, app.publicKey)).toBe(true);
    expect(verifyRequestSign({ ...signed, biz_content: '{"out_trade_no":"2"}' }, app.publicKey)).toBe(false);
  });

  it('checks a notification with sign and sign_type left out, and only RSA2', () => {
    const fields = signedNotification({ app_id: '2021000000000001', out_trade_no: '20250601120000000001', total_amount: '30.00', trade_status: 'TRADE_SUCCESS', empty: '' }, alipay.privateKey);
    expect(fields).not.toHaveProperty('empty');
    expect(verifyNotifySign(fields, alipay.publicKey)).toBe(true);
    expect(verifyNotifySign({ ...fields, total_amount: '0.01' }, alipay.publicKey)).toBe(false);
    expect(verifyNotifySign({ ...fields, sign_type: 'RSA' }, alipay.publicKey)).toBe(false);
    expect(verifyNotifySign(fields, app.publicKey)).toBe(false);
  });

  it('takes the raw text of <method>_response out of an answer, as signed', () => {
    const body = signedAnswer('alipay.trade.query', { code: '10000', msg: 'Success', subject: 'a "quoted" {brace}', total_amount: '30.00' }, alipay.privateKey);
    const raw = rawJsonValue(body, 'alipay_trade_query_response')!;
    expect(raw).toBe('{"code":"10000","msg":"Success","subject":"a \\"quoted\\" {brace}","total_amount":"30.00"}');
    expect(rsa2Verify(raw, (JSON.parse(body) as { sign: string }).sign, alipay.publicKey)).toBe(true);
    expect(rawJsonValue('{"alipay_trade_query_response" : {"a":{"b":1}},"sign":"x"}', 'alipay_trade_query_response')).toBe('{"a":{"b":1}}');
    expect(rawJsonValue('{"error_response":{}}', 'alipay_trade_query_response')).toBeNull();
  });

  it('reads the key tool’s keys: PEM, or bare base64 PKCS#8 / PKCS#1 / SPKI, with \\n escapes', () => {
    const content = 'a=1';
    const pkcs1 = app.privateKey.export({ type: 'pkcs1', format: 'der' }).toString('base64');
    const pkcs8 = app.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
    const pem = (app.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string).replace(/\n/g, '\\n');
    const pub = app.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    for (const text of [pkcs1, pkcs8, pem]) expect(rsa2Verify(content, rsa2Sign(content, alipayPrivateKey(text)), alipayPublicKey(pub))).toBe(true);
    expect(() => alipayPrivateKey('bm90IGEga2V5')).toThrow();
  });

  it('writes Beijing time and yuan with two decimals', () => {
    expect(alipayTime(new Date('2025-06-01T04:05:06Z'))).toBe('2025-06-01 12:05:06');
    expect(parseAlipayTime('2025-06-01 12:05:06')?.toISOString()).toBe('2025-06-01T04:05:06.000Z');
    expect(parseAlipayTime('2025-06-01T12:05:06')).toBeNull();
    expect([yuanOf(3000), yuanOf(1), yuanOf(123456)]).toEqual(['30.00', '0.01', '1234.56']);
    expect([centsOf('30.00'), centsOf('30.5'), centsOf('30'), centsOf('0.01')]).toEqual([3000, 3050, 3000, 1]);
    expect([centsOf('30.001'), centsOf('-1.00'), centsOf('1e3'), centsOf(''), centsOf(undefined)]).toEqual([null, null, null, null, null]);
  });
});
