import { and, asc, eq, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { batches, collections, orders, photoExports, printRunOrders, printRuns, students, submissions } from '../../db/schema.js';

/** A stored file (export ZIP or print-run PDF) that holds erased students' data. */
export interface BuiltFile {
  id: string;
  fileKey: string;
  /** The erased students it holds. */
  studentIds: string[];
}

/** A print run's PDF holding erased students, with how many of its other orders are still to be printed. */
export interface BuiltRun extends BuiltFile {
  ordersToPrint: number;
}

type FileTable = typeof photoExports | typeof printRuns;

const erasedIds = sql<string[]>`array_agg(DISTINCT ${students.id}::text ORDER BY ${students.id}::text)`;

/**
 * Queries of the files built before a student's data deletion. A file "holds" an erased student when its
 * build started before the erasure and:
 * - export ZIP: the student's photo of the export's school (or batch) was approved before the export
 *   finished (the same test the originals' retention uses, on the safe side: a photo approved while the
 *   export was being packed counts as in it);
 * - print-run PDF: one of the student's orders is on the run.
 * Files still stored are `succeeded`, or `purged` with their key still set (a run that stopped half-way).
 */
export function createBuiltFilesRepo(db: Db) {
  const stored = (t: FileTable) => and(isNotNull(t.fileKey), inArray(t.status, ['succeeded', 'purged']));

  /** succeeded (or purged, when a run stopped half-way) → purged, the file key kept until it is deleted. */
  const markPurged = async (t: FileTable, id: string, now: Date) => {
    await db
      .update(t as typeof printRuns)
      .set({ status: 'purged', purgedAt: sql`COALESCE(${t.purgedAt}, ${now.toISOString()}::timestamptz)` })
      .where(and(eq(t.id, id), stored(t)));
  };
  /** The key of a purged row whose file is deleted: cleared once (true the first time). */
  const clearFile = async (t: FileTable, id: string, fileKey: string) => {
    const rows = await db
      .update(t as typeof printRuns)
      .set({ fileKey: null })
      .where(and(eq(t.id, id), eq(t.status, 'purged'), eq(t.fileKey, fileKey)))
      .returning({ id: t.id });
    return rows.length === 1;
  };

  return {
    /** Export ZIPs still stored that hold erased students. */
    exportsHoldingErased: (): Promise<BuiltFile[]> =>
      db
        .select({ id: photoExports.id, fileKey: sql<string>`${photoExports.fileKey}`, studentIds: erasedIds })
        .from(photoExports)
        .innerJoin(batches, and(eq(batches.schoolId, photoExports.schoolId), or(isNull(photoExports.batchId), eq(batches.id, photoExports.batchId))))
        .innerJoin(collections, eq(collections.batchId, batches.id))
        .innerJoin(students, eq(students.id, collections.studentId))
        .innerJoin(submissions, eq(submissions.collectionId, collections.id))
        .where(
          and(
            stored(photoExports),
            isNotNull(students.erasedAt),
            lte(photoExports.startedAt, students.erasedAt),
            eq(submissions.status, 'approved'),
            lte(sql`COALESCE(${submissions.reviewedAt}, ${submissions.updatedAt})`, photoExports.finishedAt),
          ),
        )
        .groupBy(photoExports.id)
        .orderBy(asc(photoExports.id)),

    /** Print-run PDFs still stored that hold erased students' orders. */
    runsHoldingErased: (): Promise<BuiltRun[]> =>
      db
        .select({
          id: printRuns.id,
          fileKey: sql<string>`${printRuns.fileKey}`,
          studentIds: erasedIds,
          ordersToPrint: sql<number>`(
            SELECT count(*)::int FROM print_run_orders pro
            JOIN orders o ON o.id = pro.order_id
            JOIN students s ON s.id = o.student_id
            WHERE pro.run_id = ${printRuns.id} AND o.status = 'in_production' AND s.erased_at IS NULL)`,
        })
        .from(printRuns)
        .innerJoin(printRunOrders, eq(printRunOrders.runId, printRuns.id))
        .innerJoin(orders, eq(orders.id, printRunOrders.orderId))
        .innerJoin(students, eq(students.id, orders.studentId))
        .where(and(stored(printRuns), isNotNull(students.erasedAt), lte(printRuns.startedAt, students.erasedAt)))
        .groupBy(printRuns.id)
        .orderBy(asc(printRuns.id)),

    markExportPurged: (id: string, now: Date) => markPurged(photoExports, id, now),
    clearExportFile: (id: string, fileKey: string) => clearFile(photoExports, id, fileKey),
    markRunPurged: (id: string, now: Date) => markPurged(printRuns, id, now),
    clearRunFile: (id: string, fileKey: string) => clearFile(printRuns, id, fileKey),

    /**
     * A purged run whose file is deleted → queued, to be rendered again (without the erased students).
     * Throws a unique violation when another run of the batch is queued or running.
     */
    async requeueRun(id: string, fileKey: string): Promise<boolean> {
      const rows = await db
        .update(printRuns)
        .set({ status: 'queued', fileKey: null, fileBytes: null, doneOrders: 0, finishedAt: null, failureCode: null, failureMessage: null })
        .where(and(eq(printRuns.id, id), eq(printRuns.status, 'purged'), eq(printRuns.fileKey, fileKey)))
        .returning({ id: printRuns.id });
      return rows.length === 1;
    },
  };
}
export type BuiltFilesRepo = ReturnType<typeof createBuiltFilesRepo>;
