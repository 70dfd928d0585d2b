import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { batches, graduates, rosterImports } from '../../db/schema.js';
import { uniqueViolation } from '../../db/unique-violation.js';

export type RosterImportRow = typeof rosterImports.$inferSelect;
export type GraduateInsert = typeof graduates.$inferInsert;

/** One graduate with where they stand (see GraduateStatuses in the contracts). */
export interface RosterStatusRow {
  id: string;
  source: 'roster' | 'code' | 'form';
  name: string;
  student_number: string;
  id_number_enc: Buffer | Uint8Array;
  gender: 'male' | 'female' | null;
  department: string;
  major: string;
  education_level: string;
  education_category: string;
  status: string;
  code_id: string | null;
  code_status: 'active' | 'used' | null;
}

/**
 * The batch's graduates with their collection, what its submissions and orders say, and its live code — in
 * one query with grouped joins (no per-row subqueries), the furthest step winning (shipped > approved >
 * pending review > rejected > paid > photographed > registered).
 */
const statusSelect = (batchId: string) => sql`
  SELECT g.id, g.batch_id, g.source, g.name, g.student_number, g.id_number_enc, g.gender, g.department, g.major,
         g.education_level, g.education_category, g.created_at,
         CASE
           WHEN c.id IS NULL THEN 'not_registered'
           WHEN o.shipped THEN 'shipped'
           WHEN s.approved THEN 'approved'
           WHEN s.pending THEN 'pending_review'
           WHEN s.rejected THEN 'rejected'
           WHEN o.paid THEN 'paid'
           WHEN s.n > 0 THEN 'photographed'
           ELSE 'registered'
         END AS status,
         cc.id AS code_id, cc.status AS code_status
  FROM graduates g
  LEFT JOIN collections c ON c.graduate_id = g.id
  LEFT JOIN (
    SELECT su.collection_id, count(*) AS n,
           bool_or(su.status = 'approved') AS approved,
           bool_or(su.status = 'pending_review') AS pending,
           bool_or(su.status = 'rejected') AND NOT bool_or(su.status IN ('submitted', 'pending_review', 'approved')) AS rejected
    FROM submissions su JOIN collections c2 ON c2.id = su.collection_id
    WHERE c2.batch_id = ${batchId}
    GROUP BY su.collection_id
  ) s ON s.collection_id = c.id
  LEFT JOIN (
    SELECT o.collection_id,
           bool_or(o.kind = 'collection' AND o.status IN ('paid', 'in_production', 'shipped', 'completed')) AS paid,
           bool_or(o.with_prints AND o.status IN ('shipped', 'completed') AND o.shipped_at IS NOT NULL) AS shipped
    FROM orders o JOIN collections c3 ON c3.id = o.collection_id
    WHERE c3.batch_id = ${batchId}
    GROUP BY o.collection_id
  ) o ON o.collection_id = c.id
  LEFT JOIN collection_codes cc ON cc.graduate_id = g.id AND cc.status IN ('active', 'used')
  WHERE g.batch_id = ${batchId}`;

const rowsOf = <T>(res: unknown): T[] => (res as { rows: T[] }).rows;

