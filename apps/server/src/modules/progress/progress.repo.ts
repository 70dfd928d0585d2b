import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

export interface CountsRow {
  graduates: number;
  registered: number;
  photographed: number;
  paid: number;
  pending_review: number;
  approved: number;
  rejected: number;
  shipped: number;
}
export type BatchCountsRow = CountsRow & { batch_id: string; batch_name: string; payer: 'student' | 'school'; school_id: string; school_name: string };
export type SchoolCountsRow = CountsRow & { school_id: string; school_name: string };

export interface ProgressScope {
  schoolId?: string;
  batchId?: string;
}

/** Per collection: has a photo, is paid, pending review, approved, rejected (and not resubmitted), shipped. */
const PER_COLLECTION = sql`
  SELECT c.batch_id,
         coalesce(s.n, 0) > 0 AS photographed,
         coalesce(o.paid, false) AS paid,
         coalesce(s.pending, false) AS pending,
         coalesce(s.approved, false) AS approved,
         coalesce(s.rejected, false) AS rejected,
         coalesce(o.shipped, false) AS shipped
  FROM collections c
  LEFT JOIN (
    SELECT collection_id, count(*) AS n,
           bool_or(status = 'pending_review') AS pending,
           bool_or(status = 'approved') AS approved,
           bool_or(status = 'rejected') AND NOT bool_or(status IN ('submitted', 'pending_review', 'approved')) AS rejected
    FROM submissions GROUP BY collection_id
  ) s ON s.collection_id = c.id
  LEFT JOIN (
    SELECT collection_id,
           bool_or(kind = 'collection' AND status IN ('paid', 'in_production', 'shipped', 'completed')) AS paid,
           bool_or(with_prints AND status IN ('shipped', 'completed') AND shipped_at IS NOT NULL) AS shipped
    FROM orders GROUP BY collection_id
  ) o ON o.collection_id = c.id`;

const COUNTS = sql`
  count(*)::int AS registered,
  (count(*) FILTER (WHERE photographed))::int AS photographed,
  (count(*) FILTER (WHERE paid))::int AS paid,
  (count(*) FILTER (WHERE pending))::int AS pending_review,
  (count(*) FILTER (WHERE approved))::int AS approved,
  (count(*) FILTER (WHERE rejected))::int AS rejected,
  (count(*) FILTER (WHERE shipped))::int AS shipped`;

const rowsOf = <T>(res: unknown): T[] => (res as { rows: T[] }).rows;

function scopeWhere(scope: ProgressScope): SQL {
  return sql`WHERE true
    ${scope.schoolId ? sql`AND b.school_id = ${scope.schoolId}` : sql``}
    ${scope.batchId ? sql`AND b.id = ${scope.batchId}` : sql``}`;
}

const ZERO = sql`coalesce(x.registered, 0) AS registered, coalesce(x.photographed, 0) AS photographed, coalesce(x.paid, 0) AS paid,
  coalesce(x.pending_review, 0) AS pending_review, coalesce(x.approved, 0) AS approved, coalesce(x.rejected, 0) AS rejected, coalesce(x.shipped, 0) AS shipped`;

/** The dashboard's numbers: one grouped query per level (batch, school), whatever the number of batches. */
export function createProgressRepo(db: Db) {
  return {
    async byBatch(scope: ProgressScope): Promise<BatchCountsRow[]> {
      return rowsOf<BatchCountsRow>(
        await db.execute(sql`
          SELECT b.id AS batch_id, b.name AS batch_name, b.payer, s.id AS school_id, s.name AS school_name,
                 coalesce(g.n, 0) AS graduates, ${ZERO}
          FROM batches b
          JOIN schools s ON s.id = b.school_id
          LEFT JOIN (SELECT batch_id, count(*)::int AS n FROM graduates GROUP BY batch_id) g ON g.batch_id = b.id
          LEFT JOIN (SELECT batch_id, ${COUNTS} FROM (${PER_COLLECTION}) pc GROUP BY batch_id) x ON x.batch_id = b.id
          ${scopeWhere(scope)}
          ORDER BY s.name, b.created_at, b.id`),
      );
    },
    async bySchool(scope: ProgressScope): Promise<SchoolCountsRow[]> {
      return rowsOf<SchoolCountsRow>(
        await db.execute(sql`
          SELECT s.id AS school_id, s.name AS school_name,
                 coalesce(g.n, 0) AS graduates, ${ZERO}
          FROM schools s
          LEFT JOIN (
            SELECT b.school_id, count(*)::int AS n FROM graduates gr JOIN batches b ON b.id = gr.batch_id ${scopeWhere(scope)} GROUP BY b.school_id
          ) g ON g.school_id = s.id
          LEFT JOIN (
            SELECT b.school_id, ${COUNTS} FROM (${PER_COLLECTION}) pc JOIN batches b ON b.id = pc.batch_id ${scopeWhere(scope)} GROUP BY b.school_id
          ) x ON x.school_id = s.id
          WHERE EXISTS (SELECT 1 FROM batches b ${scopeWhere(scope)} AND b.school_id = s.id)
          ORDER BY s.name, s.id`),
      );
    },
    /** Collections added and submissions approved per day (UTC+8), since `from`. */
    async daily(scope: ProgressScope, from: Date): Promise<Array<{ date: string; registered: number; approved: number }>> {
      const registered = rowsOf<{ d: string; n: number }>(
        await db.execute(sql`
          SELECT to_char(c.created_at + interval '8 hours', 'YYYY-MM-DD') AS d, count(*)::int AS n
          FROM collections c JOIN batches b ON b.id = c.batch_id
          ${scopeWhere(scope)} AND c.created_at >= ${from.toISOString()}
          GROUP BY d`),
      );
      const approved = rowsOf<{ d: string; n: number }>(
        await db.execute(sql`
          SELECT to_char(su.reviewed_at + interval '8 hours', 'YYYY-MM-DD') AS d, count(*)::int AS n
          FROM submissions su JOIN collections c ON c.id = su.collection_id JOIN batches b ON b.id = c.batch_id
          ${scopeWhere(scope)} AND su.status = 'approved' AND su.reviewed_at >= ${from.toISOString()}
          GROUP BY d`),
      );
      const days = new Map<string, { date: string; registered: number; approved: number }>();
      for (const r of registered) days.set(r.d, { date: r.d, registered: Number(r.n), approved: 0 });
      for (const r of approved) days.set(r.d, { date: r.d, registered: days.get(r.d)?.registered ?? 0, approved: Number(r.n) });
      return [...days.values()];
    },
  };
}
export type ProgressRepo = ReturnType<typeof createProgressRepo>;
