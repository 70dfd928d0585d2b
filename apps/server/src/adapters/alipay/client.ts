import { randomUUID, type KeyObject } from 'node:crypto';
import { alipayTime, centsOf, rawJsonValue, responseKey, rsa2Sign, rsa2Verify, signContent, signParams, verifyNotifySign, yuanOf, type AlipayParams } from './sign.js';

export const ALIPAY_PRODUCTION_GATEWAY = 'https://openapi.alipay.com/gateway.do';

export interface AlipayClientOptions {
  /** `https://openapi.alipay.com/gateway.do` in production; where API calls go. */
  gatewayUrl: string;
  /** Where the browser is sent for `alipay.trade.wap.pay` (the same gateway, unless a local counterpart is reached in-process). */
  pageGatewayUrl?: string;
  appId: string;
  /** The application's private key (应用私钥). */
  privateKey: KeyObject;
  /** Alipay's public key (支付宝公钥), which checks answers and notifications. */
  alipayPublicKey: KeyObject;
  fetch?: typeof fetch;
  now?: () => Date;
  timeoutMs?: number;
}

/**
 * The gateway said no (`code` other than 10000, with `sub_code`), or its answer could not be trusted
 * (`code` `SIGN` for a bad signature, `HTTP` / `NETWORK` for transport trouble).
 */
export class AlipayApiError extends Error {
  constructor(
    public readonly code: string,
    public readonly subCode: string | undefined,
    message: string,
  ) {
    super(`Alipay ${code}${subCode ? ` ${subCode}` : ''}: ${message}`);
    this.name = 'AlipayApiError';
  }
  /** A business refusal (40004) other than a system error: asking again will not change it. */
  get definite(): boolean {
    return this.code === '40004' && this.subCode !== 'ACQ.SYSTEM_ERROR';
  }
}

export class AlipayNotificationError extends Error {
  constructor(public readonly reason: 'bad_signature' | 'malformed') {
    super(`Alipay notification rejected: ${reason}`);
    this.name = 'AlipayNotificationError';
  }
}

export type AlipayTradeStatus = 'WAIT_BUYER_PAY' | 'TRADE_CLOSED' | 'TRADE_SUCCESS' | 'TRADE_FINISHED';

/** `alipay_trade_query_response` (the fields this app reads). */
export interface AlipayTrade {
  trade_no: string;
  out_trade_no: string;
  trade_status: AlipayTradeStatus;
  total_amount: string;
  send_pay_date?: string;
  buyer_logon_id?: string;
  [field: string]: unknown;
}

/** An asynchronous notification (`notify_type=trade_status_sync`), as posted, signature checked. */
export type AlipayNotice = Record<string, string> & { app_id: string; out_trade_no: string; trade_no: string; trade_status: string; total_amount: string };

export interface WapPayInput {
  outTradeNo: string;
  amountCents: number;
  subject: string;
  /** Absolute URLs: the browser comes back to `returnUrl`; Alipay posts the result to `notifyUrl`. */
  returnUrl: string;
  notifyUrl: string;
  /** Where the cashier's "back" leads when the payer gives up. */
  quitUrl?: string;
  /** Alipay refuses payment after this time. */
  timeExpire?: Date;
}

export interface AlipayRefundInput {
  outTradeNo: string;
  tradeNo?: string;
  amountCents: number;
  /** 退款请求号: one per refund; sending it again is the same refund. */
  outRequestNo: string;
  reason: string;
}

const NOT_FOUND = new Set(['ACQ.TRADE_NOT_EXIST']);