export function createRosterRepo(db: Db) {
  return {
    /** null when another import of the batch is still queued or running. */
    async insertImport(row: typeof rosterImports.$inferInsert): Promise<RosterImportRow | null> {
      try {
        const [inserted] = await db.insert(rosterImports).values(row).returning();
        return inserted!;
      } catch (err) {
        if (uniqueViolation(err) !== null) return null;
        throw err;
      }
    },
    async import(id: string): Promise<RosterImportRow | undefined> {
      const [row] = await db.select().from(rosterImports).where(eq(rosterImports.id, id));
      return row;
    },
    importsForBatch: (batchId: string) => db.select().from(rosterImports).where(eq(rosterImports.batchId, batchId)).orderBy(desc(rosterImports.createdAt)).limit(50),
    /** queued → running; null when it was not queued (already taken or done). */
    async claimImport(id: string): Promise<RosterImportRow | null> {
      const [row] = await db
        .update(rosterImports)
        .set({ status: 'running', phase: 'parsing', startedAt: new Date() })
        .where(and(eq(rosterImports.id, id), eq(rosterImports.status, 'queued')))
        .returning();
      return row ?? null;
    },
    async updateImport(id: string, set: Partial<typeof rosterImports.$inferInsert>): Promise<void> {
      await db.update(rosterImports).set(set).where(eq(rosterImports.id, id));
    },

    async existingHashes(batchId: string): Promise<Set<string>> {
      const rows = await db.select({ h: graduates.idNumberHash }).from(graduates).where(eq(graduates.batchId, batchId));
      return new Set(rows.map((r) => r.h));
    },
    /** One chunk: a single INSERT, so it is all or nothing by itself. */
    async insertGraduates(rows: GraduateInsert[]): Promise<number> {
      if (rows.length === 0) return 0;
      const inserted = await db.insert(graduates).values(rows).returning({ id: graduates.id });
      return inserted.length;
    },
    /**
     * Undoes an import, 1,000 rows per statement: deletes its graduates, except those a student claimed
     * meanwhile (they stay, as the student's own record: source `form`, no import id).
     */
    async undoImport(importId: string): Promise<{ deleted: number; kept: number }> {
      let deleted = 0;
      for (;;) {
        const res = rowsOf<{ id: string }>(
          await db.execute(sql`
            DELETE FROM graduates WHERE id IN (
              SELECT g.id FROM graduates g
              WHERE g.import_id = ${importId}
                AND NOT EXISTS (SELECT 1 FROM collections c WHERE c.graduate_id = g.id)
                AND NOT EXISTS (SELECT 1 FROM collection_codes cc WHERE cc.graduate_id = g.id)
              LIMIT 1000)
            RETURNING id`),
        );
        deleted += res.length;
        if (res.length < 1000) break;
      }
      const kept = await db.update(graduates).set({ importId: null, source: 'form' }).where(eq(graduates.importId, importId)).returning({ id: graduates.id });
      return { deleted, kept: kept.length };
    },
    async setHasRoster(batchId: string): Promise<void> {
      await db.update(batches).set({ hasRoster: true }).where(eq(batches.id, batchId));
    },

    /** A page of the batch's graduates with their status; `q` matches name or 学号. */
    async rosterPage(batchId: string, f: { q?: string; status?: string; limit: number; offset: number }): Promise<{ rows: RosterStatusRow[]; total: number }> {
      const q = f.q ? `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
      const where = sql`WHERE true
        ${q ? sql`AND (r.name ILIKE ${q} OR r.student_number ILIKE ${q})` : sql``}
        ${f.status ? sql`AND r.status = ${f.status}` : sql``}`;
      const inner = statusSelect(batchId);
      const [countRow] = rowsOf<{ n: number | string }>(await db.execute(sql`SELECT count(*) AS n FROM (${inner}) r ${where}`));
      const rows = rowsOf<RosterStatusRow>(
        await db.execute(sql`SELECT r.* FROM (${inner}) r ${where} ORDER BY r.student_number, r.name, r.id LIMIT ${f.limit} OFFSET ${f.offset}`),
      );
      return { rows, total: Number(countRow?.n ?? 0) };
    },
    /** Every graduate of the batch with their status (roster export). */
    async rosterAll(batchId: string): Promise<RosterStatusRow[]> {
      return rowsOf<RosterStatusRow>(await db.execute(sql`${statusSelect(batchId)} ORDER BY g.student_number, g.name, g.id`));
    },
    async graduate(id: string) {
      const [row] = await db.select({ graduate: graduates, schoolId: batches.schoolId }).from(graduates).innerJoin(batches, eq(batches.id, graduates.batchId)).where(eq(graduates.id, id));
      return row;
    },
  };
}
export type RosterRepo = ReturnType<typeof createRosterRepo>;
