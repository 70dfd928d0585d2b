import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { orderHistory, orders, payments, refunds } from '../../db/schema.js';
import { noteColumns, type OrderNote } from './order-notes.js';

export type OrderRow = typeof orders.$inferSelect;
export type OrderStatus = OrderRow['status'];
export type HistoryActor = { type: (typeof orderHistory.$inferInsert)['actorType']; id?: string | null };

export function createOrdersRepo(db: Db) {
  return {
    async insert(row: typeof orders.$inferInsert, actor: HistoryActor): Promise<OrderRow> {
      return db.transaction(async (tx) => {
        const [order] = await tx.insert(orders).values(row).returning();
        await tx.insert(orderHistory).values({ orderId: order!.id, fromStatus: null, toStatus: order!.status, actorType: actor.type, actorId: actor.id ?? null });
        return order!;
      });
    },
    async findById(id: string): Promise<OrderRow | undefined> {
      const [row] = await db.select().from(orders).where(eq(orders.id, id));
      return row;
    },
    async findByOrderNo(orderNo: string): Promise<OrderRow | undefined> {
      const [row] = await db.select().from(orders).where(eq(orders.orderNo, orderNo));
      return row;
    },
    listByStudent: (studentId: string) => db.select().from(orders).where(eq(orders.studentId, studentId)).orderBy(desc(orders.createdAt)),
    listByCollection: (collectionId: string) => db.select().from(orders).where(eq(orders.collectionId, collectionId)).orderBy(desc(orders.createdAt)),
    history: (orderId: string) => db.select().from(orderHistory).where(eq(orderHistory.orderId, orderId)).orderBy(orderHistory.createdAt),
    refunds: (orderId: string) => db.select().from(refunds).where(eq(refunds.orderId, orderId)).orderBy(refunds.createdAt),

    /**
     * One state transition in one transaction: a conditional update on the expected states plus a
     * history row. Returns null when the order was not in an expected state (someone else moved it).
     */
    async transition(
      id: string,
      from: readonly OrderStatus[],
      to: OrderStatus,
      set: Partial<typeof orders.$inferInsert>,
      actor: HistoryActor,
      note?: OrderNote,
    ): Promise<OrderRow | null> {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .update(orders)
          .set({ ...set, status: to })
          .where(and(eq(orders.id, id), inArray(orders.status, [...from])))
          .returning();
        if (!row) return null;
        const fromStatus = from.length === 1 ? from[0]! : null;
        await tx.insert(orderHistory).values({ orderId: id, fromStatus, toStatus: to, actorType: actor.type, actorId: actor.id ?? null, ...noteColumns(note) });
        return row;
      });
    },

    /**
     * Records a provider payment once (unique per provider + transaction id) and, when the order is
     * still pending, marks it paid — atomically. `outcome` tells what happened.
     */
    async recordPayment(input: {
      orderId: string;
      provider: (typeof payments.$inferInsert)['provider'];
      transactionId: string;
      amountCents: number;
      paidAt: Date;
      raw: Record<string, unknown>;
    }): Promise<{ outcome: 'paid' | 'duplicate' | 'late'; order: OrderRow }> {
      return db.transaction(async (tx) => {
        const inserted = await tx
          .insert(payments)
          .values({ orderId: input.orderId, provider: input.provider, transactionId: input.transactionId, amountCents: input.amountCents, status: 'succeeded', raw: input.raw })
          .onConflictDoNothing()
          .returning({ id: payments.id });
        const [current] = await tx.select().from(orders).where(eq(orders.id, input.orderId));
        if (inserted.length === 0) return { outcome: 'duplicate' as const, order: current! };
        const [paid] = await tx
          .update(orders)
          .set({ status: 'paid', paidAt: input.paidAt })
          .where(and(eq(orders.id, input.orderId), eq(orders.status, 'pending_payment')))
          .returning();
        if (!paid) {
          await tx.update(payments).set({ status: 'refunded_late' }).where(eq(payments.id, inserted[0]!.id));
          return { outcome: 'late' as const, order: current! };
        }
        await tx.insert(orderHistory).values({ orderId: paid.id, fromStatus: 'pending_payment', toStatus: 'paid', actorType: 'provider', actorId: input.provider, ...noteColumns({ code: 'payment', params: { transactionId: input.transactionId } }) });
        return { outcome: 'paid' as const, order: paid };
      });
    },

    async paymentFor(orderId: string) {
      const [row] = await db.select().from(payments).where(eq(payments.orderId, orderId)).orderBy(desc(payments.createdAt)).limit(1);
      return row;
    },

    async insertRefund(row: typeof refunds.$inferInsert) {
      const [inserted] = await db.insert(refunds).values(row).returning();
      return inserted!;
    },
    async setRefundStatus(refundNo: string, status: (typeof refunds.$inferInsert)['status']) {
      const [row] = await db.update(refunds).set({ status }).where(eq(refunds.refundNo, refundNo)).returning();
      return row;
    },
    /** Adds a succeeded refund to the order's refunded total; a full refund moves it to `refunded`. */
    async applyRefund(orderId: string, refund: { refundNo: string; amountCents: number; reason: string }, actor: HistoryActor): Promise<OrderRow | null> {
      const { amountCents } = refund;
      const note = noteColumns({ code: 'refund', params: { refundNo: refund.refundNo, amountCents }, text: refund.reason });
      return db.transaction(async (tx) => {
        const [row] = await tx
          .update(orders)
          .set({ refundedCents: sql`${orders.refundedCents} + ${amountCents}` })
          .where(and(eq(orders.id, orderId), sql`${orders.refundedCents} + ${amountCents} <= ${orders.amountCents}`))
          .returning();
        if (!row) return null;
        if (row.refundedCents === row.amountCents && row.status !== 'refunded' && row.status !== 'closed') {
          const [done] = await tx.update(orders).set({ status: 'refunded' }).where(eq(orders.id, orderId)).returning();
          await tx.insert(orderHistory).values({ orderId, fromStatus: row.status, toStatus: 'refunded', actorType: actor.type, actorId: actor.id ?? null, ...note });
          return done!;
        }
        await tx.insert(orderHistory).values({ orderId, fromStatus: row.status, toStatus: row.status, actorType: actor.type, actorId: actor.id ?? null, ...note });
        return row;
      });
    },

    expiredPending: (now: Date) =>
      db.select({ id: orders.id }).from(orders).where(and(eq(orders.status, 'pending_payment'), lt(orders.expiresAt, now))),
  };
}
export type OrdersRepo = ReturnType<typeof createOrdersRepo>;
