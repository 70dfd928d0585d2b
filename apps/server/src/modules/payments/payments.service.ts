import { WechatPayApiError, type WechatPayClient } from '../../adapters/wechatpay/client.js';
import type { HeaderBag } from '../../adapters/wechatpay/crypto.js';
import type { Transaction } from '../../adapters/wechatpay/types.js';
import type { PayMethod, StartJsapiPaymentResponse } from '@gradphoto/contracts/payments';
import { bilingual as m, errors } from '../../errors.js';
import type { OrderRow } from '../orders/orders.repo.js';
import type { OrdersService } from '../orders/orders.service.js';
import { createAlipayPayments, type AlipayPaymentsDeps } from './alipay.service.js';
import { createPaymentApplier } from './apply-payment.js';
import { fail, received, rejectedNotification, consoleLogger, type Logger, type NotifyReply } from './notify-reply.js';
import type { PaymentProviderName, PaymentsRepo } from './payments.repo.js';
import type { RefundsService } from './refunds.service.js';
import type { WechatOAuthService } from './wechat-oauth.service.js';

export interface PaymentsDeps {
  orders: Pick<OrdersService, 'findByOrderNo' | 'applyPayment' | 'closeIfExpired'>;
  repo: Pick<PaymentsRepo, 'paymentByTransaction'>;
  refunds: Pick<RefundsService, 'refundLatePayment'>;
  /** WeChat Pay (absent when the centre takes Alipay only). */
  wechat?: Pick<WechatPayClient, 'mchid' | 'appid' | 'prepayH5' | 'prepayJsapi' | 'jsapiPayParams' | 'queryByOutTradeNo' | 'closeOrder' | 'openTransactionNotification'>;
  /** Alipay (absent when the centre takes WeChat Pay only). */
  alipay?: AlipayPaymentsDeps['alipay'];
  /** Absolute URL of `POST /api/payments/alipay/notify`. */
  alipayNotifyUrl?: string;
  /** What students may pay with, in this order (the first is the default). */
  methods: readonly PayMethod[];
  /** The payer's openid for JSAPI payment inside WeChat (absent: JSAPI unavailable). */
  oauth?: Pick<WechatOAuthService, 'available' | 'appid' | 'openidFor' | 'forgetOpenid' | 'beginAuthorization'>;
  /** Development: the sandbox's WeixinJSBridge stand-in, handed to the page with the JSAPI parameters. */
  sandboxBridgeScript?: string;
  /** Recorded on payment rows: `sandbox` in development, `wechat` with the real API. */
  provider: Extract<PaymentProviderName, 'wechat' | 'sandbox'>;
  /** Absolute URL of `POST /api/payments/wechat/notify`. */
  notifyUrl: string;
  /** What the payer's bill says, e.g. "示范图像采集中心-学历照片采集". */
  description(order: OrderRow): string;
  /** The app's public origin; when set, the return URL handed to the provider is absolute. */
  publicUrl?: string;
  now?: () => Date;
  logger?: Logger;
}

const closedError = () => errors.conflict('ORDER_CLOSED', m('订单已关闭，请重新下单', 'This order is closed; please place a new order'));
const paidError = () => errors.conflict('ORDER_PAID', m('订单已支付', 'This order is already paid'));
const unavailable = () => errors.conflict('PAYMENT_UNAVAILABLE', m('支付服务暂时不可用，请稍后再试', 'Payment is unavailable right now; please try again later'));
const methodUnavailable = () => errors.conflict('PAY_METHOD_UNAVAILABLE', m('暂不支持该支付方式', 'This payment method is not available'));
const jsapiUnavailable = () =>
  errors.conflict('JSAPI_UNAVAILABLE', m('暂不支持在微信内支付，请在手机浏览器中打开本页面后支付', 'Paying inside WeChat is not available; please open this page in your phone\'s browser to pay'));

/** What the payer's WeChat bill says for an order (at most 127 characters). */
export function orderDescription(centreName: string, order: Pick<OrderRow, 'kind' | 'withPrints'>): string {
  const what = order.kind === 'reprint' ? '照片加洗' : order.kind === 'prints' ? '照片冲印' : order.withPrints ? '学历照片采集及冲印' : '学历照片采集';
  return `${centreName}-${what}`.slice(0, 127);
}

/** A path inside this app (no open redirect): `/orders/…`, not `//evil.example` or `https://…`. */
export function isSafeReturnPath(url: string): boolean {
  return /^\/(?![/\\])[^\s\\]*$/.test(url) && url.length <= 512;
}

/**
 * WeChat Pay for orders: starts H5 payments, and turns verified notifications into order payments
 * (`orders.applyPayment` is idempotent). A payment that arrives for a closed order is refunded in full.
 */
