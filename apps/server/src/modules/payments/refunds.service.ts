import { AlipayApiError, type AlipayClient } from '../../adapters/alipay/client.js';
import { WechatPayApiError, type WechatPayClient } from '../../adapters/wechatpay/client.js';
import type { HeaderBag } from '../../adapters/wechatpay/crypto.js';
import type { Refund } from '../../adapters/wechatpay/types.js';
import { bilingual as m, DomainError, errors } from '../../errors.js';
import { generateOrderNo } from '../orders/order-no.js';
import type { HistoryActor, OrderRow } from '../orders/orders.repo.js';
import { fail, received, rejectedNotification, consoleLogger, type Logger, type NotifyReply } from './notify-reply.js';
import type { PaymentRow, PaymentsRepo, RefundRow } from './payments.repo.js';
import { PAID_ORDER_STATES } from '../orders/order-states.js';

export const LATE_REFUND_REASON = '订单已关闭，自动退款';
/** Orders that hold the student's money. */
const REFUNDABLE = PAID_ORDER_STATES;

export interface RefundsDeps {
  repo: PaymentsRepo;
  findOrder(orderId: string): Promise<OrderRow | undefined>;
  /** WeChat Pay (absent when the centre takes Alipay only). */
  wechat?: Pick<WechatPayClient, 'mchid' | 'refund' | 'queryRefund' | 'openRefundNotification'>;
  /** Alipay, for payments made with it (`alipay.trade.refund`, answered at once). */
  alipay?: Pick<AlipayClient, 'refund' | 'queryRefund'>;
  refundNotifyUrl: string;
  /** After money went back (the order's refunded total changed): notify the student, etc. */
  onRefunded?(order: OrderRow, refund: RefundRow): Promise<void>;
  now?: () => Date;
  logger?: Logger;
}

/** `LATE` + the provider's transaction id: retried notifications refund the same payment once. */
export const lateRefundNo = (transactionId: string) => `LATE${transactionId}`;

const encodeActor = (a: HistoryActor) => (a.id ? `${a.type}:${a.id}` : a.type);
function decodeActor(s: string | null): HistoryActor {
  const [type, id] = (s ?? 'system').split(':', 2) as [HistoryActor['type'], string | undefined];
  return { type: ['student', 'staff', 'system', 'provider'].includes(type) ? type : 'system', id: id ?? null };
}

/**
 * Refunds through the provider: full or partial ones from the console, and the automatic refund of a
 * payment that arrived for a closed order. A refund row is `processing` until the provider settles it
 * (answer or `REFUND.*` notification); settling is conditional, so it counts once.
 */
