import type { KeyObject } from 'node:crypto';
import type { z } from 'zod';
import { buildAuthorization, signJsapiPayParams, verifyPlatformSignature, type HeaderBag, type JsapiPayParams } from './crypto.js';
import { openNotification, type OpenedNotification } from './notification.js';
import { ApiErrorBody, beijingTime, H5PrepayResult, JsapiPrepayResult, NativePrepayResult, Refund, RefundNotice, Transaction } from './types.js';

export const WECHATPAY_PRODUCTION_URL = 'https://api.mch.weixin.qq.com';

export interface WechatPayClientOptions {
  /** `https://api.mch.weixin.qq.com` in production; the sandbox's base URL in development. */
  baseUrl: string;
  mchid: string;
  appid: string;
  /** Serial number of the merchant API certificate (商户API证书序列号). */
  merchantSerialNo: string;
  merchantPrivateKey: KeyObject;
  /** Platform verification keys by serial (微信支付公钥ID or 平台证书序列号). */
  platformKeys: ReadonlyMap<string, KeyObject>;
  /** The 32-byte APIv3 key. */
  apiV3Key: string;
  fetch?: typeof fetch;
  now?: () => Date;
  timeoutMs?: number;
}

/** The API answered with an error (`{ code, message }`), or its answer could not be trusted. */
export class WechatPayApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
  ) {
    super(`WeChat Pay ${status} ${code}: ${message}`);
    this.name = 'WechatPayApiError';
  }
}

export interface PrepayInput {
  description: string;
  outTradeNo: string;
  amountCents: number;
  notifyUrl: string;
  /** The provider refuses payment after this time. */
  timeExpire?: Date;
  attach?: string;
}

export interface RefundInput {
  outRefundNo: string;
  /** Refund by transaction_id when known, otherwise by out_trade_no. */
  transactionId?: string;
  outTradeNo?: string;
  reason: string;
  amountCents: number;
  /** The original payment's total. */
  totalCents: number;
  notifyUrl?: string;
}

const NOT_FOUND_CODES = new Set(['ORDER_NOT_EXIST', 'ORDERNOTEXIST', 'RESOURCE_NOT_EXISTS', 'NOT_FOUND']);