export function createPaymentsService(deps: PaymentsDeps) {
  const now = deps.now ?? (() => new Date());
  const log = deps.logger ?? consoleLogger;
  const applyPayment = createPaymentApplier({ orders: deps.orders, repo: deps.repo, refunds: deps.refunds, log });
  const wechatOn = deps.methods.includes('wechat') ? deps.wechat : undefined;
  const alipayOn =
    deps.methods.includes('alipay') && deps.alipay
      ? createAlipayPayments({ alipay: deps.alipay, apply: applyPayment, notifyUrl: deps.alipayNotifyUrl ?? '', description: deps.description, now, log })
      : undefined;
  const wechatClient = () => {
    if (!wechatOn) throw methodUnavailable();
    return wechatOn;
  };

  /** Applies a WeChat Pay transaction; the answer is what the notify route sends back. */
  async function applyTransaction(tx: Transaction): Promise<NotifyReply> {
    const wechat = wechatClient();
    if (tx.mchid !== wechat.mchid || (tx.appid !== wechat.appid && tx.appid !== deps.oauth?.appid())) {
      log.warn({ mchid: tx.mchid, appid: tx.appid }, 'payment for another merchant');
      return fail(400, 'unknown merchant');
    }
    if (tx.trade_state !== 'SUCCESS' || !tx.transaction_id || !tx.amount) return received;
    const paidAt = tx.success_time && !Number.isNaN(Date.parse(tx.success_time)) ? new Date(tx.success_time) : now();
    const outcome = await applyPayment({ orderNo: tx.out_trade_no, provider: deps.provider, transactionId: tx.transaction_id, amountCents: tx.amount.total, paidAt, raw: tx });
    return outcome.ok ? received : fail(outcome.status, outcome.message);
  }

  /** Asks every enabled provider about the order (the page does not say where the payer went); failures are logged. */
  async function syncPayment(orderNo: string): Promise<void> {
    const asks: Array<Promise<void>> = [];
    if (wechatOn) {
      asks.push(
        wechatOn.queryByOutTradeNo(orderNo).then(async (tx) => {
          if (tx && (tx.trade_state === 'SUCCESS' || tx.trade_state === 'REFUND')) await applyTransaction({ ...tx, trade_state: 'SUCCESS' });
        }),
      );
    }
    if (alipayOn) asks.push(alipayOn.sync(orderNo));
    for (const r of await Promise.allSettled(asks)) {
      if (r.status === 'rejected') log.warn({ orderNo, err: (r.reason as Error).message }, 'payment query failed');
    }
  }

  async function ownOrder(studentId: string, orderNo: string): Promise<OrderRow> {
    const order = await deps.orders.findByOrderNo(orderNo);
    if (!order || order.studentId !== studentId) throw errors.notFound(m('订单不存在', 'Order not found'));
    return order;
  }

  /** The student's order, if it can be paid now (an expired one is closed on the way). */
  async function payableOrder(studentId: string, orderNo: string): Promise<OrderRow> {
    const order = await ownOrder(studentId, orderNo);
    if (order.status === 'closed') throw closedError();
    if (order.status !== 'pending_payment') throw paidError();
    if (order.expiresAt && order.expiresAt <= now()) {
      await deps.orders.closeIfExpired(order.id);
      throw closedError();
    }
    if (order.amountCents <= 0) throw errors.conflict('NOTHING_TO_PAY', m('该订单无需支付', 'Nothing to pay for this order'));
    return order;
  }

  function returnPathOf(orderNo: string, returnUrl: string | undefined): string {
    if (returnUrl !== undefined && !isSafeReturnPath(returnUrl)) {
      throw errors.validation('RETURN_URL', m('返回地址无效', 'The return address is not valid'), [{ path: 'returnUrl', message: m('必须是本站路径', 'Must be a path on this site') }]);
    }
    return returnUrl ?? `/orders/${encodeURIComponent(orderNo)}`;
  }

  const prepayInput = (order: OrderRow) => ({
    description: deps.description(order),
    outTradeNo: order.orderNo,
    amountCents: order.amountCents,
    notifyUrl: deps.notifyUrl,
    ...(order.expiresAt ? { timeExpire: order.expiresAt } : {}),
  });

  /** The domain error for a failed prepay (paid meanwhile: the payment is applied first). */
  async function prepayFailure(err: unknown, order: OrderRow): Promise<unknown> {
    if (!(err instanceof WechatPayApiError)) return err;
    if (err.code === 'ORDERPAID' || err.code === 'ORDER_PAID') {
      await syncPayment(order.orderNo);
      return paidError();
    }
    if (err.code === 'ORDER_CLOSED') return closedError();
    log.error({ orderNo: order.orderNo, status: err.status, code: err.code, err: err.message }, 'prepay failed');
    return unavailable();
  }

  return {
    /** Starts an H5 payment of the student's pending order; `payUrl` is where the browser goes. */
    async startPayment(studentId: string, orderNo: string, opts: { returnUrl?: string; clientIp?: string; method?: PayMethod; origin?: string } = {}): Promise<{ payUrl: string }> {
      const method = opts.method ?? deps.methods[0];
      if (!method || !deps.methods.includes(method)) throw methodUnavailable();
      const order = await payableOrder(studentId, orderNo);
      const returnPath = returnPathOf(orderNo, opts.returnUrl);
      if (method === 'alipay') {
        if (!alipayOn) throw methodUnavailable();
        // Alipay wants absolute return and quit URLs
        return { payUrl: alipayOn.payUrl(order, new URL(returnPath, deps.publicUrl ?? opts.origin ?? 'http://localhost').toString()) };
      }
      let h5Url: string;
      try {
        ({ h5Url } = await wechatClient().prepayH5({ ...prepayInput(order), payerClientIp: opts.clientIp ?? '127.0.0.1' }));
      } catch (err) {
        throw await prepayFailure(err, order);
      }
      const back = deps.publicUrl ? new URL(returnPath, deps.publicUrl).toString() : returnPath;
      return { payUrl: `${h5Url}${h5Url.includes('?') ? '&' : '?'}redirect_url=${encodeURIComponent(back)}` };
    },

    /**
     * Starts a JSAPI payment (inside WeChat's browser). Without the student's openid for the official
     * account yet, the answer is the WeChat authorisation link (its state bound to `sessionId`), which comes
     * back to the return path; with it, a JSAPI order for that openid and the signed `getBrandWCPayRequest`
     * parameters. What the page's callback says decides nothing: the notification or the query does.
     */
    async startJsapiPayment(studentId: string, orderNo: string, opts: { sessionId: string; origin: string; returnUrl?: string }): Promise<StartJsapiPaymentResponse> {
      const oauth = deps.oauth;
      const appid = oauth?.appid();
      if (!oauth?.available || !appid || !wechatOn) throw jsapiUnavailable();
      const order = await payableOrder(studentId, orderNo);
      const returnPath = returnPathOf(orderNo, opts.returnUrl);
      const authorize = async () => ({ action: 'authorize' as const, authorizeUrl: await oauth.beginAuthorization({ sessionId: opts.sessionId, returnPath, origin: opts.origin }) });
      const openid = await oauth.openidFor(studentId);
      if (!openid) return authorize();
      let prepayId: string;
      try {
        ({ prepayId } = await wechatOn.prepayJsapi({ ...prepayInput(order), appid, payerOpenid: openid }));
      } catch (err) {
        if (err instanceof WechatPayApiError && err.code === 'PARAM_ERROR' && /openid/i.test(err.message)) {
          // an openid the provider does not take for this appid (the account changed): learn it again
          log.warn({ orderNo, err: err.message }, 'openid refused; authorising again');
          await oauth.forgetOpenid(studentId);
          return authorize();
        }
        throw await prepayFailure(err, order);
      }
      return {
        action: 'invoke',
        params: wechatOn.jsapiPayParams(prepayId, appid),
        ...(deps.sandboxBridgeScript ? { bridgeScript: deps.sandboxBridgeScript } : {}),
      };
    },

    /** `POST /api/payments/alipay/notify`: see `AlipayPayments.handleNotify`. */
    async handleAlipayNotify(form: Record<string, string>) {
      if (!alipayOn) return { status: 404, body: 'fail' as const };
      return alipayOn.handleNotify(form);
    },

    /** `POST /api/payments/wechat/notify`: verify, decrypt, apply. Forged or stale → 401 FAIL, nothing changes. */
    async handleWechatNotify(headers: HeaderBag, rawBody: string): Promise<NotifyReply> {
      if (!wechatOn) return fail(404, 'WeChat Pay is not enabled');
      let opened;
      try {
        opened = wechatOn.openTransactionNotification(headers, rawBody);
      } catch (err) {
        return rejectedNotification(err, log, 'payment');
      }
      if (opened.envelope.event_type !== 'TRANSACTION.SUCCESS') {
        log.info({ eventType: opened.envelope.event_type }, 'ignored payment notification event');
        return received;
      }
      return applyTransaction(opened.resource);
    },

    /** Asks the provider whether the student's order was paid (a lost or late notification); returns the order. */
    async checkPayment(studentId: string, orderNo: string): Promise<OrderRow> {
      const order = await ownOrder(studentId, orderNo);
      if (order.status === 'pending_payment' || order.status === 'closed') await syncPayment(orderNo);
      return (await deps.orders.findByOrderNo(orderNo))!;
    },

    /**
     * For the close job, before an unpaid order is closed: closes it at the provider (so it can't be
     * paid any more), then asks whether it was paid meanwhile — if so, the payment is applied and the
     * answer is 'paid' (don't close). Any failure answers 'unpaid': a later payment is refunded anyway.
     */
    async reconcileBeforeClose(orderNo: string): Promise<'paid' | 'unpaid'> {
      const closes: Array<Promise<unknown>> = [];
      if (wechatOn) {
        closes.push(
          wechatOn.closeOrder(orderNo).catch((err: unknown) => {
            if (err instanceof WechatPayApiError && err.status === 404) return; // never prepaid there
            throw err;
          }),
        );
      }
      if (alipayOn) closes.push(alipayOn.close(orderNo));
      for (const r of await Promise.allSettled(closes)) {
        if (r.status === 'rejected') log.warn({ orderNo, err: (r.reason as Error).message }, 'closing the order at the provider failed');
      }
      await syncPayment(orderNo);
      const order = await deps.orders.findByOrderNo(orderNo);
      return order && order.status !== 'pending_payment' && order.status !== 'closed' ? 'paid' : 'unpaid';
    },
  };
}
export type PaymentsService = ReturnType<typeof createPaymentsService>;
