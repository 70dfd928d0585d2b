import { and, count, desc, eq, ilike, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { batches, collections, consoleRefundRequests, graduates, orders, payments, printRunOrders, refunds, schools, students, submissions } from '../../db/schema.js';
import type { OrderRow, OrderStatus } from './orders.repo.js';
import { PAID_ORDER_STATES } from './order-states.js';

export type ConsoleOrderRow = Awaited<ReturnType<ReturnType<typeof createConsoleOrdersRepo>['list']>>['rows'][number];

const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface ConsoleOrderFilter {
  orderNo?: string;
  phone?: string;
  idHash?: string;
  name?: string;
  schoolId?: string;
  batchId?: string;
  status?: OrderStatus;
  kind?: OrderRow['kind'];
  refundRequested?: boolean;
  limit: number;
  offset: number;
}

/** Queries of the console's order views: search with joins, refund idempotency keys. */
export function createConsoleOrdersRepo(db: Db) {
  const select = () =>
    db
      .select({
        order: orders,
        studentName: students.name,
        studentErasedAt: students.erasedAt,
        studentPhone: students.phone,
        studentIdLast4: students.idLast4,
        studentIdEnc: students.idNumberEnc,
        graduateName: graduates.name,
        schoolId: schools.id,
        schoolName: schools.name,
        batchId: batches.id,
        batchName: batches.name,
        submissionStatus: sql<string | null>`(select ${submissions.status} from ${submissions} where ${submissions.collectionId} = ${orders.collectionId} order by ${submissions.createdAt} desc limit 1)`,
        /** Who took the money: the order's latest provider payment (`sandbox` is WeChat Pay's sandbox). */
        paymentProvider: sql<string | null>`(select ${payments.provider} from ${payments} where ${payments.orderId} = ${orders.id} order by ${payments.createdAt} desc limit 1)`,
      })
      .from(orders)
      .innerJoin(students, eq(students.id, orders.studentId))
      .innerJoin(collections, eq(collections.id, orders.collectionId))
      .innerJoin(graduates, eq(graduates.id, collections.graduateId))
      .innerJoin(batches, eq(batches.id, collections.batchId))
      .innerJoin(schools, eq(schools.id, batches.schoolId));

  function where(f: ConsoleOrderFilter): SQL | undefined {
    const conds: SQL[] = [];
    if (f.orderNo) conds.push(eq(orders.orderNo, f.orderNo));
    if (f.phone) conds.push(or(eq(students.phone, f.phone), sql`${orders.shippingAddress}->>'phone' = ${f.phone}`)!);
    if (f.idHash) conds.push(or(eq(students.idNumberHash, f.idHash), eq(graduates.idNumberHash, f.idHash))!);
    if (f.name) conds.push(or(ilike(students.name, like(f.name)), ilike(graduates.name, like(f.name)))!);
    if (f.schoolId) conds.push(eq(batches.schoolId, f.schoolId));
    if (f.batchId) conds.push(eq(collections.batchId, f.batchId));
    if (f.status) conds.push(eq(orders.status, f.status));
    if (f.kind) conds.push(eq(orders.kind, f.kind));
    if (f.refundRequested !== undefined) {
      const open = and(isNotNull(orders.refundRequestedAt), inArray(orders.status, [...PAID_ORDER_STATES]))!;
      conds.push(f.refundRequested ? open : sql`not (${open})`);
    }
    return conds.length ? and(...conds) : undefined;
  }

  return {
    async list(f: ConsoleOrderFilter) {
      const w = where(f);
      const [total] = await db
        .select({ n: count() })
        .from(orders)
        .innerJoin(students, eq(students.id, orders.studentId))
        .innerJoin(collections, eq(collections.id, orders.collectionId))
        .innerJoin(graduates, eq(graduates.id, collections.graduateId))
        .innerJoin(batches, eq(batches.id, collections.batchId))
        .where(w);
      const rows = await select().where(w).orderBy(desc(orders.createdAt), desc(orders.id)).limit(f.limit).offset(f.offset);
      return { rows, total: total?.n ?? 0 };
    },
    async one(orderId: string) {
      const [row] = await select().where(eq(orders.id, orderId));
      return row;
    },
    async printRunOf(orderId: string): Promise<string | null> {
      const [row] = await db.select({ runId: printRunOrders.runId }).from(printRunOrders).where(eq(printRunOrders.orderId, orderId));
      return row?.runId ?? null;
    },
    async refundsInFlightOrDone(orderId: string): Promise<number> {
      const [row] = await db
        .select({ cents: sql<number>`coalesce(sum(${refunds.amountCents}), 0)::int` })
        .from(refunds)
        .where(and(eq(refunds.orderId, orderId), inArray(refunds.status, ['processing', 'succeeded'])));
      return row?.cents ?? 0;
    },

    /** Records an idempotency key once; false when it was already there (a double click or a retry). */
    async claimRefundKey(row: { key: string; orderId: string; staffId: string; amountCents: number }): Promise<boolean> {
      const inserted = await db.insert(consoleRefundRequests).values(row).onConflictDoNothing().returning({ key: consoleRefundRequests.key });
      return inserted.length === 1;
    },
    async refundKey(key: string) {
      const [row] = await db.select().from(consoleRefundRequests).where(eq(consoleRefundRequests.key, key));
      return row;
    },
    async setRefundKeyResult(key: string, refundNo: string) {
      await db.update(consoleRefundRequests).set({ refundNo }).where(eq(consoleRefundRequests.key, key));
    },
    async dropRefundKey(key: string) {
      await db.delete(consoleRefundRequests).where(eq(consoleRefundRequests.key, key));
    },
  };
}
export type ConsoleOrdersRepo = ReturnType<typeof createConsoleOrdersRepo>;
