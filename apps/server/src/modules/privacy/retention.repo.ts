import { and, asc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { submissions } from '../../db/schema.js';

export interface ExpiredOriginal {
  id: string;
  collectionId: string;
  originalKey: string;
  status: (typeof submissions.$inferSelect)['status'];
}

/**
 * A submission is finished, for the retention of its original, when nothing will read the original again:
 * - rejected or withdrawn (the student retakes with a new submission);
 * - a draft superseded by a newer submission of the same collection;
 * - approved, in a succeeded 学信网 export of its school or batch started after the approval (its ZIP may have
 *   been deleted since, because it held a student who later deleted their data: the photo was exported), and no order
 *   with prints (or reprint) of the collection still to be printed (unpaid, paid or in production): print
 *   sheets are made from the original.
 */
const finished = sql`(
  ${submissions.status} IN ('rejected', 'withdrawn')
  OR (${submissions.status} = 'draft' AND EXISTS (
    SELECT 1 FROM submissions newer
    WHERE newer.collection_id = ${submissions.collectionId} AND newer.created_at > ${submissions.createdAt}))
  OR (${submissions.status} = 'approved'
    AND EXISTS (
      SELECT 1 FROM photo_exports e
      JOIN collections c ON c.id = ${submissions.collectionId}
      JOIN batches b ON b.id = c.batch_id
      WHERE e.status IN ('succeeded', 'purged') AND e.school_id = b.school_id AND (e.batch_id IS NULL OR e.batch_id = b.id)
        AND e.started_at >= COALESCE(${submissions.reviewedAt}, ${submissions.updatedAt}))
    AND NOT EXISTS (
      SELECT 1 FROM orders o
      WHERE o.collection_id = ${submissions.collectionId} AND (o.with_prints OR o.kind <> 'collection')
        AND o.status IN ('pending_payment', 'paid', 'in_production')))
)`;

/** Queries of the originals' retention sweep. */
export function createRetentionRepo(db: Db) {
  return {
    /** Finished submissions whose last change is before `cutoff` and whose original is still stored, oldest first. */
    expiredOriginals: (cutoff: Date, limit: number): Promise<ExpiredOriginal[]> =>
      db
        .select({ id: submissions.id, collectionId: submissions.collectionId, originalKey: submissions.originalKey, status: submissions.status })
        .from(submissions)
        .where(and(isNull(submissions.originalDeletedAt), lt(submissions.updatedAt, cutoff), finished))
        .orderBy(asc(submissions.updatedAt), asc(submissions.id))
        .limit(limit),

    /** Marks the originals deleted (only rows not marked yet); returns the ids it marked. */
    async markOriginalsDeleted(ids: string[], now: Date): Promise<string[]> {
      if (!ids.length) return [];
      const rows = await db
        .update(submissions)
        .set({ originalDeletedAt: now })
        .where(and(inArray(submissions.id, ids), isNull(submissions.originalDeletedAt)))
        .returning({ id: submissions.id });
      return rows.map((r) => r.id);
    },

    /** Whether one submission's original is marked deleted (tests and checks). */
    async originalDeletedAt(id: string): Promise<Date | null | undefined> {
      const [row] = await db.select({ at: submissions.originalDeletedAt }).from(submissions).where(eq(submissions.id, id));
      return row?.at;
    },
  };
}
export type RetentionRepo = ReturnType<typeof createRetentionRepo>;
