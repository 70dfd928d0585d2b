import { TransactionRollbackError, and, asc, eq, inArray, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { batches, collections, graduates, orderHistory, orders, schools } from '../../db/schema.js';
import type { OrderRow, OrderStatus } from '../orders/orders.repo.js';
import { noteColumns } from '../orders/order-notes.js';

/** Queries of shipping: bulk shipping in one transaction, address labels, orders due to auto-complete. */
export function createShippingRepo(db: Db) {
  return {
    async byOrderNos(orderNos: string[]) {
      if (!orderNos.length) return [];
      return db.select({ id: orders.id, orderNo: orders.orderNo, status: orders.status, withPrints: orders.withPrints }).from(orders).where(inArray(orders.orderNo, orderNos));
    },

    /**
     * Ships every row or none: in one transaction each order moves in_production → shipped (conditional,
     * with its history row); if any order is not in production any more, everything is undone.
     */
    async shipAll(rows: Array<{ orderNo: string; courier: string; trackingNo: string }>, staffId: string, now: Date): Promise<{ shipped: OrderRow[] } | { failedOrderNo: string }> {
      let failed = '';
      try {
        const shipped = await db.transaction(async (tx) => {
          const out: OrderRow[] = [];
          for (const r of rows) {
            const [row] = await tx
              .update(orders)
              .set({ status: 'shipped', courier: r.courier, trackingNo: r.trackingNo, shippedAt: now })
              .where(and(eq(orders.orderNo, r.orderNo), eq(orders.status, 'in_production')))
              .returning();
            if (!row) {
              failed = r.orderNo;
              tx.rollback();
            }
            out.push(row!);
          }
          await tx.insert(orderHistory).values(
            out.map((o) => ({ orderId: o.id, fromStatus: 'in_production', toStatus: 'shipped', actorType: 'staff' as const, actorId: staffId, ...noteColumns({ code: 'shipped_import', params: { courier: o.courier!, trackingNo: o.trackingNo! } }) })),
          );
          return out;
        });
        return { shipped };
      } catch (err) {
        if (err instanceof TransactionRollbackError) return { failedOrderNo: failed };
        throw err;
      }
    },

    /** Orders with prints of a batch in one state, with their mailing address, for label printing. */
    labels: (batchId: string, status: OrderStatus) =>
      db
        .select({ order: orders, name: graduates.name, studentNumber: graduates.studentNumber, schoolName: schools.name, batchName: batches.name })
        .from(orders)
        .innerJoin(collections, eq(collections.id, orders.collectionId))
        .innerJoin(graduates, eq(graduates.id, collections.graduateId))
        .innerJoin(batches, eq(batches.id, collections.batchId))
        .innerJoin(schools, eq(schools.id, batches.schoolId))
        .where(and(eq(collections.batchId, batchId), eq(orders.status, status), eq(orders.withPrints, true)))
        .orderBy(asc(orders.paidAt), asc(orders.orderNo)),

    shippedBefore: (cutoff: Date) =>
      db.select({ id: orders.id }).from(orders).where(and(eq(orders.status, 'shipped'), lt(orders.shippedAt, cutoff))).limit(1000),
  };
}
export type ShippingRepo = ReturnType<typeof createShippingRepo>;