/** The merchant side of Alipay's open platform (version 1.0 gateway, RSA2), on `node:crypto` and `fetch`. */
export function createAlipayClient(o: AlipayClientOptions) {
  const doFetch = o.fetch ?? fetch;
  const now = o.now ?? (() => new Date());

  const common = (method: string, extra: AlipayParams = {}): AlipayParams => ({
    app_id: o.appId,
    method,
    format: 'JSON',
    charset: 'utf-8',
    sign_type: 'RSA2',
    timestamp: alipayTime(now()),
    version: '1.0',
    ...extra,
  });

  const defined = (p: AlipayParams) => Object.fromEntries(Object.entries(p).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));

  /** Calls one API method: a signed form POST; the answer's signature is checked before anything is read. */
  async function execute<T extends Record<string, unknown>>(method: string, biz: Record<string, unknown>): Promise<T> {
    const params = defined(signParams(common(method, { biz_content: JSON.stringify(biz) }), o.privateKey));
    let body: string;
    try {
      const res = await doFetch(`${o.gatewayUrl}?charset=utf-8`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8', accept: 'application/json' },
        body: new URLSearchParams(params).toString(),
        signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
      });
      body = await res.text();
      if (!res.ok) throw new AlipayApiError('HTTP', String(res.status), body.slice(0, 200));
    } catch (err) {
      if (err instanceof AlipayApiError) throw err;
      throw new AlipayApiError('NETWORK', undefined, (err as Error).message);
    }
    const key = rawJsonValue(body, responseKey(method)) !== null ? responseKey(method) : 'error_response';
    const raw = rawJsonValue(body, key);
    let parsed: { sign?: unknown };
    try {
      parsed = JSON.parse(body) as { sign?: unknown };
    } catch {
      throw new AlipayApiError('SIGN', undefined, 'answer is not JSON');
    }
    if (raw === null || typeof parsed.sign !== 'string' || !rsa2Verify(raw, parsed.sign, o.alipayPublicKey)) {
      throw new AlipayApiError('SIGN', undefined, 'the answer’s signature does not verify');
    }
    const answer = JSON.parse(raw) as { code?: string; msg?: string; sub_code?: string; sub_msg?: string } & T;
    if (answer.code !== '10000') throw new AlipayApiError(answer.code ?? 'UNKNOWN', answer.sub_code, answer.sub_msg ?? answer.msg ?? '');
    return answer;
  }

  return {
    appId: o.appId,

    /**
     * `alipay.trade.wap.pay` (手机网站支付): the signed gateway URL the phone browser opens (a GET with
     * every parameter in the query, which the gateway takes like the auto-submitting form).
     */
    wapPayUrl(input: WapPayInput): string {
      const biz = {
        out_trade_no: input.outTradeNo,
        total_amount: yuanOf(input.amountCents),
        subject: input.subject.slice(0, 256),
        product_code: 'QUICK_WAP_WAY',
        ...(input.quitUrl ? { quit_url: input.quitUrl } : {}),
        ...(input.timeExpire ? { time_expire: alipayTime(input.timeExpire) } : {}),
      };
      const params = signParams(common('alipay.trade.wap.pay', { return_url: input.returnUrl, notify_url: input.notifyUrl, biz_content: JSON.stringify(biz) }), o.privateKey);
      return `${o.pageGatewayUrl ?? o.gatewayUrl}?${new URLSearchParams(defined(params)).toString()}`;
    },

    /** Checks an asynchronous notification's signature (Alipay's public key); the caller checks app_id, order and amount. */
    verifyNotification(form: Record<string, string>): AlipayNotice {
      if (!verifyNotifySign(form, o.alipayPublicKey)) throw new AlipayNotificationError('bad_signature');
      for (const k of ['app_id', 'out_trade_no', 'trade_no', 'trade_status', 'total_amount'] as const) {
        if (!form[k]) throw new AlipayNotificationError('malformed');
      }
      if (centsOf(form.total_amount) === null) throw new AlipayNotificationError('malformed');
      return form as AlipayNotice;
    },

    /** `alipay.trade.query`; null when Alipay has no such trade (the payer never opened the cashier). */
    async query(outTradeNo: string): Promise<AlipayTrade | null> {
      try {
        return await execute<AlipayTrade>('alipay.trade.query', { out_trade_no: outTradeNo });
      } catch (err) {
        if (err instanceof AlipayApiError && err.subCode && NOT_FOUND.has(err.subCode)) return null;
        throw err;
      }
    },

    /** `alipay.trade.close`: no more payment of an unpaid trade; false when Alipay has no such trade. */
    async close(outTradeNo: string): Promise<boolean> {
      try {
        await execute('alipay.trade.close', { out_trade_no: outTradeNo });
        return true;
      } catch (err) {
        if (err instanceof AlipayApiError && err.subCode && NOT_FOUND.has(err.subCode)) return false;
        throw err;
      }
    },

    /** `alipay.trade.refund`. `fund_change: 'Y'` means the money moved with this call; 'N' needs a refund query. */
    async refund(input: AlipayRefundInput): Promise<{ fund_change?: string; refund_fee?: string; trade_no?: string }> {
      return execute('alipay.trade.refund', {
        out_trade_no: input.outTradeNo,
        ...(input.tradeNo ? { trade_no: input.tradeNo } : {}),
        refund_amount: yuanOf(input.amountCents),
        refund_reason: input.reason.slice(0, 256),
        out_request_no: input.outRequestNo,
      });
    },

    /** `alipay.trade.fastpay.refund.query`: `refund_status` is `REFUND_SUCCESS` once refunded; null when unknown. */
    async queryRefund(outTradeNo: string, outRequestNo: string): Promise<{ refund_status?: string; refund_amount?: string } | null> {
      try {
        return await execute('alipay.trade.fastpay.refund.query', { out_trade_no: outTradeNo, out_request_no: outRequestNo });
      } catch (err) {
        if (err instanceof AlipayApiError && err.subCode && NOT_FOUND.has(err.subCode)) return null;
        throw err;
      }
    },
  };
}
export type AlipayClient = ReturnType<typeof createAlipayClient>;

/** The other side of the protocol, for the local counterpart: sign an answer like the gateway does. */
export function signedAnswer(method: string, answer: Record<string, unknown>, alipayPrivateKey: KeyObject, key = responseKey(method)): string {
  const raw = JSON.stringify(answer);
  return `{"${key}":${raw},"sign":${JSON.stringify(rsa2Sign(raw, alipayPrivateKey))}}`;
}

/** The other side of the protocol: a notification's form fields, signed with Alipay's private key. */
export function signedNotification(fields: AlipayParams, alipayPrivateKey: KeyObject): Record<string, string> {
  const params = { notify_id: randomUUID().replace(/-/g, ''), sign_type: 'RSA2', ...fields };
  const content = signContent(params, ['sign', 'sign_type']);
  return Object.fromEntries(Object.entries({ ...params, sign: rsa2Sign(content, alipayPrivateKey) }).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));
}
