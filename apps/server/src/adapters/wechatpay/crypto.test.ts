import { generateKeyPairSync, webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  aeadDecrypt,
  aeadEncrypt,
  buildAuthorization,
  parseAuthorization,
  platformSignatureHeaders,
  requestMessage,
  responseMessage,
  rsaSign,
  verifyPlatformSignature,
} from './crypto.js';
import { beijingTime } from './types.js';

const pair = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const merchant = pair();
const platform = pair();
const other = pair();
const API_V3_KEY = 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6';

describe('WeChat Pay v3 signing', () => {
  it('builds the documented messages byte for byte', () => {
    expect(requestMessage('get', '/v3/certificates?x=1', 1554208460, '593BEC0C930BF1AFEB40B4A08C8FB242', '')).toBe(
      'GET\n/v3/certificates?x=1\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n',
    );
    expect(responseMessage('1554209980', 'c5ac7061fccab6bf3e254dcf98995b8c', '{"a":1}')).toBe('1554209980\nc5ac7061fccab6bf3e254dcf98995b8c\n{"a":1}\n');
  });

  it('signs a request in the Authorization header, verifiable by an independent RSA implementation', async () => {
    const body = '{"mchid":"1900009191"}';
    const header = buildAuthorization({ mchid: '1900009191', serialNo: 'ABC123', privateKey: merchant.privateKey, method: 'POST', urlPathWithQuery: '/v3/pay/transactions/h5', body, timestamp: 1700000000, nonce: 'NONCE1' });
    expect(header).toMatch(/^WECHATPAY2-SHA256-RSA2048 mchid="1900009191",nonce_str="NONCE1",signature="[A-Za-z0-9+/=]+",timestamp="1700000000",serial_no="ABC123"$/);
    const parsed = parseAuthorization(header)!;
    expect(parsed).toMatchObject({ mchid: '1900009191', nonce_str: 'NONCE1', timestamp: '1700000000', serial_no: 'ABC123' });
    const key = await webcrypto.subtle.importKey('spki', merchant.publicKey.export({ type: 'spki', format: 'der' }), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
    const message = Buffer.from(`POST\n/v3/pay/transactions/h5\n1700000000\nNONCE1\n${body}\n`);
    expect(await webcrypto.subtle.verify('RSASSA-PKCS1-v1_5', key, Buffer.from(parsed.signature, 'base64'), message)).toBe(true);
    expect(parseAuthorization('Bearer x')).toBeNull();
    expect(parseAuthorization('WECHATPAY2-SHA256-RSA2048 mchid="1"')).toBeNull();
  });

  describe('platform signature check (responses and notifications)', () => {
    const now = new Date('2024-06-01T08:00:00Z');
    const body = '{"id":"EV-1"}';
    const keyFor = (serial: string) => (serial === 'PUB_KEY_ID_1' ? platform.publicKey : undefined);
    const signed = (at = now, key = platform.privateKey) => platformSignatureHeaders({ serial: 'PUB_KEY_ID_1', privateKey: key, body, now: at });

    it('accepts a good signature', () => {
      expect(verifyPlatformSignature({ headers: signed(), body, platformKey: keyFor, now })).toEqual({ ok: true, serial: 'PUB_KEY_ID_1' });
    });
    it('accepts Title-Case header names', () => {
      const headers = Object.fromEntries(Object.entries(signed()).map(([k, v]) => [k.replace(/(^|-)\w/g, (s) => s.toUpperCase()), v]));
      expect(verifyPlatformSignature({ headers, body, platformKey: keyFor, now }).ok).toBe(true);
    });
    it('refuses a signature by another key, a changed body, and the signature-test probe', () => {
      expect(verifyPlatformSignature({ headers: signed(now, other.privateKey), body, platformKey: keyFor, now })).toEqual({ ok: false, reason: 'bad_signature' });
      expect(verifyPlatformSignature({ headers: signed(), body: '{"id":"EV-2"}', platformKey: keyFor, now })).toEqual({ ok: false, reason: 'bad_signature' });
      const probe = { ...signed(), 'wechatpay-signature': 'WECHATPAY/SIGNTEST/' + 'A'.repeat(20) };
      expect(verifyPlatformSignature({ headers: probe, body, platformKey: keyFor, now }).ok).toBe(false);
    });
    it('refuses an unknown serial and missing headers', () => {
      expect(verifyPlatformSignature({ headers: { ...signed(), 'wechatpay-serial': 'OTHER' }, body, platformKey: keyFor, now })).toEqual({ ok: false, reason: 'unknown_serial' });
      const { 'wechatpay-nonce': _n, ...noNonce } = signed();
      expect(verifyPlatformSignature({ headers: noNonce, body, platformKey: keyFor, now })).toEqual({ ok: false, reason: 'missing_headers' });
    });
    it('refuses timestamps outside the 5-minute window, either way', () => {
      const old = signed(new Date(now.getTime() - 301_000));
      const future = signed(new Date(now.getTime() + 301_000));
      const edge = signed(new Date(now.getTime() - 299_000));
      expect(verifyPlatformSignature({ headers: old, body, platformKey: keyFor, now })).toEqual({ ok: false, reason: 'stale_timestamp' });
      expect(verifyPlatformSignature({ headers: future, body, platformKey: keyFor, now })).toEqual({ ok: false, reason: 'stale_timestamp' });
      expect(verifyPlatformSignature({ headers: edge, body, platformKey: keyFor, now }).ok).toBe(true);
    });
  });
});

describe('AEAD_AES_256_GCM resources', () => {
  const plaintext = JSON.stringify({ out_trade_no: '20240601120000123456', amount: { total: 3000 } });

  it('round-trips, and matches an independent AES-GCM (WebCrypto) on the same key, nonce and AAD', async () => {
    const r = aeadEncrypt(API_V3_KEY, plaintext, 'transaction', 'fdasflkja484');
    expect(r).toMatchObject({ algorithm: 'AEAD_AES_256_GCM', associated_data: 'transaction', nonce: 'fdasflkja484' });
    expect(aeadDecrypt(API_V3_KEY, r)).toBe(plaintext);
    const key = await webcrypto.subtle.importKey('raw', Buffer.from(API_V3_KEY), 'AES-GCM', false, ['decrypt']);
    const clear = await webcrypto.subtle.decrypt({ name: 'AES-GCM', iv: Buffer.from('fdasflkja484'), additionalData: Buffer.from('transaction'), tagLength: 128 }, key, Buffer.from(r.ciphertext, 'base64'));
    expect(Buffer.from(clear).toString('utf8')).toBe(plaintext);
  });

  it('refuses a tampered ciphertext, another key, another AAD or nonce', () => {
    const r = aeadEncrypt(API_V3_KEY, plaintext, 'transaction');
    const bytes = Buffer.from(r.ciphertext, 'base64');
    bytes[3]! ^= 1;
    expect(() => aeadDecrypt(API_V3_KEY, { ...r, ciphertext: bytes.toString('base64') })).toThrow();
    expect(() => aeadDecrypt('Z'.repeat(32), r)).toThrow();
    expect(() => aeadDecrypt(API_V3_KEY, { ...r, associated_data: 'refund' })).toThrow();
    expect(() => aeadDecrypt(API_V3_KEY, { ...r, nonce: 'aaaaaaaaaaaa' })).toThrow();
    expect(() => aeadDecrypt(API_V3_KEY, { ...r, ciphertext: 'AAAA' })).toThrow();
    expect(() => aeadEncrypt('short', plaintext, '')).toThrow(/32 bytes/);
  });
});

describe('times', () => {
  it('writes RFC 3339 in Beijing time', () => {
    expect(beijingTime(new Date('2024-06-08T02:34:56.789Z'))).toBe('2024-06-08T10:34:56+08:00');
    expect(new Date(beijingTime(new Date('2024-12-31T20:00:00Z'))).toISOString()).toBe('2024-12-31T20:00:00.000Z');
  });
  it('signs with RSA-SHA256 deterministically (PKCS#1 v1.5)', () => {
    expect(rsaSign('x', merchant.privateKey)).toBe(rsaSign('x', merchant.privateKey));
  });
});
