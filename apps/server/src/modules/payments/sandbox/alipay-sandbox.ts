import { createPrivateKey, createPublicKey, randomBytes } from 'node:crypto';
import { signedAnswer, signedNotification } from '../../../adapters/alipay/client.js';
import { alipayTime, centsOf, parseAlipayTime, responseKey, rsa2Sign, signContent, verifyRequestSign, yuanOf } from '../../../adapters/alipay/sign.js';
import { alipayCashierPage, alipayStatePage, type CashierLang } from './alipay-cashier-page.js';
import type { AlipaySandboxKeys } from './alipay-keys.js';
import { AlipaySandboxError, createAlipayStore, type AlipaySandboxTrade, type WapPayBiz } from './alipay-store.js';
import { createNotifier, notifierControl, type Deliver } from './sandbox-notification.js';
import type { PageResult } from './wechat-sandbox.js';

export const ALIPAY_SANDBOX_PREFIX = '/sandbox/alipay';

export interface AlipaySandboxOptions {
  keys: AlipaySandboxKeys | (() => AlipaySandboxKeys);
  /** Shown on the cashier (the centre's name). */
  merchantName: string;
  prefix?: string;
  /** The app's public origin: the gateway link becomes absolute, and notifications to it stay in-process. */
  publicBaseUrl?: string;
  now?: () => Date;
  /** How notifications reach the merchant, overriding everything (tests). */
  deliver?: Deliver;
  /** Waits before re-sending a notification not answered `success` (Alipay: 4 min, 10 min, 10 min, 1 h, …). */
  retryDelaysMs?: readonly number[];
}

const MAX_SKEW_MS = 15 * 60_000;
const API_METHODS = ['alipay.trade.query', 'alipay.trade.close', 'alipay.trade.refund', 'alipay.trade.fastpay.refund.query'] as const;

const isHttpUrl = (s: string | undefined) => {
  try {
    return Boolean(s) && /^https?:$/.test(new URL(s!).protocol);
  } catch {
    return false;
  }
};

/**
 * A local, protocol-faithful Alipay for development: the open-platform gateway (`gateway.do`) that
 * checks the merchant's RSA2 signature with the application public key, the 手机网站支付 cashier, signed
 * asynchronous notifications to notify_url (re-sent until the merchant answers `success`), the signed
 * return to return_url, and the query, close, refund and refund-query APIs answering signed JSON.
 */
