import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { orders, payments, refunds } from '../../db/schema.js';
import { createOrdersRepo, type HistoryActor, type OrderRow } from '../orders/orders.repo.js';

export type PaymentRow = typeof payments.$inferSelect;
export type RefundRow = typeof refunds.$inferSelect;
export type PaymentProviderName = PaymentRow['provider'];

/** Queries for payments and refunds that need more than the orders repository offers. */
export function createPaymentsRepo(db: Db) {
  return {
    async paymentByTransaction(provider: PaymentProviderName, transactionId: string): Promise<PaymentRow | undefined> {
      const [row] = await db.select().from(payments).where(and(eq(payments.provider, provider), eq(payments.transactionId, transactionId)));
      return row;
    },
    /** The payment that paid the order (not a late one that was refunded). */
    async succeededPayment(orderId: string): Promise<PaymentRow | undefined> {
      const [row] = await db
        .select()
        .from(payments)
        .where(and(eq(payments.orderId, orderId), eq(payments.status, 'succeeded')))
        .orderBy(desc(payments.createdAt))
        .limit(1);
      return row;
    },
    /** The payment a refund gives back: the late one (`LATE<transaction id>`), otherwise the order's payment. */
    async paymentOfRefund(refund: Pick<RefundRow, 'orderId' | 'refundNo'>): Promise<PaymentRow | undefined> {
      if (refund.refundNo.startsWith('LATE')) {
        const [row] = await db
          .select()
          .from(payments)
          .where(and(eq(payments.orderId, refund.orderId), eq(payments.transactionId, refund.refundNo.slice(4))));
        if (row) return row;
      }
      return this.succeededPayment(refund.orderId);
    },
    async refundByNo(refundNo: string): Promise<RefundRow | undefined> {
      const [row] = await db.select().from(refunds).where(eq(refunds.refundNo, refundNo));
      return row;
    },

    /**
     * Records a refund request only if it fits: refunds processing or done, plus this one, never exceed
     * what was paid. The order row is locked meanwhile, so two staff clicking at once can't overshoot.
     * Returns null when it does not fit.
     */
    async reserveRefund(row: { orderId: string; refundNo: string; amountCents: number; reason: string; requestedBy: string }): Promise<RefundRow | null> {
      return db.transaction(async (tx) => {
        const [order] = await tx.select({ amountCents: orders.amountCents }).from(orders).where(eq(orders.id, row.orderId)).for('update');
        if (!order) return null;
        const [used] = await tx
          .select({ cents: sql<number>`coalesce(sum(${refunds.amountCents}), 0)::int` })
          .from(refunds)
          .where(and(eq(refunds.orderId, row.orderId), inArray(refunds.status, ['processing', 'succeeded'])));
        if ((used?.cents ?? 0) + row.amountCents > order.amountCents) return null;
        const [inserted] = await tx.insert(refunds).values({ ...row, status: 'processing' }).returning();
        return inserted!;
      });
    },

    /** The refund row for a deterministic refund number, created once (concurrent callers get the same row). */
    async ensureRefund(row: { orderId: string; refundNo: string; amountCents: number; reason: string; requestedBy: string }): Promise<RefundRow> {
      await db
        .insert(refunds)
        .values({ ...row, status: 'processing' })
        .onConflictDoNothing();
      const [existing] = await db.select().from(refunds).where(eq(refunds.refundNo, row.refundNo));
      return existing!;
    },

    /**
     * Settles a processing refund once: a conditional update on `processing`, and — when it succeeded —
     * the order's refunded total (a full refund moves the order to `refunded`) with its history row,
     * all in one transaction. Null when it was already settled (a repeated notification).
     */
    async settleRefund(refundNo: string, outcome: 'succeeded' | 'failed', actor: HistoryActor): Promise<{ refund: RefundRow; order: OrderRow | null } | null> {
      return db.transaction(async (tx) => {
        const [refund] = await tx
          .update(refunds)
          .set({ status: outcome })
          .where(and(eq(refunds.refundNo, refundNo), eq(refunds.status, 'processing')))
          .returning();
        if (!refund) return null;
        if (outcome === 'failed') return { refund, order: null };
        const order = await createOrdersRepo(tx).applyRefund(refund.orderId, refund, actor);
        return { refund, order };
      });
    },

    processingRefunds: (orderId: string) =>
      db.select().from(refunds).where(and(eq(refunds.orderId, orderId), eq(refunds.status, 'processing'))),
  };
}
export type PaymentsRepo = ReturnType<typeof createPaymentsRepo>;
