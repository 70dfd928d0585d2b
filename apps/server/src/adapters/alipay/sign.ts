import { createPrivateKey, createPublicKey, createSign, createVerify, type KeyObject } from 'node:crypto';
import { chinaClock } from '../../lib/china-time.js';

/**
 * Alipay open platform (开放平台) signatures, RSA2: SHA256withRSA, base64, over the "content to sign":
 * every parameter with a non-empty value, keys sorted by ASCII, `key=value` joined with `&`, values as
 * they are (not URL-encoded). What is left out differs by direction, per Alipay's rules:
 * - a request to the gateway: only `sign` (`sign_type` is signed);
 * - an asynchronous notification or a return to return_url: `sign` and `sign_type`;
 * - a gateway answer: the raw JSON text of `<method>_response` as it appears in the body.
 */

export type AlipayParams = Record<string, string | undefined>;

export const REQUEST_UNSIGNED = ['sign'] as const;
export const NOTIFY_UNSIGNED = ['sign', 'sign_type'] as const;

export function signContent(params: AlipayParams, exclude: readonly string[] = REQUEST_UNSIGNED): string {
  return Object.keys(params)
    .filter((k) => !exclude.includes(k) && params[k] !== undefined && params[k] !== '')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
}

export function rsa2Sign(content: string, privateKey: KeyObject): string {
  return createSign('RSA-SHA256').update(content, 'utf8').sign(privateKey, 'base64');
}

export function rsa2Verify(content: string, signature: string, publicKey: KeyObject): boolean {
  if (!signature || !/^[A-Za-z0-9+/=\s]+$/.test(signature)) return false;
  try {
    return createVerify('RSA-SHA256').update(content, 'utf8').verify(publicKey, signature, 'base64');
  } catch {
    return false;
  }
}

/** Signs request parameters: adds `sign` over everything but `sign`. */
export function signParams(params: AlipayParams, privateKey: KeyObject): AlipayParams & { sign: string } {
  return { ...params, sign: rsa2Sign(signContent(params, REQUEST_UNSIGNED), privateKey) };
}

/** Checks the `sign` of a notification or return (`sign` and `sign_type` left out). */
export function verifyNotifySign(params: AlipayParams, publicKey: KeyObject): boolean {
  return params.sign_type === 'RSA2' && rsa2Verify(signContent(params, NOTIFY_UNSIGNED), params.sign ?? '', publicKey);
}

/** Checks the `sign` of a gateway request (`sign` left out), as the gateway does. */
export function verifyRequestSign(params: AlipayParams, publicKey: KeyObject): boolean {
  return params.sign_type === 'RSA2' && rsa2Verify(signContent(params, REQUEST_UNSIGNED), params.sign ?? '', publicKey);
}

/**
 * A key as Alipay's key tool gives it: PEM, or bare base64 (PKCS#8 or PKCS#1 private key, X.509
 * SubjectPublicKeyInfo public key), possibly on one line or with `\n` escapes from an env file.
 */
export function alipayPrivateKey(text: string): KeyObject {
  const t = text.replace(/\\n/g, '\n').trim();
  if (t.includes('-----BEGIN')) return createPrivateKey(t);
  const der = Buffer.from(t.replace(/\s+/g, ''), 'base64');
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs1' });
  }
}

export function alipayPublicKey(text: string): KeyObject {
  const t = text.replace(/\\n/g, '\n').trim();
  if (t.includes('-----BEGIN')) return createPublicKey(t);
  return createPublicKey({ key: Buffer.from(t.replace(/\s+/g, ''), 'base64'), format: 'der', type: 'spki' });
}

/** Alipay's timestamps: `yyyy-MM-dd HH:mm:ss`, Beijing time. */
export function alipayTime(d: Date): string {
  return chinaClock(d).slice(0, 19).replace('T', ' ');
}

export function parseAlipayTime(s: string | undefined): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(s ?? '');
  if (!m) return null;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+08:00`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Amounts are yuan with 2 decimals: 3000 cents → "30.00". */
export const yuanOf = (cents: number): string => (cents / 100).toFixed(2);

/** "30.00" / "30.5" / "30" → 3000 / 3050 / 3000 cents; anything else → null. */
export function centsOf(yuan: string | undefined): number | null {
  const m = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(yuan ?? '');
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/**
 * The raw JSON text of `key`'s value in a gateway answer (what the answer's `sign` covers). Scans the
 * text instead of re-serialising the parsed object, since the signature is over the bytes as sent.
 */
export function rawJsonValue(body: string, key: string): string | null {
  const at = body.indexOf(`"${key}"`);
  if (at < 0) return null;
  let i = body.indexOf(':', at + key.length + 2);
  if (i < 0) return null;
  i += 1;
  while (/\s/.test(body[i] ?? '')) i += 1;
  if (body[i] !== '{') return null;
  let depth = 0;
  let inString = false;
  for (let j = i; j < body.length; j += 1) {
    const c = body[j];
    if (inString) {
      if (c === '\\') j += 1;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth += 1;
    else if (c === '}' && --depth === 0) return body.slice(i, j + 1);
  }
  return null;
}

/** `alipay.trade.query` → `alipay_trade_query_response`. */
export const responseKey = (method: string) => `${method.replace(/\./g, '_')}_response`;
