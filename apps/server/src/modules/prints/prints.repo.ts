import { TransactionRollbackError, and, asc, count, desc, eq, exists, inArray, isNull, notExists, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { batches, collections, graduates, orderHistory, orders, printRunOrders, printRuns, schools, submissions } from '../../db/schema.js';
import { noteColumns } from '../orders/order-notes.js';

export type PrintRunRow = typeof printRuns.$inferSelect;

/** Queries of print runs: eligible orders, moving them into a run (paid → in_production), progress. */
export function createPrintsRepo(db: Db) {
  const approvedPhoto = () =>
    db
      .select({ one: sql`1` })
      .from(submissions)
      .where(and(eq(submissions.collectionId, orders.collectionId), eq(submissions.status, 'approved')));
  const onARun = () => db.select({ one: sql`1` }).from(printRunOrders).where(eq(printRunOrders.orderId, orders.id));

  /** Paid orders with prints (collection, school-batch prints, reprints) whose photo is approved and not on a run yet. */
  const eligibleWhere = (batchId: string, orderIds?: string[]): SQL =>
    and(
      eq(collections.batchId, batchId),
      eq(orders.status, 'paid'),
      eq(orders.withPrints, true),
      exists(approvedPhoto()),
      notExists(onARun()),
      ...(orderIds ? [inArray(orders.id, orderIds)] : []),
    )!;

  const runView = () =>
    db
      .select({ run: printRuns, batchName: batches.name, schoolName: schools.name })
      .from(printRuns)
      .innerJoin(batches, eq(batches.id, printRuns.batchId))
      .innerJoin(schools, eq(schools.id, batches.schoolId));

  return {
    async eligible(batchId: string, opts: { orderIds?: string[]; limit: number }) {
      const where = eligibleWhere(batchId, opts.orderIds);
      const [total] = await db.select({ n: count() }).from(orders).innerJoin(collections, eq(collections.id, orders.collectionId)).where(where);
      const rows = await db
        .select({ order: orders, name: graduates.name })
        .from(orders)
        .innerJoin(collections, eq(collections.id, orders.collectionId))
        .innerJoin(graduates, eq(graduates.id, collections.graduateId))
        .where(where)
        .orderBy(asc(orders.paidAt), asc(orders.id))
        .limit(opts.limit);
      return { rows, total: total?.n ?? 0 };
    },

    /** A new queued run; throws a unique violation when the batch already has a run queued or running. */
    async insertRun(batchId: string, createdBy: string): Promise<PrintRunRow> {
      const [row] = await db.insert(printRuns).values({ batchId, createdBy }).returning();
      return row!;
    },
    async deleteEmptyRun(id: string) {
      await db.delete(printRuns).where(eq(printRuns.id, id));
    },

    /** Puts one order on the run: paid → in_production (conditional) with its history row, in one transaction. */
    async addOrder(runId: string, orderId: string, position: number, staffId: string): Promise<boolean> {
      return db
        .transaction(async (tx) => {
          const [moved] = await tx
            .update(orders)
            .set({ status: 'in_production' })
            .where(and(eq(orders.id, orderId), eq(orders.status, 'paid')))
            .returning({ id: orders.id });
          if (!moved) return false;
          await tx.insert(orderHistory).values({ orderId, fromStatus: 'paid', toStatus: 'in_production', actorType: 'staff', actorId: staffId, ...noteColumns({ code: 'print_run', params: { runId } }) });
          await tx.insert(printRunOrders).values({ runId, orderId, position });
          return true;
        })
        .catch((err: unknown) => {
          if (err instanceof TransactionRollbackError) return false;
          throw err;
        });
    },
    async setCounts(runId: string, orderCount: number, sheetCount: number) {
      await db.update(printRuns).set({ orderCount, sheetCount }).where(eq(printRuns.id, runId));
    },

    async run(id: string) {
      const [row] = await runView().where(eq(printRuns.id, id));
      return row;
    },
    async list(filter: { batchId?: string; limit: number; offset: number }) {
      const where = filter.batchId ? eq(printRuns.batchId, filter.batchId) : undefined;
      const [total] = await db.select({ n: count() }).from(printRuns).where(where);
      const rows = await runView().where(where).orderBy(desc(printRuns.createdAt), desc(printRuns.id)).limit(filter.limit).offset(filter.offset);
      return { rows, total: total?.n ?? 0 };
    },

    /**
     * The run's orders in print order, with the graduate's name and the approved photo's original (or its result,
     * once the original is deleted); `erased` when the student deleted their data.
     */
    runOrders: (runId: string) =>
      db
        .select({
          order: orders,
          position: printRunOrders.position,
          name: graduates.name,
          erased: sql<boolean>`${graduates.erasedAt} IS NOT NULL`,
          background: batches.background,
          submissionId: submissions.id,
          originalKey: submissions.originalKey,
          originalDeletedAt: submissions.originalDeletedAt,
          resultKey: submissions.resultKey,
        })
        .from(printRunOrders)
        .innerJoin(orders, eq(orders.id, printRunOrders.orderId))
        .innerJoin(collections, eq(collections.id, orders.collectionId))
        .innerJoin(graduates, eq(graduates.id, collections.graduateId))
        .innerJoin(batches, eq(batches.id, collections.batchId))
        .leftJoin(submissions, and(eq(submissions.collectionId, orders.collectionId), eq(submissions.status, 'approved')))
        .where(eq(printRunOrders.runId, runId))
        .orderBy(asc(printRunOrders.position)),

    /** queued (or running, when a crashed job runs again) → running, progress back to 0. */
    async start(id: string, now: Date): Promise<boolean> {
      const rows = await db
        .update(printRuns)
        .set({ status: 'running', startedAt: now, doneOrders: 0, failureCode: null, failureMessage: null })
        .where(and(eq(printRuns.id, id), inArray(printRuns.status, ['queued', 'running'])))
        .returning({ id: printRuns.id });
      return rows.length === 1;
    },
    async progress(id: string, doneOrders: number) {
      await db.update(printRuns).set({ doneOrders }).where(eq(printRuns.id, id));
    },
    async finish(id: string, fileKey: string, fileBytes: number, sheetCount: number, now: Date) {
      await db.update(printRuns).set({ status: 'succeeded', fileKey, fileBytes, sheetCount, finishedAt: now }).where(and(eq(printRuns.id, id), eq(printRuns.status, 'running')));
    },
    async fail(id: string, code: string, message: { zh: string; en: string }, now: Date) {
      await db.update(printRuns).set({ status: 'failed', failureCode: code, failureMessage: message, finishedAt: now }).where(eq(printRuns.id, id));
    },
    /** failed (or purged, its file deleted) → queued; throws a unique violation when another run of the batch is live. */
    async requeue(id: string): Promise<boolean> {
      const rows = await db
        .update(printRuns)
        .set({ status: 'queued', failureCode: null, failureMessage: null, finishedAt: null, doneOrders: 0 })
        .where(and(eq(printRuns.id, id), or(eq(printRuns.status, 'failed'), and(eq(printRuns.status, 'purged'), isNull(printRuns.fileKey)))))
        .returning({ id: printRuns.id });
      return rows.length === 1;
    },
  };
}
export type PrintsRepo = ReturnType<typeof createPrintsRepo>;
