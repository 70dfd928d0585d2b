import { and, asc, count, desc, eq, gt, inArray, isNull, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { batches, collections, graduates, orderHistory, orders, photoExports, schools, submissions } from '../../db/schema.js';
import { noteColumns } from '../orders/order-notes.js';

export type ExportRow = typeof photoExports.$inferSelect;
export interface ExportScope {
  schoolId: string;
  batchId: string | null;
}

/** Queries of 学信网 exports: the export rows, approved photos page by page, orders completed by an export. */
export function createExportsRepo(db: Db) {
  const scopeBatch = alias(batches, 'scope_batch');
  const view = () =>
    db
      .select({ exp: photoExports, schoolName: schools.name, batchName: scopeBatch.name })
      .from(photoExports)
      .innerJoin(schools, eq(schools.id, photoExports.schoolId))
      .leftJoin(scopeBatch, eq(scopeBatch.id, photoExports.batchId));

  // privacy: the photos of a graduate whose student erased their data are gone, and so is the graduate
  const inScope = (s: ExportScope): SQL =>
    and(eq(submissions.status, 'approved'), isNull(graduates.erasedAt), eq(batches.schoolId, s.schoolId), ...(s.batchId ? [eq(batches.id, s.batchId)] : []))!;

  return {
    /** Throws a unique violation when the same scope already has an export queued or running. */
    async insert(row: { schoolId: string; batchId: string | null; naming: ExportRow['naming']; createdBy: string }): Promise<ExportRow> {
      const [inserted] = await db
        .insert(photoExports)
        .values({ ...row, scopeKey: row.batchId ?? `school:${row.schoolId}` })
        .returning();
      return inserted!;
    },
    async get(id: string) {
      const [row] = await view().where(eq(photoExports.id, id));
      return row;
    },
    async list(filter: { schoolId?: string; batchId?: string; limit: number; offset: number }) {
      const conds: SQL[] = [];
      if (filter.schoolId) conds.push(eq(photoExports.schoolId, filter.schoolId));
      if (filter.batchId) conds.push(eq(photoExports.batchId, filter.batchId));
      const where = conds.length ? and(...conds) : undefined;
      const [total] = await db.select({ n: count() }).from(photoExports).where(where);
      const rows = await view().where(where).orderBy(desc(photoExports.createdAt), desc(photoExports.id)).limit(filter.limit).offset(filter.offset);
      return { rows, total: total?.n ?? 0 };
    },

    /** queued (or running, when a crashed job runs again) → running, with the photo count. */
    async start(id: string, total: number, now: Date): Promise<boolean> {
      const rows = await db
        .update(photoExports)
        .set({ status: 'running', total, done: 0, startedAt: now, failureCode: null, failureMessage: null })
        .where(and(eq(photoExports.id, id), inArray(photoExports.status, ['queued', 'running'])))
        .returning({ id: photoExports.id });
      return rows.length === 1;
    },
    async progress(id: string, done: number) {
      await db.update(photoExports).set({ done }).where(eq(photoExports.id, id));
    },
    async finish(id: string, set: { fileKey: string; fileBytes: number; done: number; completedOrders: number }, now: Date) {
      await db
        .update(photoExports)
        .set({ ...set, status: 'succeeded', finishedAt: now })
        .where(and(eq(photoExports.id, id), eq(photoExports.status, 'running')));
    },
    async fail(id: string, code: string, message: { zh: string; en: string }, now: Date) {
      await db.update(photoExports).set({ status: 'failed', failureCode: code, failureMessage: message, finishedAt: now }).where(eq(photoExports.id, id));
    },

    async countApproved(scope: ExportScope): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(submissions)
        .innerJoin(collections, eq(collections.id, submissions.collectionId))
        .innerJoin(graduates, eq(graduates.id, collections.graduateId))
        .innerJoin(batches, eq(batches.id, collections.batchId))
        .where(inScope(scope));
      return row?.n ?? 0;
    },

    /** One page of approved photos in the scope, after `afterId` (keyset pagination by submission id). */
    approvedPage: (scope: ExportScope, afterId: string | null, limit: number) =>
      db
        .select({
          submissionId: submissions.id,
          collectionId: submissions.collectionId,
          resultKey: submissions.resultKey,
          name: graduates.name,
          studentNumber: graduates.studentNumber,
          idNumberEnc: graduates.idNumberEnc,
          department: graduates.department,
          major: graduates.major,
          educationLevel: graduates.educationLevel,
          schoolName: schools.name,
          batchName: batches.name,
        })
        .from(submissions)
        .innerJoin(collections, eq(collections.id, submissions.collectionId))
        .innerJoin(graduates, eq(graduates.id, collections.graduateId))
        .innerJoin(batches, eq(batches.id, collections.batchId))
        .innerJoin(schools, eq(schools.id, batches.schoolId))
        .where(and(inScope(scope), ...(afterId ? [gt(submissions.id, afterId)] : [])))
        .orderBy(asc(submissions.id))
        .limit(limit),

    /**
     * Orders without prints of these collections: paid → completed, conditional, with history rows, in one
     * short transaction per call (the caller passes a few hundred collections at a time).
     */
    async completeOrdersWithoutPrints(collectionIds: string[], exportId: string, now: Date): Promise<number> {
      if (!collectionIds.length) return 0;
      return db.transaction(async (tx) => {
        const done = await tx
          .update(orders)
          .set({ status: 'completed', completedAt: now })
          .where(and(inArray(orders.collectionId, collectionIds), eq(orders.kind, 'collection'), eq(orders.withPrints, false), eq(orders.status, 'paid')))
          .returning({ id: orders.id });
        if (done.length) {
          await tx.insert(orderHistory).values(done.map((o) => ({ orderId: o.id, fromStatus: 'paid', toStatus: 'completed', actorType: 'system' as const, ...noteColumns({ code: 'exported', params: { exportId } }) })));
        }
        return done.length;
      });
    },
  };
}
export type ExportsRepo = ReturnType<typeof createExportsRepo>;
