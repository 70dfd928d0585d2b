import { createHmac, createPrivateKey, createPublicKey } from 'node:crypto';
import { verifyJsapiPaySign } from '../../../adapters/wechatpay/crypto.js';
import { jsBridgeScript } from './jsbridge-script.js';
import { createMpOAuthSandbox, MP_SANDBOX_PREFIX } from './mp-oauth-sandbox.js';
import { createSandboxApi, type ApiRequest, type ApiResponse } from './sandbox-api.js';
import { cashierPage, cashierStatePage } from './cashier-page.js';
import type { SandboxKeys } from './sandbox-keys.js';
import { createNotifier, notifierControl, type Deliver } from './sandbox-notification.js';
import { createSandboxStore, SandboxError } from './sandbox-store.js';

export const SANDBOX_PREFIX = '/sandbox/wechatpay';

export interface WechatSandboxOptions {
  /** The key material, or how to get it on first use (generating it takes a moment). */
  keys: SandboxKeys | (() => SandboxKeys);
  /** Shown on the cashier (the centre's name). */
  merchantName: string;
  prefix?: string;
  /** Where the official account's OAuth counterpart lives (`/sandbox/wechat-mp`). */
  mpPrefix?: string;
  /** The app's public origin: cashier links become absolute, and notifications to it stay in-process. */
  publicBaseUrl?: string;
  now?: () => Date;
  /** How notifications reach the merchant, overriding everything (tests). By default: HTTP, or in-process for this app. */
  deliver?: Deliver;
  /** Waits before re-sending a notification the merchant did not acknowledge. */
  retryDelaysMs?: readonly number[];
  /** How long an accepted refund stays PROCESSING before it succeeds and is notified. */
  refundDelayMs?: number;
}

export interface PageResult {
  status: number;
  html?: string;
  redirect?: string;
  /** A `Set-Cookie` value (the sandbox WeChat user of the OAuth pages). */
  setCookie?: string;
}

/** What the sandbox's WeixinJSBridge sends to pay (the `getBrandWCPayRequest` parameters). */
export interface JsapiPayRequest {
  appId?: unknown;
  timeStamp?: unknown;
  nonceStr?: unknown;
  package?: unknown;
  signType?: unknown;
  paySign?: unknown;
}

/** The sandbox official account's secret, derived from the sandbox keys (older key files have none). */
export function sandboxMpSecret(keys: Pick<SandboxKeys, 'apiV3Key'>): string {
  return createHmac('sha256', keys.apiV3Key).update('sandbox-mp-secret').digest('hex').slice(0, 32);
}

/**
 * A local, protocol-faithful WeChat Pay for development: the v3 API (signed both ways), a cashier page,
 * and v3 notifications (signed, AES-256-GCM encrypted) sent to the merchant's notify_url with retries.
 */
