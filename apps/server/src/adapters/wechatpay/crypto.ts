import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  createSign,
  createVerify,
  randomBytes,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';

/**
 * The cryptography of WeChat Pay API v3 (商户API v3 签名、验签、回调解密), on node:crypto only.
 * Both sides use it: the merchant client and the local sandbox that plays the platform.
 */

export const AUTH_SCHEMA = 'WECHATPAY2-SHA256-RSA2048';
/** Signed messages older (or newer) than this are refused: the replay window. */
export const MAX_CLOCK_SKEW_SECONDS = 300;

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A random alphanumeric string (nonce_str, AEAD nonce). */
export function randomNonce(length = 32): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += ALNUM[b % ALNUM.length];
  return out;
}

export const unixSeconds = (d: Date): number => Math.floor(d.getTime() / 1000);

/** `METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n` — what the merchant signs (URL = path with query). */
export function requestMessage(method: string, urlPathWithQuery: string, timestamp: string | number, nonce: string, body: string): string {
  return `${method.toUpperCase()}\n${urlPathWithQuery}\n${timestamp}\n${nonce}\n${body}\n`;
}

/** `TIMESTAMP\nNONCE\nBODY\n` — what the platform signs on responses and notifications. */
export function responseMessage(timestamp: string | number, nonce: string, body: string): string {
  return `${timestamp}\n${nonce}\n${body}\n`;
}

/** SHA256withRSA (PKCS#1 v1.5), base64. */
export function rsaSign(message: string, privateKey: KeyObject): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(privateKey, 'base64');
}

export function rsaVerify(message: string, signatureBase64: string, publicKey: KeyObject): boolean {
  try {
    return createVerify('RSA-SHA256').update(message, 'utf8').verify(publicKey, signatureBase64, 'base64');
  } catch {
    return false;
  }
}

/** The parameters of `WeixinJSBridge.invoke('getBrandWCPayRequest', …)` (JSAPI payment in WeChat's browser). */
export interface JsapiPayParams {
  appId: string;
  /** Unix seconds, as a string. */
  timeStamp: string;
  nonceStr: string;
  /** `prepay_id=…` */
  package: string;
  signType: 'RSA';
  /** base64 SHA256withRSA of {@link jsapiPayMessage}, with the merchant's API key. */
  paySign: string;
}

/** `appId\ntimeStamp\nnonceStr\npackage\n` — what paySign signs (signType does not take part). */
export function jsapiPayMessage(p: Pick<JsapiPayParams, 'appId' | 'timeStamp' | 'nonceStr' | 'package'>): string {
  return `${p.appId}\n${p.timeStamp}\n${p.nonceStr}\n${p.package}\n`;
}

/** The signed JSAPI parameters for a prepay id (the merchant side). */
export function signJsapiPayParams(input: { appId: string; prepayId: string; privateKey: KeyObject; timestamp?: number; nonce?: string }): JsapiPayParams {
  const unsigned = {
    appId: input.appId,
    timeStamp: String(input.timestamp ?? unixSeconds(new Date())),
    nonceStr: input.nonce ?? randomNonce(),
    package: `prepay_id=${input.prepayId}`,
  };
  return { ...unsigned, signType: 'RSA', paySign: rsaSign(jsapiPayMessage(unsigned), input.privateKey) };
}

/** What WeChat does before it shows the payment sheet: checks paySign with the merchant's public key. */
export function verifyJsapiPaySign(p: Pick<JsapiPayParams, 'appId' | 'timeStamp' | 'nonceStr' | 'package' | 'paySign'>, merchantPublicKey: KeyObject): boolean {
  return rsaVerify(jsapiPayMessage(p), p.paySign, merchantPublicKey);
}

export interface AuthorizationParams {
  mchid: string;
  nonce_str: string;
  signature: string;
  timestamp: string;
  serial_no: string;
}

/** The `Authorization` header of a merchant request. */
export function buildAuthorization(input: {
  mchid: string;
  serialNo: string;
  privateKey: KeyObject;
  method: string;
  urlPathWithQuery: string;
  body: string;
  timestamp?: number;
  nonce?: string;
}): string {
  const timestamp = String(input.timestamp ?? unixSeconds(new Date()));
  const nonce = input.nonce ?? randomNonce();
  const signature = rsaSign(requestMessage(input.method, input.urlPathWithQuery, timestamp, nonce, input.body), input.privateKey);
  return `${AUTH_SCHEMA} mchid="${input.mchid}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${input.serialNo}"`;
}

