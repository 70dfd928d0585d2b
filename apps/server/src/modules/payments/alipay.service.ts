import { AlipayNotificationError, type AlipayClient, type AlipayTrade } from '../../adapters/alipay/client.js';
import { centsOf, parseAlipayTime } from '../../adapters/alipay/sign.js';
import type { OrderRow } from '../orders/orders.repo.js';
import type { PaymentApplier } from './apply-payment.js';
import type { Logger } from './notify-reply.js';

/** What `POST /api/payments/alipay/notify` answers: Alipay stops re-sending only on the literal `success`. */
export interface AlipayNotifyReply {
  status: number;
  body: 'success' | 'fail';
}
const success: AlipayNotifyReply = { status: 200, body: 'success' };
const failWith = (status: number): AlipayNotifyReply => ({ status, body: 'fail' });

/** Trades that are paid (TRADE_FINISHED: paid and no longer refundable). */
const PAID = new Set(['TRADE_SUCCESS', 'TRADE_FINISHED']);

export interface AlipayPaymentsDeps {
  alipay: Pick<AlipayClient, 'appId' | 'wapPayUrl' | 'verifyNotification' | 'query' | 'close'>;
  apply: PaymentApplier;
  /** Absolute URL of `POST /api/payments/alipay/notify`. */
  notifyUrl: string;
  description(order: OrderRow): string;
  now: () => Date;
  log: Logger;
}

/**
 * Alipay for orders (手机网站支付, `alipay.trade.wap.pay`): the signed gateway link, verified
 * notifications turned into payments (app_id, order, amount in yuan and trade status checked), and the
 * trade query and close for lost notifications and the close job.
 */
export function createAlipayPayments(deps: AlipayPaymentsDeps) {
  const log = deps.log;

  /** A paid trade (from a notification or a query) applied to its order. */
  async function applyTrade(t: { out_trade_no: string; trade_no: string; total_amount: string; paidAt: string | undefined; raw: Record<string, unknown> }) {
    const amountCents = centsOf(t.total_amount);
    if (amountCents === null) {
      log.error({ orderNo: t.out_trade_no, totalAmount: t.total_amount }, 'Alipay amount malformed; not applied');
      return { ok: false as const, status: 400, message: 'amount malformed' };
    }
    return deps.apply({ orderNo: t.out_trade_no, provider: 'alipay', transactionId: t.trade_no, amountCents, paidAt: parseAlipayTime(t.paidAt) ?? deps.now(), raw: t.raw });
  }

  return {
    /** The gateway link for the order; the browser comes back to `returnUrl` (absolute) whatever happens. */
    payUrl(order: OrderRow, returnUrl: string): string {
      return deps.alipay.wapPayUrl({
        outTradeNo: order.orderNo,
        amountCents: order.amountCents,
        subject: deps.description(order),
        returnUrl,
        notifyUrl: deps.notifyUrl,
        quitUrl: returnUrl,
        ...(order.expiresAt ? { timeExpire: order.expiresAt } : {}),
      });
    },

    /**
     * `POST /api/payments/alipay/notify` (form fields): the signature with Alipay's public key, then
     * app_id, then the trade status; a paid trade is applied (order and amount checked there). A forged
     * or malformed one is refused and logged; nothing changes.
     */
    async handleNotify(form: Record<string, string>): Promise<AlipayNotifyReply> {
      let notice;
      try {
        notice = deps.alipay.verifyNotification(form);
      } catch (err) {
        if (!(err instanceof AlipayNotificationError)) throw err;
        log.warn({ reason: err.reason, outTradeNo: form.out_trade_no, notifyId: form.notify_id }, 'Alipay payment notification rejected');
        return failWith(401);
      }
      if (notice.app_id !== deps.alipay.appId) {
        log.warn({ appId: notice.app_id, outTradeNo: notice.out_trade_no }, 'Alipay notification for another application');
        return failWith(400);
      }
      if (!PAID.has(notice.trade_status)) {
        log.info({ outTradeNo: notice.out_trade_no, tradeStatus: notice.trade_status }, 'Alipay notification without a payment');
        return success;
      }
      const { sign: _sign, ...kept } = notice;
      const outcome = await applyTrade({ ...notice, paidAt: notice.gmt_payment, raw: kept });
      return outcome.ok ? success : failWith(outcome.status);
    },

    /** Asks Alipay about the order's trade (a lost notification) and applies it when paid. */
    async sync(orderNo: string): Promise<void> {
      const trade: AlipayTrade | null = await deps.alipay.query(orderNo);
      if (!trade || !PAID.has(trade.trade_status)) return;
      await applyTrade({ ...trade, paidAt: trade.send_pay_date, raw: trade });
    },

    /** No more payment of the order at Alipay (a trade the payer never opened does not exist there: fine). */
    async close(orderNo: string): Promise<void> {
      await deps.alipay.close(orderNo);
    },
  };
}
export type AlipayPayments = ReturnType<typeof createAlipayPayments>;