export function createAlipaySandbox(o: AlipaySandboxOptions) {
  const prefix = o.prefix ?? ALIPAY_SANDBOX_PREFIX;
  const now = o.now ?? (() => new Date());
  const publicOrigin = o.publicBaseUrl ? new URL(o.publicBaseUrl).origin : null;
  const control = notifierControl(o.deliver, publicOrigin, () => built?.notifier);

  function build() {
    const keys = typeof o.keys === 'function' ? o.keys() : o.keys;
    const alipayPrivateKey = createPrivateKey(keys.alipayPrivateKeyPem);
    const notifier = createNotifier({
      deliver: control.deliver,
      now,
      retryDelaysMs: o.retryDelaysMs ?? [1_000, 3_000, 10_000],
      acknowledged: (a) => typeof a !== 'number' && a.body.trim() === 'success',
    });
    if (control.isClosed()) notifier.close();
    return { keys, alipayPrivateKey, appPublicKey: createPublicKey(keys.appPublicKeyPem), store: createAlipayStore({ now }), notifier, tokens: new Map<string, string>() };
  }
  let built: ReturnType<typeof build> | null = null;
  const core = () => (built ??= build());

  /** The common parameters and the signature, as the gateway checks them before anything else. */
  function checkRequest(p: Record<string, string>): Record<string, unknown> {
    const { keys, appPublicKey } = core();
    if (!p.app_id || p.app_id !== keys.appId) throw new AlipaySandboxError('isv.invalid-app-id', '无效的AppID参数', '40002');
    if (p.sign_type !== 'RSA2') throw new AlipaySandboxError('isv.invalid-signature-type', '无效的签名类型', '40002');
    if ((p.charset ?? '').toLowerCase() !== 'utf-8') throw new AlipaySandboxError('isv.invalid-charset', '字符集错误', '40002');
    if (p.version !== '1.0') throw new AlipaySandboxError('isv.invalid-version', '版本号错误', '40002');
    const at = parseAlipayTime(p.timestamp);
    if (!at || Math.abs(at.getTime() - now().getTime()) > MAX_SKEW_MS) throw new AlipaySandboxError('isv.invalid-timestamp', '非法的时间戳参数', '40002');
    if (!p.sign) throw new AlipaySandboxError('isv.missing-signature', '缺少签名参数', '40002');
    if (!verifyRequestSign(p, appPublicKey)) throw new AlipaySandboxError('isv.invalid-signature', '验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配', '40002');
    let biz: unknown;
    try {
      biz = JSON.parse(p.biz_content ?? '');
    } catch {
      biz = null;
    }
    if (!biz || typeof biz !== 'object') throw new AlipaySandboxError('isv.invalid-parameter', 'biz_content 不是合法的JSON', '40002');
    return biz as Record<string, unknown>;
  }

  const failure = (err: AlipaySandboxError) => ({ code: err.code, msg: err.code === '40002' ? 'Invalid Arguments' : 'Business Failed', sub_code: err.subCode, sub_msg: err.message });

  function api(p: Record<string, string>): Record<string, unknown> {
    const { store } = core();
    const method = p.method ?? '';
    const biz = checkRequest(p);
    const outTradeNo = typeof biz.out_trade_no === 'string' ? biz.out_trade_no : '';
    const trade = () => {
      const t = store.trade(outTradeNo);
      if (!t) throw new AlipaySandboxError('ACQ.TRADE_NOT_EXIST', '交易不存在');
      return t;
    };
    if (method === 'alipay.trade.query') return store.queryView(trade());
    if (method === 'alipay.trade.close') {
      const t = store.close(outTradeNo);
      return { code: '10000', msg: 'Success', out_trade_no: t.outTradeNo, ...(t.tradeNo ? { trade_no: t.tradeNo } : {}) };
    }
    if (method === 'alipay.trade.refund') {
      const cents = typeof biz.refund_amount === 'string' ? centsOf(biz.refund_amount) : null;
      if (cents === null || cents < 1) throw new AlipaySandboxError('isv.invalid-parameter', 'refund_amount 格式错误', '40002');
      const outRequestNo = typeof biz.out_request_no === 'string' && biz.out_request_no ? biz.out_request_no : outTradeNo;
      const { trade: t, fresh } = store.refund(outTradeNo, typeof biz.trade_no === 'string' ? biz.trade_no : undefined, outRequestNo, cents);
      return { code: '10000', msg: 'Success', trade_no: t.tradeNo, out_trade_no: t.outTradeNo, buyer_logon_id: 'sbx***@sandbox.com', fund_change: fresh ? 'Y' : 'N', refund_fee: yuanOf(t.refundedCents), gmt_refund_pay: alipayTime(now()) };
    }
    if (method === 'alipay.trade.fastpay.refund.query') {
      const t = trade();
      const r = store.refundOf(outTradeNo, typeof biz.out_request_no === 'string' ? biz.out_request_no : '');
      // an unknown request number answers success without refund_status (Alipay: "not refunded")
      return { code: '10000', msg: 'Success', trade_no: t.tradeNo, out_trade_no: t.outTradeNo, out_request_no: biz.out_request_no, total_amount: yuanOf(t.amountCents), ...(r ? { refund_amount: yuanOf(r.amountCents), refund_status: 'REFUND_SUCCESS' } : {}) };
    }
    throw new AlipaySandboxError('isv.invalid-method', '不存在的方法名', '40002');
  }

  /** One API call: the answer is always HTTP 200 with the signed `<method>_response`. */
  function handleApi(p: Record<string, string>): string {
    const method = p.method ?? '';
    const known = (API_METHODS as readonly string[]).includes(method);
    let answer: Record<string, unknown>;
    try {
      answer = api(p);
    } catch (err) {
      if (!(err instanceof AlipaySandboxError)) throw err;
      answer = failure(err);
    }
    return signedAnswer(method, answer, core().alipayPrivateKey, known ? responseKey(method) : 'error_response');
  }

  const state = (status: number, ok: boolean, title: string, detail: string, backUrl: string | null): PageResult => ({ status, html: alipayStatePage({ ok, title, detail, backUrl }) });

  /** The return to return_url, signed like a notification (`sign`, `sign_type` excluded). */
  function returnUrl(t: AlipaySandboxTrade): string {
    const { keys, alipayPrivateKey } = core();
    const p: Record<string, string> = {
      charset: 'utf-8', out_trade_no: t.outTradeNo, method: 'alipay.trade.wap.pay.return', total_amount: yuanOf(t.amountCents), trade_no: t.tradeNo!,
      auth_app_id: keys.appId, version: '1.0', app_id: keys.appId, seller_id: keys.sellerId, timestamp: alipayTime(now()),
    };
    const signed = new URLSearchParams({ ...p, sign: rsa2Sign(signContent(p, ['sign', 'sign_type']), alipayPrivateKey), sign_type: 'RSA2' });
    return `${t.returnUrl}${t.returnUrl.includes('?') ? '&' : '?'}${signed.toString()}`;
  }

  const tradeOfToken = (token: string | undefined) => {
    const { tokens, store } = core();
    const outTradeNo = tokens.get(token ?? '');
    return outTradeNo ? store.trade(outTradeNo) : undefined;
  };

  return {
    prefix,
    /** Where the merchant client's API calls go (reached in-process through `fetch`). */
    gatewayUrl: `http://alipay.sandbox${prefix}/gateway.do`,
    /** Where the browser is sent with the signed `alipay.trade.wap.pay` parameters. */
    pageGatewayUrl: `${publicOrigin ?? ''}${prefix}/gateway.do`,
    get keys(): AlipaySandboxKeys {
      return core().keys;
    },

    /** `POST gateway.do`: an API call (form body; the query may carry `charset`). */
    handleApi,

    /** A `fetch` that hands the merchant's API calls straight to the sandbox (same bytes, no socket). */
    fetch: (async (_input: string | URL | Request, init?: RequestInit) => {
      const form = Object.fromEntries(new URLSearchParams(typeof init?.body === 'string' ? init.body : ''));
      return new Response(handleApi(form), { status: 200, headers: { 'content-type': 'text/html;charset=utf-8' } });
    }) as typeof fetch,

    /** `GET gateway.do?method=alipay.trade.wap.pay&…`: checks the request, opens the trade, on to the cashier. */
    page(p: Record<string, string>): PageResult {
      try {
        if (p.method !== 'alipay.trade.wap.pay') throw new AlipaySandboxError('isv.invalid-method', '不存在的方法名', '40002');
        const biz = checkRequest(p) as WapPayBiz;
        if (!isHttpUrl(p.notify_url) || !isHttpUrl(p.return_url)) throw new AlipaySandboxError('isv.invalid-parameter', 'notify_url / return_url 必须是 http(s) 地址', '40002');
        const trade = core().store.open(biz, { notifyUrl: p.notify_url!, returnUrl: p.return_url! }, parseAlipayTime);
        const token = randomBytes(16).toString('hex');
        core().tokens.set(token, trade.outTradeNo);
        return { status: 302, redirect: `${prefix}/cashier?token=${token}` };
      } catch (err) {
        if (!(err instanceof AlipaySandboxError)) throw err;
        if (err.subCode === 'ACQ.TRADE_HAS_SUCCESS') return state(200, true, '交易已支付', '该订单已支付 / This order is paid.', p.return_url ?? null);
        return state(400, false, '支付请求有误', `${err.subCode}: ${err.message} / The payment request was refused.`, null);
      }
    },

    /** The cashier page for a token from `page()`, in the payer's language. */
    cashier(q: { token?: string; lang?: string }, acceptLanguage?: string): PageResult {
      const trade = tradeOfToken(q.token);
      if (!trade) return state(404, false, '支付链接无效', '该支付链接无效或已过期 / This payment link is invalid or has expired.', null);
      if (trade.status === 'TRADE_SUCCESS') return state(200, true, '交易已支付', '该订单已支付 / This order is paid.', trade.returnUrl);
      if (trade.status === 'TRADE_CLOSED') return state(409, false, '交易已关闭', '该订单已关闭或已超时 / This order is closed or has expired.', trade.quitUrl ?? trade.returnUrl);
      const lang: CashierLang = q.lang === 'en' || q.lang === 'zh' ? q.lang : /^en\b/i.test(acceptLanguage ?? '') ? 'en' : 'zh';
      const other = lang === 'en' ? 'zh' : 'en';
      return {
        status: 200,
        html: alipayCashierPage({ token: q.token!, lang, merchantName: o.merchantName, subject: trade.subject, outTradeNo: trade.outTradeNo, amountCents: trade.amountCents, actionBase: prefix, otherLangUrl: `${prefix}/cashier?token=${q.token}&lang=${other}` }),
      };
    },

    /** 确认付款: the trade succeeds, the signed notification goes out (first delivery awaited), back to return_url. */
    async pay(form: { token?: string }): Promise<PageResult> {
      const trade = tradeOfToken(form.token);
      if (!trade) return state(404, false, '支付链接无效', '该支付链接无效或已过期 / This payment link is invalid or has expired.', null);
      try {
        const { store, notifier, keys, alipayPrivateKey } = core();
        const { fresh } = store.pay(trade.outTradeNo);
        if (fresh) await notifier.sendForm(trade.notifyUrl, signedNotification(store.noticeFields(trade, keys.appId, keys.sellerId), alipayPrivateKey), 'Mozilla/4.0 (sandbox; Alipay notify)');
        return { status: 303, redirect: returnUrl(trade) };
      } catch (err) {
        if (!(err instanceof AlipaySandboxError)) throw err;
        return state(409, false, '交易已关闭', `${err.message} / This order is closed or has expired.`, trade.quitUrl ?? trade.returnUrl);
      }
    },

    /** 放弃付款: back to quit_url (or return_url); the trade stays unpaid. */
    cancel(form: { token?: string }): PageResult {
      const trade = tradeOfToken(form.token);
      if (!trade) return state(404, false, '支付链接无效', '该支付链接无效或已过期 / This payment link is invalid or has expired.', null);
      return { status: 303, redirect: trade.quitUrl ?? trade.returnUrl };
    },

    useLocalDelivery: control.useLocalDelivery,
    idle: control.idle,
    close: control.close,
  };
}
export type AlipaySandbox = ReturnType<typeof createAlipaySandbox>;