/** Merchant side of WeChat Pay API v3: signed requests, verified answers, decrypted notifications. */
export function createWechatPayClient(o: WechatPayClientOptions) {
  const doFetch = o.fetch ?? fetch;
  const now = o.now ?? (() => new Date());
  const platformKey = (serial: string) => o.platformKeys.get(serial);
  const base = o.baseUrl.replace(/\/+$/, '');

  async function call<S extends z.ZodType>(method: 'GET' | 'POST', path: string, body: object | undefined, schema: S | null): Promise<z.infer<S> | null> {
    const url = new URL(base + path);
    const payload = body === undefined ? '' : JSON.stringify(body);
    const authorization = buildAuthorization({
      mchid: o.mchid,
      serialNo: o.merchantSerialNo,
      privateKey: o.merchantPrivateKey,
      method,
      urlPathWithQuery: url.pathname + url.search,
      body: payload,
      timestamp: Math.floor(now().getTime() / 1000),
    });
    const res = await doFetch(url, {
      method,
      headers: {
        authorization,
        accept: 'application/json',
        'user-agent': 'gradphoto-wechatpay/1 (node)',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: payload }),
      signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
    });
    const text = await res.text();
    if (!res.ok) {
      const parsed = ApiErrorBody.safeParse(safeJson(text));
      const code = parsed.success ? parsed.data.code : `HTTP_${res.status}`;
      throw new WechatPayApiError(res.status, code, parsed.success ? (parsed.data.message ?? '') : text.slice(0, 200));
    }
    const headers: HeaderBag = Object.fromEntries(res.headers.entries());
    const verdict = verifyPlatformSignature({ headers, body: text, platformKey, now: now() });
    if (!verdict.ok) throw new WechatPayApiError(res.status, 'RESPONSE_SIGNATURE', `response signature not trusted: ${verdict.reason}`);
    if (!schema) return null;
    const parsed = schema.safeParse(safeJson(text));
    if (!parsed.success) throw new WechatPayApiError(res.status, 'RESPONSE_MALFORMED', 'unexpected response body');
    return parsed.data as z.infer<S>;
  }

  async function orNull<T>(p: Promise<T>): Promise<T | null> {
    try {
      return await p;
    } catch (err) {
      if (err instanceof WechatPayApiError && err.status === 404 && NOT_FOUND_CODES.has(err.code)) return null;
      throw err;
    }
  }

  const prepayBody = (input: PrepayInput, appid = o.appid) => ({
    appid,
    mchid: o.mchid,
    description: input.description.slice(0, 127),
    out_trade_no: input.outTradeNo,
    ...(input.timeExpire ? { time_expire: beijingTime(input.timeExpire) } : {}),
    ...(input.attach ? { attach: input.attach } : {}),
    notify_url: input.notifyUrl,
    amount: { total: input.amountCents, currency: 'CNY' },
  });
  const mchidQuery = `?mchid=${encodeURIComponent(o.mchid)}`;

  return {
    mchid: o.mchid,
    appid: o.appid,

    /** H5 payment (mobile browsers outside WeChat): the page to send the payer to. */
    async prepayH5(input: PrepayInput & { payerClientIp: string }): Promise<{ h5Url: string }> {
      const scene = { payer_client_ip: input.payerClientIp, h5_info: { type: 'Wap' } };
      const res = await call('POST', '/v3/pay/transactions/h5', { ...prepayBody(input), scene_info: scene }, H5PrepayResult);
      return { h5Url: res!.h5_url };
    },

    /**
     * JSAPI payment (inside WeChat's own browser): the prepay id for the payer's openid. `appid` is the
     * official account (公众号) the openid belongs to, bound to the merchant; the client's appid by default.
     */
    async prepayJsapi(input: PrepayInput & { payerOpenid: string; appid?: string }): Promise<{ prepayId: string }> {
      const res = await call('POST', '/v3/pay/transactions/jsapi', { ...prepayBody(input, input.appid), payer: { openid: input.payerOpenid } }, JsapiPrepayResult);
      return { prepayId: res!.prepay_id };
    },

    /** The `getBrandWCPayRequest` parameters for a JSAPI prepay id, signed with the merchant key (same appid as the prepay). */
    jsapiPayParams: (prepayId: string, appid: string = o.appid): JsapiPayParams =>
      signJsapiPayParams({ appId: appid, prepayId, privateKey: o.merchantPrivateKey, timestamp: Math.floor(now().getTime() / 1000) }),

    /** Native payment (a QR code the payer scans). */
    async prepayNative(input: PrepayInput): Promise<{ codeUrl: string }> {
      const res = await call('POST', '/v3/pay/transactions/native', prepayBody(input), NativePrepayResult);
      return { codeUrl: res!.code_url };
    },

    /** The transaction for a merchant order number; null when the provider has never seen it. */
    queryByOutTradeNo: (outTradeNo: string): Promise<Transaction | null> =>
      orNull(call('GET', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}${mchidQuery}`, undefined, Transaction)) as Promise<Transaction | null>,

    /** Closes an unpaid order at the provider so it can no longer be paid. */
    async closeOrder(outTradeNo: string): Promise<void> {
      await call('POST', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}/close`, { mchid: o.mchid }, null);
    },

    /** Requests a refund. Idempotent per out_refund_no at the provider. */
    async refund(input: RefundInput): Promise<Refund> {
      const res = await call(
        'POST',
        '/v3/refund/domestic/refunds',
        {
          ...(input.transactionId ? { transaction_id: input.transactionId } : { out_trade_no: input.outTradeNo }),
          out_refund_no: input.outRefundNo,
          reason: input.reason.slice(0, 80),
          ...(input.notifyUrl ? { notify_url: input.notifyUrl } : {}),
          amount: { refund: input.amountCents, total: input.totalCents, currency: 'CNY' },
        },
        Refund,
      );
      return res!;
    },

    queryRefund: (outRefundNo: string): Promise<Refund | null> =>
      orNull(call('GET', `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}`, undefined, Refund)) as Promise<Refund | null>,

    /** Verifies and decrypts a payment notification (`TRANSACTION.SUCCESS`). Throws WechatPayNotificationError. */
    openTransactionNotification: (headers: HeaderBag, rawBody: string): OpenedNotification<Transaction> =>
      openNotification({ headers, rawBody, platformKey, apiV3Key: o.apiV3Key, now: now(), schema: Transaction }),

    /** Verifies and decrypts a refund notification (`REFUND.SUCCESS` …). Throws WechatPayNotificationError. */
    openRefundNotification: (headers: HeaderBag, rawBody: string): OpenedNotification<RefundNotice> =>
      openNotification({ headers, rawBody, platformKey, apiV3Key: o.apiV3Key, now: now(), schema: RefundNotice }),
  };
}
export type WechatPayClient = ReturnType<typeof createWechatPayClient>;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
