import { DomainError } from '../../errors.js';
import type { OrdersService } from '../orders/orders.service.js';
import type { Logger } from './notify-reply.js';
import type { PaymentProviderName, PaymentsRepo } from './payments.repo.js';
import type { RefundsService } from './refunds.service.js';

export interface ProviderPayment {
  orderNo: string;
  provider: PaymentProviderName;
  transactionId: string;
  amountCents: number;
  paidAt: Date;
  /** What the provider said (kept on the payment row, for accounting). */
  raw: Record<string, unknown>;
}

/** `received`: tell the provider to stop sending; otherwise the status and reason for asking again. */
export type ApplyOutcome = { ok: true } | { ok: false; status: number; message: string };

/**
 * Turns a verified provider payment into an order payment (`orders.applyPayment` is idempotent: a
 * repeated notification changes nothing). A payment for a closed order is refunded in full, once.
 * Shared by WeChat Pay and Alipay.
 */
export function createPaymentApplier(deps: {
  orders: Pick<OrdersService, 'applyPayment'>;
  repo: Pick<PaymentsRepo, 'paymentByTransaction'>;
  refunds: Pick<RefundsService, 'refundLatePayment'>;
  log: Logger;
}) {
  const log = deps.log;
  return async function applyProviderPayment(p: ProviderPayment): Promise<ApplyOutcome> {
    let result;
    try {
      result = await deps.orders.applyPayment(p);
    } catch (err) {
      if (err instanceof DomainError && err.code === 'AMOUNT_MISMATCH') {
        log.error({ orderNo: p.orderNo, provider: p.provider, transactionId: p.transactionId, ...err.data }, 'paid amount does not match the order; not applied');
        return { ok: false, status: 400, message: 'amount mismatch' };
      }
      if (err instanceof DomainError && err.code === 'NOT_FOUND') {
        log.warn({ orderNo: p.orderNo, provider: p.provider }, 'payment for an unknown order');
        return { ok: false, status: 404, message: 'order not found' };
      }
      throw err;
    }
    if (result.outcome === 'paid') return { ok: true };
    const payment = await deps.repo.paymentByTransaction(p.provider, p.transactionId);
    if (!payment || payment.status !== 'refunded_late') return { ok: true };
    // late (or a repeat of a late one whose refund may not have gone through): refund it, once
    try {
      const refund = await deps.refunds.refundLatePayment(payment, result.order);
      log.info({ orderNo: p.orderNo, refundNo: refund.refundNo, status: refund.status }, 'late payment refunded');
      return { ok: true };
    } catch (err) {
      log.error({ orderNo: p.orderNo, err: (err as Error).message }, 'refund of a late payment failed; asking for the notification again');
      return { ok: false, status: 500, message: 'refund pending' };
    }
  };
}
export type PaymentApplier = ReturnType<typeof createPaymentApplier>;