/** Parses an `Authorization` header back into its fields (what the platform does); null if malformed. */
export function parseAuthorization(header: string | undefined): AuthorizationParams | null {
  if (!header || !header.startsWith(`${AUTH_SCHEMA} `)) return null;
  const fields: Record<string, string> = {};
  for (const m of header.slice(AUTH_SCHEMA.length + 1).matchAll(/(\w+)="([^"]*)"/g)) fields[m[1]!] = m[2]!;
  const { mchid, nonce_str, signature, timestamp, serial_no } = fields;
  if (!mchid || !nonce_str || !signature || !timestamp || !serial_no) return null;
  return { mchid, nonce_str, signature, timestamp, serial_no };
}

export type HeaderBag = Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | undefined {
  const v = headers[name] ?? headers[name.toLowerCase()] ?? Object.entries(headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  return Array.isArray(v) ? v[0] : v;
}

export type SignatureFailure = 'missing_headers' | 'unknown_serial' | 'stale_timestamp' | 'bad_signature';

/**
 * Verifies a platform-signed message (API response or notification) from its `Wechatpay-*` headers:
 * the key is looked up by `Wechatpay-Serial`; timestamps outside the 5-minute window are refused.
 */
export function verifyPlatformSignature(input: {
  headers: HeaderBag;
  body: string;
  platformKey: (serial: string) => KeyObject | undefined;
  now: Date;
  maxSkewSeconds?: number;
}): { ok: true; serial: string } | { ok: false; reason: SignatureFailure } {
  const timestamp = header(input.headers, 'wechatpay-timestamp');
  const nonce = header(input.headers, 'wechatpay-nonce');
  const signature = header(input.headers, 'wechatpay-signature');
  const serial = header(input.headers, 'wechatpay-serial');
  if (!timestamp || !nonce || !signature || !serial || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'missing_headers' };
  const key = input.platformKey(serial);
  if (!key) return { ok: false, reason: 'unknown_serial' };
  if (Math.abs(unixSeconds(input.now) - Number(timestamp)) > (input.maxSkewSeconds ?? MAX_CLOCK_SKEW_SECONDS)) {
    return { ok: false, reason: 'stale_timestamp' };
  }
  if (!rsaVerify(responseMessage(timestamp, nonce, input.body), signature, key)) return { ok: false, reason: 'bad_signature' };
  return { ok: true, serial };
}

/** The headers the platform puts on what it signs. */
export function platformSignatureHeaders(input: { serial: string; privateKey: KeyObject; body: string; now: Date; nonce?: string }): Record<string, string> {
  const timestamp = String(unixSeconds(input.now));
  const nonce = input.nonce ?? randomNonce();
  return {
    'wechatpay-timestamp': timestamp,
    'wechatpay-nonce': nonce,
    'wechatpay-signature': rsaSign(responseMessage(timestamp, nonce, input.body), input.privateKey),
    'wechatpay-serial': input.serial,
    'wechatpay-signature-type': AUTH_SCHEMA,
  };
}

export interface EncryptedResource {
  algorithm: 'AEAD_AES_256_GCM';
  ciphertext: string;
  associated_data?: string;
  nonce: string;
  original_type?: string;
}

function apiV3KeyBytes(apiV3Key: string): Buffer {
  const key = Buffer.from(apiV3Key, 'utf8');
  if (key.length !== 32) throw new Error('The APIv3 key must be 32 bytes');
  return key;
}

/** AEAD_AES_256_GCM with the APIv3 key: base64(ciphertext ‖ 16-byte tag). */
export function aeadEncrypt(apiV3Key: string, plaintext: string, associatedData: string, nonce = randomNonce(12)): Omit<EncryptedResource, 'original_type'> {
  const cipher = createCipheriv('aes-256-gcm', apiV3KeyBytes(apiV3Key), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]).toString('base64');
  return { algorithm: 'AEAD_AES_256_GCM', ciphertext, associated_data: associatedData, nonce };
}

/** Decrypts a notification resource; throws when the key, tag, nonce or associated data do not match. */
export function aeadDecrypt(apiV3Key: string, resource: Pick<EncryptedResource, 'ciphertext' | 'nonce' | 'associated_data'>): string {
  const data = Buffer.from(resource.ciphertext, 'base64');
  if (data.length <= 16) throw new Error('ciphertext too short');
  const decipher = createDecipheriv('aes-256-gcm', apiV3KeyBytes(apiV3Key), Buffer.from(resource.nonce, 'utf8'));
  decipher.setAuthTag(data.subarray(data.length - 16));
  decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
}

export function privateKeyFromPem(pem: string): KeyObject {
  return createPrivateKey(pem);
}

/** A platform verification key from a PEM public key (微信支付公钥) or a platform certificate (平台证书). */
export function publicKeyFromPem(pem: string): { key: KeyObject; certificateSerial?: string } {
  if (pem.includes('BEGIN CERTIFICATE')) {
    const cert = new X509Certificate(pem);
    return { key: cert.publicKey, certificateSerial: cert.serialNumber.toUpperCase() };
  }
  return { key: createPublicKey(pem) };
}