export function createRefundsService(deps: RefundsDeps) {
  const now = deps.now ?? (() => new Date());
  const log = deps.logger ?? consoleLogger;

  async function settle(refundNo: string, outcome: 'succeeded' | 'failed', requestedBy: string | null) {
    const settled = await deps.repo.settleRefund(refundNo, outcome, decodeActor(requestedBy));
    if (!settled) return;
    if (outcome === 'succeeded' && !settled.order) log.error({ refundNo }, 'refund succeeded at the provider but exceeds the order total');
    if (settled.order) await deps.onRefunded?.(settled.order, settled.refund);
  }

  /** Applies what the provider says about a refund. */
  async function apply(row: RefundRow, status: Refund['status']) {
    if (status === 'SUCCESS') await settle(row.refundNo, 'succeeded', row.requestedBy);
    else if (status === 'CLOSED' || status === 'ABNORMAL') {
      log.error({ refundNo: row.refundNo, status }, 'refund not completed by the provider');
      await settle(row.refundNo, 'failed', row.requestedBy);
    }
  }

  const unavailable = () =>
    errors.conflict('PAYMENT_UNAVAILABLE', m('支付平台暂时无法处理退款，请稍后再试', 'The payment provider cannot process the refund right now; please try again later'));
  function wechatClient() {
    if (!deps.wechat) throw unavailable();
    return deps.wechat;
  }
  function alipayClient() {
    if (!deps.alipay) throw unavailable();
    return deps.alipay;
  }

  /**
   * Alipay answers a refund at once: `fund_change: 'Y'` is money moved now; 'N' (a repeated request
   * number) is checked with the refund query (`REFUND_SUCCESS`), otherwise it stays processing.
   */
  async function alipayRefund(row: RefundRow, payment: Pick<PaymentRow, 'transactionId'>, orderNo: string): Promise<Refund['status']> {
    const alipay = alipayClient();
    const answer = await alipay.refund({ outTradeNo: orderNo, ...(payment.transactionId ? { tradeNo: payment.transactionId } : {}), amountCents: row.amountCents, outRequestNo: row.refundNo, reason: row.reason });
    if (answer.fund_change === 'Y') return 'SUCCESS';
    return (await alipay.queryRefund(orderNo, row.refundNo))?.refund_status === 'REFUND_SUCCESS' ? 'SUCCESS' : 'PROCESSING';
  }

  /** A refusal the provider will not change its mind about (vs. a timeout, a 5xx or a rate limit). */
  function refusal(err: unknown): { code: string; message: string } | null {
    if (err instanceof WechatPayApiError && err.status >= 400 && err.status < 500 && err.code !== 'FREQUENCY_LIMITED') return { code: err.code, message: err.message };
    if (err instanceof AlipayApiError && err.definite) return { code: err.subCode ?? err.code, message: err.message };
    return null;
  }

  /** Sends a processing refund to the payment's provider (idempotent there per refund number). */
  async function submit(row: RefundRow, payment: Pick<PaymentRow, 'transactionId' | 'amountCents' | 'provider'>, order: Pick<OrderRow, 'orderNo'>) {
    let status: Refund['status'];
    try {
      status =
        payment.provider === 'alipay'
          ? await alipayRefund(row, payment, order.orderNo)
          : (
              await wechatClient().refund({
                outRefundNo: row.refundNo,
                ...(payment.transactionId ? { transactionId: payment.transactionId } : { outTradeNo: order.orderNo }),
                reason: row.reason,
                amountCents: row.amountCents,
                totalCents: payment.amountCents,
                notifyUrl: deps.refundNotifyUrl,
              })
            ).status;
    } catch (err) {
      // a definite refusal settles the row as failed; a timeout or 5xx leaves it processing (syncRefund)
      const refused = refusal(err);
      if (refused) {
        log.error({ refundNo: row.refundNo, code: refused.code, err: refused.message }, 'refund refused by the provider');
        await settle(row.refundNo, 'failed', row.requestedBy);
        throw errors.conflict('REFUND_REFUSED', m(`退款被支付平台拒绝：${refused.message}`, `The payment provider refused the refund: ${refused.message}`), { providerCode: refused.code });
      }
      if (err instanceof DomainError) throw err;
      log.error({ refundNo: row.refundNo, err: (err as Error).message }, 'refund request failed; it stays processing');
      throw unavailable();
    }
    await apply(row, status);
    return (await deps.repo.refundByNo(row.refundNo))!;
  }

  return {
    /** A full or partial refund from the console. */
    async refund(orderId: string, amountCents: number, reason: string, actor: HistoryActor): Promise<RefundRow> {
      if (!Number.isInteger(amountCents) || amountCents <= 0) {
        throw errors.validation('REFUND_AMOUNT', m('退款金额必须大于 0', 'The refund amount must be more than 0'), [{ path: 'amountCents', message: m('请输入退款金额', 'Enter the amount') }]);
      }
      const text = reason.trim();
      if (!text) throw errors.validation('REFUND_REASON', m('请填写退款原因', 'Please give a reason for the refund'), [{ path: 'reason', message: m('请填写退款原因', 'Enter a reason') }]);
      const order = await deps.findOrder(orderId);
      if (!order) throw errors.notFound(m('订单不存在', 'Order not found'));
      if (!REFUNDABLE.includes(order.status)) throw errors.conflict('REFUND_NOT_ALLOWED', m('该订单当前不能退款', 'This order cannot be refunded now'));
      const payment = await deps.repo.succeededPayment(order.id);
      if (!payment) throw errors.conflict('NOT_PAID', m('该订单没有可退款的支付记录', 'This order has no payment to refund'));
      const row = await deps.repo.reserveRefund({ orderId, refundNo: `RF${generateOrderNo(now())}`, amountCents, reason: text.slice(0, 80), requestedBy: encodeActor(actor) });
      if (!row) {
        throw errors.conflict('REFUND_EXCEEDS_PAID', m('退款金额超过可退金额', 'The refund is more than what is left to refund'), { refundableCents: order.amountCents - order.refundedCents });
      }
      return submit(row, payment, order);
    },

    /** Refunds a payment that arrived for a closed order, in full. Safe to call again for the same payment. */
    async refundLatePayment(payment: PaymentRow, order: OrderRow): Promise<RefundRow> {
      const row = await deps.repo.ensureRefund({
        orderId: order.id,
        refundNo: lateRefundNo(payment.transactionId ?? payment.id),
        amountCents: payment.amountCents,
        reason: LATE_REFUND_REASON,
        requestedBy: 'system',
      });
      if (row.status !== 'processing') return row;
      return submit(row, payment, order);
    },

    /** Asks the provider how a processing refund went (a lost notification, a timeout). */
    async syncRefund(refundNo: string): Promise<RefundRow | undefined> {
      const row = await deps.repo.refundByNo(refundNo);
      if (!row || row.status !== 'processing') return row;
      const payment = await deps.repo.paymentOfRefund(row);
      if (payment?.provider === 'alipay') {
        const order = await deps.findOrder(row.orderId);
        const answer = order ? await alipayClient().queryRefund(order.orderNo, refundNo) : null;
        if (answer?.refund_status === 'REFUND_SUCCESS') await apply(row, 'SUCCESS');
        return deps.repo.refundByNo(refundNo);
      }
      const answer = await wechatClient().queryRefund(refundNo);
      if (answer) await apply(row, answer.status);
      return deps.repo.refundByNo(refundNo);
    },

    /** `POST /api/payments/wechat/refund-notify`. */
    async handleRefundNotify(headers: HeaderBag, rawBody: string): Promise<NotifyReply> {
      if (!deps.wechat) return fail(404, 'WeChat Pay is not enabled');
      let notice;
      try {
        notice = deps.wechat.openRefundNotification(headers, rawBody);
      } catch (err) {
        return rejectedNotification(err, log, 'refund');
      }
      const r = notice.resource;
      if (r.mchid !== deps.wechat.mchid) return fail(400, 'unknown merchant');
      const row = await deps.repo.refundByNo(r.out_refund_no);
      if (!row) {
        log.warn({ outRefundNo: r.out_refund_no }, 'refund notification for an unknown refund');
        return received;
      }
      if (r.amount.refund !== row.amountCents) {
        log.error({ refundNo: row.refundNo, expected: row.amountCents, got: r.amount.refund }, 'refund notification amount mismatch');
        return fail(400, 'refund amount mismatch');
      }
      await apply(row, r.refund_status);
      return received;
    },
  };
}
export type RefundsService = ReturnType<typeof createRefundsService>;
