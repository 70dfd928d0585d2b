import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createWechatPayClient, type WechatPayClient } from '../../adapters/wechatpay/client.js';
import { publicKeyFromPem } from '../../adapters/wechatpay/crypto.js';
import { createWechatOAuthClient, type WechatOAuthClient } from '../../adapters/wechat-oauth/wechat-oauth.js';
import { loadOrCreateSandboxKeys, type SandboxKeys } from './sandbox/sandbox-keys.js';
import { createWechatSandbox, type WechatSandbox, type WechatSandboxOptions } from './sandbox/wechat-sandbox.js';

interface CommonPaymentConfig {
  /** Absolute URL of `POST /api/payments/wechat/notify` (WeChat requires https in production). */
  notifyUrl: string;
  /** Absolute URL of `POST /api/payments/wechat/refund-notify`. */
  refundNotifyUrl: string;
}

export interface SandboxPaymentConfig extends CommonPaymentConfig {
  provider: 'sandbox';
  /** `<DATA_DIR>`: the sandbox keys live in `payment-sandbox.json` there. */
  dataDir: string;
  merchantName: string;
  publicUrl?: string;
}

export interface WechatPaymentConfig extends CommonPaymentConfig {
  provider: 'wechat';
  baseUrl: string;
  mchid: string;
  appid: string;
  merchantSerialNo: string;
  merchantPrivateKeyFile: string;
  /** 微信支付公钥 (PEM) or a platform certificate (PEM). */
  platformPublicKeyFile: string;
  /** The 微信支付公钥ID (`PUB_KEY_ID_…`); read from the certificate when it is one. */
  platformPublicKeyId?: string;
  apiV3Key: string;
  /** The official account (公众号) bound to the merchant: JSAPI payment and its OAuth (openid). */
  mp: { appid: string; secret: string; oauthBaseUrl: string; apiBaseUrl: string };
}

export type PaymentConfig = SandboxPaymentConfig | WechatPaymentConfig;

export interface PaymentProvider {
  /** Recorded on payment rows. */
  provider: 'wechat' | 'sandbox';
  client: WechatPayClient;
  /** The local WeChat Pay (development); mount its routes with `wechatSandboxRoutes`. */
  sandbox: WechatSandbox | null;
  /** The official account's OAuth (the payer's openid for JSAPI); null when there is none. */
  mp: WechatOAuthClient | null;
}

/** An object built on first property access. */
function lazy<T extends object>(make: () => T): T {
  let value: T | undefined;
  return new Proxy({} as T, { get: (_target, prop) => Reflect.get((value ??= make()), prop) });
}

/** The notify URLs on this app's origin (PUBLIC_URL, or localhost in development). */
export function paymentNotifyUrls(publicUrl: string | undefined, port: number): Pick<CommonPaymentConfig, 'notifyUrl' | 'refundNotifyUrl'> {
  const origin = publicUrl ? new URL(publicUrl).origin : `http://localhost:${port}`;
  return { notifyUrl: `${origin}/api/payments/wechat/notify`, refundNotifyUrl: `${origin}/api/payments/wechat/refund-notify` };
}

/** Builds the merchant client: against the real API, or against the in-process sandbox. */
export function createPaymentProvider(
  config: PaymentConfig,
  opts: { sandboxKeys?: SandboxKeys; sandbox?: Partial<WechatSandboxOptions>; now?: () => Date } = {},
): PaymentProvider {
  if (config.provider === 'sandbox') {
    // keys are read (or generated, ~0.5 s) on first use, so starting the app or a test stays quick
    let keys: SandboxKeys | undefined = opts.sandboxKeys;
    const getKeys = () => (keys ??= loadOrCreateSandboxKeys(config.dataDir));
    const sandbox = createWechatSandbox({ keys: getKeys, merchantName: config.merchantName, publicBaseUrl: config.publicUrl, ...(opts.now ? { now: opts.now } : {}), ...opts.sandbox });
    const client = lazy(() => {
      const k = getKeys();
      return createWechatPayClient({
        baseUrl: sandbox.apiBaseUrl,
        fetch: sandbox.fetch,
        mchid: k.mchid,
        appid: k.appid,
        merchantSerialNo: k.merchantSerialNo,
        merchantPrivateKey: createPrivateKey(k.merchantPrivateKeyPem),
        platformKeys: new Map([[k.platformSerial, createPublicKey(k.platformPublicKeyPem)]]),
        apiV3Key: k.apiV3Key,
        ...(opts.now ? { now: opts.now } : {}),
      });
    });
    // the sandbox's own official account: authorise on its pages, exchange codes in-process
    const mp = lazy(() => {
      const { appid, secret } = sandbox.mpCredentials();
      return createWechatOAuthClient({ appid, secret, authorizeBaseUrl: sandbox.mpAuthorizeBaseUrl, apiBaseUrl: sandbox.mpApiBaseUrl, fetch: sandbox.mpFetch });
    });
    return { provider: 'sandbox', client, sandbox, mp };
  }
  const platform = publicKeyFromPem(readFileSync(config.platformPublicKeyFile, 'utf8'));
  const serial = config.platformPublicKeyId ?? platform.certificateSerial;
  if (!serial) throw new Error('WECHATPAY_PLATFORM_PUBLIC_KEY_ID is required with a platform public key');
  const platformKeys = new Map<string, KeyObject>([[serial, platform.key]]);
  const client = createWechatPayClient({
    baseUrl: config.baseUrl,
    mchid: config.mchid,
    appid: config.appid,
    merchantSerialNo: config.merchantSerialNo,
    merchantPrivateKey: createPrivateKey(readFileSync(config.merchantPrivateKeyFile, 'utf8')),
    platformKeys,
    apiV3Key: config.apiV3Key,
    ...(opts.now ? { now: opts.now } : {}),
  });
  const mp = createWechatOAuthClient({ appid: config.mp.appid, secret: config.mp.secret, authorizeBaseUrl: config.mp.oauthBaseUrl, apiBaseUrl: config.mp.apiBaseUrl });
  return { provider: 'wechat', client, sandbox: null, mp };
}
