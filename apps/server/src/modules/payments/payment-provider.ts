import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createWechatPayClient, type WechatPayClient } from '../../adapters/wechatpay/client.js';
import { publicKeyFromPem } from '../../adapters/wechatpay/crypto.js';
import { createWechatOAuthClient, type WechatOAuthClient } from '../../adapters/wechat-oauth/wechat-oauth.js';
import { createAlipayClient, type AlipayClient } from '../../adapters/alipay/client.js';
import { alipayPrivateKey, alipayPublicKey } from '../../adapters/alipay/sign.js';
import { PAY_METHODS, type PayMethod } from '@gradphoto/contracts/payments';
import { loadOrCreateAlipaySandboxKeys, type AlipaySandboxKeys } from './sandbox/alipay-keys.js';
import { createAlipaySandbox, type AlipaySandbox, type AlipaySandboxOptions } from './sandbox/alipay-sandbox.js';
import { loadOrCreateSandboxKeys, type SandboxKeys } from './sandbox/sandbox-keys.js';
import { createWechatSandbox, type WechatSandbox, type WechatSandboxOptions } from './sandbox/wechat-sandbox.js';

interface CommonPaymentConfig {
  /** Absolute URL of `POST /api/payments/wechat/notify` (WeChat requires https in production). */
  notifyUrl: string;
  /** Absolute URL of `POST /api/payments/wechat/refund-notify`. */
  refundNotifyUrl: string;
  /** Absolute URL of `POST /api/payments/alipay/notify` (Alipay's notify_url). */
  alipayNotifyUrl: string;
}

export interface SandboxPaymentConfig extends CommonPaymentConfig {
  provider: 'sandbox';
  /** `<DATA_DIR>`: the sandbox keys live in `payment-sandbox.json` and `alipay-sandbox.json` there. */
  dataDir: string;
  merchantName: string;
  publicUrl?: string;
  /** What students may pay with, in this order (default: both). */
  methods?: PayMethod[];
}

/** The real providers: WeChat Pay, Alipay, or both. */
export interface LivePaymentConfig extends CommonPaymentConfig {
  provider: 'live';
  /** What students may pay with, in this order: those configured below. */
  methods: PayMethod[];
  wechat?: WechatPaySettings;
  alipay?: AlipaySettings;
}

export interface AlipaySettings {
  /** `https://openapi.alipay.com/gateway.do` (or the open platform's sandbox gateway). */
  gatewayUrl: string;
  appId: string;
  /** The application private key (应用私钥): PEM or the key tool's bare base64 (PKCS#8 or PKCS#1). */
  privateKey: string;
  /** Alipay's public key (支付宝公钥): PEM or bare base64. */
  alipayPublicKey: string;
}

export interface WechatPaySettings {
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

export type PaymentConfig = SandboxPaymentConfig | LivePaymentConfig;

export interface PaymentProvider {
  /** Recorded on WeChat Pay's payment rows (`sandbox` in development); Alipay's rows say `alipay`. */
  provider: 'wechat' | 'sandbox';
  /** What students may pay with, in this order. */
  methods: PayMethod[];
  /** WeChat Pay's merchant client; null when WeChat Pay is not enabled. */
  client: WechatPayClient | null;
  /** The local WeChat Pay (development); mount its routes with `wechatSandboxRoutes`. */
  sandbox: WechatSandbox | null;
  /** The official account's OAuth (the payer's openid for JSAPI); null when there is none. */
  mp: WechatOAuthClient | null;
  /** Alipay's merchant client; null when Alipay is not enabled. */
  alipay: AlipayClient | null;
  /** The local Alipay (development); mount its routes with `alipaySandboxRoutes`. */
  alipaySandbox: AlipaySandbox | null;
}

/** An object built on first property access. */
function lazy<T extends object>(make: () => T): T {
  let value: T | undefined;
  return new Proxy({} as T, { get: (_target, prop) => Reflect.get((value ??= make()), prop) });
}

/** The notify URLs on this app's origin (PUBLIC_URL, or localhost in development). */
export function paymentNotifyUrls(publicUrl: string | undefined, port: number): CommonPaymentConfig {
  const origin = publicUrl ? new URL(publicUrl).origin : `http://localhost:${port}`;
  return {
    notifyUrl: `${origin}/api/payments/wechat/notify`,
    refundNotifyUrl: `${origin}/api/payments/wechat/refund-notify`,
    alipayNotifyUrl: `${origin}/api/payments/alipay/notify`,
  };
}

/** Builds the merchant client: against the real API, or against the in-process sandbox. */
export function createPaymentProvider(
  config: PaymentConfig,
  opts: {
    sandboxKeys?: SandboxKeys;
    sandbox?: Partial<WechatSandboxOptions>;
    alipaySandboxKeys?: AlipaySandboxKeys;
    alipaySandbox?: Partial<AlipaySandboxOptions>;
    now?: () => Date;
  } = {},
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
    const methods = config.methods ?? [...PAY_METHODS];
    const alipay = methods.includes('alipay') ? sandboxAlipay(config, opts) : { alipay: null, alipaySandbox: null };
    return { provider: 'sandbox', methods, client: methods.includes('wechat') ? client : null, sandbox, mp, ...alipay };
  }
  const alipay = config.alipay
    ? createAlipayClient({ gatewayUrl: config.alipay.gatewayUrl, appId: config.alipay.appId, privateKey: alipayPrivateKey(config.alipay.privateKey), alipayPublicKey: alipayPublicKey(config.alipay.alipayPublicKey), ...(opts.now ? { now: opts.now } : {}) })
    : null;
  const wechat = config.wechat ? liveWechat(config.wechat, opts.now) : { client: null, mp: null };
  return { provider: 'wechat', methods: config.methods, ...wechat, sandbox: null, alipay, alipaySandbox: null };
}

/** The local Alipay and a merchant client that reaches it in-process (the browser goes to its gateway page). */
function sandboxAlipay(config: SandboxPaymentConfig, opts: { alipaySandboxKeys?: AlipaySandboxKeys; alipaySandbox?: Partial<AlipaySandboxOptions>; now?: () => Date }) {
  let keys = opts.alipaySandboxKeys;
  const getKeys = () => (keys ??= loadOrCreateAlipaySandboxKeys(config.dataDir));
  const alipaySandbox = createAlipaySandbox({ keys: getKeys, merchantName: config.merchantName, publicBaseUrl: config.publicUrl, ...(opts.now ? { now: opts.now } : {}), ...opts.alipaySandbox });
  const alipay = lazy(() => {
    const k = getKeys();
    return createAlipayClient({
      gatewayUrl: alipaySandbox.gatewayUrl,
      pageGatewayUrl: alipaySandbox.pageGatewayUrl,
      fetch: alipaySandbox.fetch,
      appId: k.appId,
      privateKey: alipayPrivateKey(k.appPrivateKeyPem),
      alipayPublicKey: alipayPublicKey(k.alipayPublicKeyPem),
      ...(opts.now ? { now: opts.now } : {}),
    });
  });
  return { alipay, alipaySandbox };
}

function liveWechat(config: WechatPaySettings, now: (() => Date) | undefined): { client: WechatPayClient; mp: WechatOAuthClient } {
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
    ...(now ? { now } : {}),
  });
  const mp = createWechatOAuthClient({ appid: config.mp.appid, secret: config.mp.secret, authorizeBaseUrl: config.mp.oauthBaseUrl, apiBaseUrl: config.mp.apiBaseUrl });
  return { client, mp };
}
