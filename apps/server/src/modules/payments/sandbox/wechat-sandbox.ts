import { createPrivateKey, createPublicKey } from 'node:crypto';
import { createSandboxApi, type ApiRequest, type ApiResponse } from './sandbox-api.js';
import { cashierPage, cashierStatePage } from './cashier-page.js';
import type { SandboxKeys } from './sandbox-keys.js';
import { createNotifier, fetchDeliver, type Deliver } from './sandbox-notification.js';
import { createSandboxStore, SandboxError } from './sandbox-store.js';

export const SANDBOX_PREFIX = '/sandbox/wechatpay';

export interface WechatSandboxOptions {
  /** The key material, or how to get it on first use (generating it takes a moment). */
  keys: SandboxKeys | (() => SandboxKeys);
  /** Shown on the cashier (the centre's name). */
  merchantName: string;
  prefix?: string;
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
}

/**
 * A local, protocol-faithful WeChat Pay for development: the v3 API (signed both ways), a cashier page,
 * and v3 notifications (signed, AES-256-GCM encrypted) sent to the merchant's notify_url with retries.
 */
export function createWechatSandbox(o: WechatSandboxOptions) {
  const prefix = o.prefix ?? SANDBOX_PREFIX;
  const now = o.now ?? (() => new Date());
  const publicOrigin = o.publicBaseUrl ? new URL(o.publicBaseUrl).origin : null;
  let deliver: Deliver = o.deliver ?? fetchDeliver;
  const cashierUrl = (prepayId: string) => `${publicOrigin ?? ''}${prefix}/cashier?prepay=${encodeURIComponent(prepayId)}`;

  /** Everything that needs the keys, built on first use: generating RSA keys takes a moment. */
  function build() {
    const keys = typeof o.keys === 'function' ? o.keys() : o.keys;
    const platformPrivateKey = createPrivateKey(keys.platformPrivateKeyPem);
    const store = createSandboxStore({ mchid: keys.mchid, appid: keys.appid, now });
    const notifier = createNotifier({
      signer: { serial: keys.platformSerial, privateKey: platformPrivateKey, apiV3Key: keys.apiV3Key },
      deliver: () => deliver,
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
    if (closed) notifier.close();
    return { keys, store, notifier, api };
  }
  let closed = false;
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

  const isLocal = (url: string) => {
    const u = new URL(url);
    return ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname) || u.origin === publicOrigin;
  };

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

    cancel(form: { prepay?: string; redirect_url?: string }): PageResult {
      const redirectUrl = safeRedirect(form.redirect_url);
      return redirectUrl ? { status: 303, redirect: redirectUrl } : statePage(200, false, '已取消支付', 'Payment cancelled.', null);
    },

    /** Route notifications for this app's own URLs through `local` (in-process); others over HTTP. */
    useLocalDelivery(local: Deliver): void {
      if (o.deliver) return;
      deliver = (url, req) => (isLocal(url) ? local(url, req) : fetchDeliver(url, req));
    },

    /** Resolves when no notification or refund is pending (tests). */
    idle: async () => built?.notifier.idle(),
    close: () => {
      closed = true;
      built?.notifier.close();
    },
  };
}
export type WechatSandbox = ReturnType<typeof createWechatSandbox>;