export function createWechatSandbox(o: WechatSandboxOptions) {
  const prefix = o.prefix ?? SANDBOX_PREFIX;
  const mpPrefix = o.mpPrefix ?? MP_SANDBOX_PREFIX;
  const now = o.now ?? (() => new Date());
  const publicOrigin = o.publicBaseUrl ? new URL(o.publicBaseUrl).origin : null;
  const control = notifierControl(o.deliver, publicOrigin, () => built?.notifier);
  const cashierUrl = (prepayId: string) => `${publicOrigin ?? ''}${prefix}/cashier?prepay=${encodeURIComponent(prepayId)}`;

  /** Everything that needs the keys, built on first use: generating RSA keys takes a moment. */
  function build() {
    const keys = typeof o.keys === 'function' ? o.keys() : o.keys;
    const platformPrivateKey = createPrivateKey(keys.platformPrivateKeyPem);
    const store = createSandboxStore({ mchid: keys.mchid, appid: keys.appid, now });
    // the official account (公众号) bound to the sandbox merchant: same appid, its own secret
    const mp = createMpOAuthSandbox({
      appid: keys.appid,
      secret: sandboxMpSecret(keys),
      openidKey: createHmac('sha256', keys.apiV3Key).update('sandbox-openid').digest(),
      accountName: o.merchantName,
      prefix: mpPrefix,
      publicOrigin,
      now,
    });
    const notifier = createNotifier({
      signer: { serial: keys.platformSerial, privateKey: platformPrivateKey, apiV3Key: keys.apiV3Key },
      deliver: control.deliver,
      now,
      retryDelaysMs: o.retryDelaysMs ?? [1_000, 3_000, 10_000],
    });
    const api = createSandboxApi({
      store,
      prefix,
      mchid: keys.mchid,
      merchantSerialNo: keys.merchantSerialNo,
      merchantPublicKey: createPublicKey(keys.merchantPublicKeyPem),
      platform: { serial: keys.platformSerial, privateKey: platformPrivateKey },
      now,
      cashierUrl,
      isOpenid: (appid, openid) => mp.isOpenid(appid, openid),
      onRefundAccepted(outRefundNo) {
        notifier.later(o.refundDelayMs ?? 300, async () => {
          const refund = store.refundByNo(outRefundNo);
          if (!refund || refund.status !== 'PROCESSING') return;
          store.succeedRefund(refund);
          if (refund.notifyUrl) {
            await notifier.send(refund.notifyUrl, { eventType: 'REFUND.SUCCESS', summary: '退款成功', originalType: 'refund', resource: store.refundNoticeView(refund) });
          }
        });
      },
    });
    if (control.isClosed()) notifier.close();
    return { keys, store, notifier, api, mp, merchantPublicKey: createPublicKey(keys.merchantPublicKeyPem) };
  }
  let built: ReturnType<typeof build> | null = null;
  const core = () => (built ??= build());

  /** Only back into this app: a relative path, or an absolute URL on its public origin. */
  function safeRedirect(url: string | undefined | null): string | null {
    if (!url) return null;
    if (url.startsWith('/') && !url.startsWith('//') && !url.includes('\\')) return url;
    try {
      const u = new URL(url);
      return publicOrigin && u.origin === publicOrigin ? u.toString() : null;
    } catch {
      return null;
    }
  }

  const statePage = (status: number, ok: boolean, title: string, detail: string, redirectUrl: string | null): PageResult => ({
    status,
    html: cashierStatePage({ ok, title, detail, redirectUrl }),
  });

  function errorPage(err: unknown, redirectUrl: string | null): PageResult {
    if (!(err instanceof SandboxError)) throw err;
    if (err.code === 'ORDER_CLOSED') return statePage(409, false, '订单已关闭', '该订单已关闭或已超时，无法支付 / This order is closed or has expired.', redirectUrl);
    return statePage(err.status, false, '支付链接无效', `${err.message} / This payment link is invalid or has expired.`, redirectUrl);
  }


  return {
    /** The key material (generated on first use when loaded lazily). */
    get keys(): SandboxKeys {
      return core().keys;
    },
    prefix,
    /** Base URL for a merchant client that talks to this sandbox in-process (see `fetch`). */
    apiBaseUrl: `http://wechatpay.sandbox${prefix}`,

    handleApi: (req: ApiRequest): ApiResponse => core().api.handle(req),

    /** A `fetch` that hands the merchant's requests straight to the sandbox API (same bytes, no socket). */
    fetch: (async (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const body = typeof init?.body === 'string' ? init.body : '';
      const res = core().api.handle({ method: init?.method ?? 'GET', url: url.pathname + url.search, headers: Object.fromEntries(new Headers(init?.headers).entries()), body });
      return new Response(res.status === 204 || res.body === '' ? null : res.body, { status: res.status, headers: res.headers });
    }) as typeof fetch,

    cashier(query: { prepay?: string; redirect_url?: string }): PageResult {
      const redirectUrl = safeRedirect(query.redirect_url);
      try {
        const { store } = core();
        const trade = store.tradeForPrepay(query.prepay ?? '');
        const current = store.trade(trade.outTradeNo)!;
        if (current.state === 'SUCCESS' || current.state === 'REFUND') return statePage(200, true, '支付成功', '该订单已支付 / This order is paid.', redirectUrl);
        if (current.state === 'CLOSED') throw new SandboxError(409, 'ORDER_CLOSED', '订单已关闭');
        return {
          status: 200,
          html: cashierPage({ prepayId: query.prepay!, merchantName: o.merchantName, description: trade.description, outTradeNo: trade.outTradeNo, amountCents: trade.amount, redirectUrl, actionBase: prefix }),
        };
      } catch (err) {
        return errorPage(err, redirectUrl);
      }
    },

    /** 确认支付: the trade succeeds, the notification goes out (first delivery awaited), back to the merchant. */
    async confirm(form: { prepay?: string; redirect_url?: string }): Promise<PageResult> {
      const redirectUrl = safeRedirect(form.redirect_url);
      try {
        const { store, notifier } = core();
        const { trade, fresh } = store.pay(form.prepay ?? '');
        if (fresh) {
          await notifier.send(trade.notifyUrl, { eventType: 'TRANSACTION.SUCCESS', summary: '支付成功', originalType: 'transaction', resource: store.transactionView(trade) });
        }
        return redirectUrl ? { status: 303, redirect: redirectUrl } : statePage(200, true, '支付成功', '您可以关闭此页面 / You may close this page.', null);
      } catch (err) {
        return errorPage(err, redirectUrl);
      }
    },

    /** The trade behind a JSAPI `package` (`prepay_id=…`), for the sandbox bridge's payment sheet. */
    jsapiInfo(pkg: string): { status: number; body: Record<string, unknown> } {
      try {
        const { store } = core();
        const trade = store.tradeForPrepay(/^prepay_id=(.+)$/.exec(pkg)?.[1] ?? '', true);
        const current = store.trade(trade.outTradeNo)!;
        if (current.state === 'CLOSED') throw new SandboxError(409, 'ORDER_CLOSED', '订单已关闭');
        return { status: 200, body: { merchantName: o.merchantName, description: trade.description, outTradeNo: trade.outTradeNo, amountCents: trade.amount, state: current.state } };
      } catch (err) {
        if (!(err instanceof SandboxError)) throw err;
        return { status: err.status, body: { code: err.code, message: err.message } };
      }
    },

    /**
     * Pays a JSAPI order the way WeChat does when the payer taps 支付 in the sheet: checks the
     * parameters and paySign (merchant public key), that the payer is the order's (when the browser has a
     * sandbox WeChat user), then pays once and sends the signed, encrypted notification. The answer is
     * what `getBrandWCPayRequest` calls back with. Tests call it to "complete" a JSAPI payment.
     */
    async jsapiPay(p: JsapiPayRequest, req: { cookie?: string } = {}): Promise<{ err_msg: string; err_desc?: string }> {
      const fail = (desc: string) => ({ err_msg: 'get_brand_wcpay_request:fail', err_desc: desc });
      const { keys, store, notifier, mp, merchantPublicKey } = core();
      const fields = [p.appId, p.timeStamp, p.nonceStr, p.package, p.signType, p.paySign];
      if (!fields.every((f): f is string => typeof f === 'string' && f.length > 0)) return fail('调用支付JSAPI缺少参数');
      const [appId, timeStamp, nonceStr, pkg, signType, paySign] = fields as string[] as [string, string, string, string, string, string];
      if (appId !== keys.appid) return fail('appId 与商户号不匹配');
      if (signType !== 'RSA') return fail('signType 参数错误');
      if (!/^\d{1,12}$/.test(timeStamp)) return fail('timeStamp 参数错误');
      if (!verifyJsapiPaySign({ appId, timeStamp, nonceStr, package: pkg, paySign }, merchantPublicKey)) return fail('支付验证签名失败');
      const prepayId = /^prepay_id=(.+)$/.exec(pkg)?.[1];
      if (!prepayId) return fail('package 参数错误');
      try {
        const { trade, fresh } = store.pay(prepayId, { payerOpenid: mp.currentOpenid(req.cookie, appId) });
        if (fresh) {
          await notifier.send(trade.notifyUrl, { eventType: 'TRANSACTION.SUCCESS', summary: '支付成功', originalType: 'transaction', resource: store.transactionView(trade) });
        }
        return { err_msg: 'get_brand_wcpay_request:ok' };
      } catch (err) {
        if (!(err instanceof SandboxError)) throw err;
        return fail(err.message);
      }
    },

    /** The WeixinJSBridge stand-in (`<prefix>/jsbridge.js`). */
    bridgeScript: () => jsBridgeScript(prefix),
    bridgeScriptUrl: `${prefix}/jsbridge.js`,

    /** The official account's OAuth counterpart (authorize sheet, code exchange). */
    mpPrefix,
    get mp() {
      return core().mp;
    },
    /** The sandbox official account's appid and secret (what WECHAT_MP_APPID/SECRET are in production). */
    mpCredentials(): { appid: string; secret: string } {
      const { keys } = core();
      return { appid: keys.appid, secret: sandboxMpSecret(keys) };
    },
    /** Where the browser is sent to authorise (relative unless the public origin is known). */
    mpAuthorizeBaseUrl: `${publicOrigin ?? ''}${mpPrefix}`,
    /** Base URL for an OAuth client that reaches the sandbox in-process (see `mpFetch`). */
    mpApiBaseUrl: `http://wechat-mp.sandbox${mpPrefix}`,
    /** A `fetch` that hands the code exchange straight to the sandbox (no socket). */
    mpFetch: (async (input: string | URL | Request) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.pathname !== `${mpPrefix}/sns/oauth2/access_token`) return new Response('{"errcode":-1,"errmsg":"not found"}', { status: 404 });
      const body = core().mp.accessToken(Object.fromEntries(url.searchParams));
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } });
    }) as typeof fetch,

    cancel(form: { prepay?: string; redirect_url?: string }): PageResult {
      const redirectUrl = safeRedirect(form.redirect_url);
      return redirectUrl ? { status: 303, redirect: redirectUrl } : statePage(200, false, '已取消支付', 'Payment cancelled.', null);
    },

    useLocalDelivery: control.useLocalDelivery,
    idle: control.idle,
    close: control.close,
  };
}
export type WechatSandbox = ReturnType<typeof createWechatSandbox>;
