import { and, asc, count, eq, gte, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { batches, collectionCodes, graduates, schools } from '../../db/schema.js';

export type CodeRow = typeof collectionCodes.$inferSelect;
export type CodeKind = 'graduate' | 'blank';
export interface CodeWithGraduate {
  code: CodeRow;
  graduate: { id: string; name: string; studentNumber: string; source: 'roster' | 'code' | 'form' } | null;
}

/** Blank invitations keep graduate_id empty until used; then it names a graduate whose source is `code`. */
const kindCondition = (kind: CodeKind): SQL =>
  kind === 'blank' ? or(isNull(collectionCodes.graduateId), eq(graduates.source, 'code'))! : and(isNotNull(collectionCodes.graduateId), sql`${graduates.source} <> 'code'`)!;

export function createCodesRepo(db: Db) {
  const withGraduate = () =>
    db
      .select({ code: collectionCodes, graduate: { id: graduates.id, name: graduates.name, studentNumber: graduates.studentNumber, source: graduates.source } })
      .from(collectionCodes)
      .leftJoin(graduates, eq(graduates.id, collectionCodes.graduateId));

  return {
    /** Graduates of the batch with no live code and no collection yet (optionally only the given ones). */
    async graduatesNeedingCodes(batchId: string, ids?: string[]): Promise<string[]> {
      const rows = await db
        .select({ id: graduates.id })
        .from(graduates)
        .where(
          and(
            eq(graduates.batchId, batchId),
            ids ? inArray(graduates.id, ids) : undefined,
            sql`NOT EXISTS (SELECT 1 FROM collection_codes cc WHERE cc.graduate_id = ${graduates.id} AND cc.status IN ('active', 'used'))`,
            sql`NOT EXISTS (SELECT 1 FROM collections c WHERE c.graduate_id = ${graduates.id})`,
          ),
        )
        .orderBy(asc(graduates.studentNumber), asc(graduates.id));
      return rows.map((r) => r.id);
    },
    /** Inserts codes; a graduate that got a live code meanwhile is skipped (unique index). Returns how many were inserted. */
    async insertCodes(rows: Array<typeof collectionCodes.$inferInsert>): Promise<number> {
      let n = 0;
      for (let i = 0; i < rows.length; i += 1000) {
        const inserted = await db.insert(collectionCodes).values(rows.slice(i, i + 1000)).onConflictDoNothing().returning({ id: collectionCodes.id });
        n += inserted.length;
      }
      return n;
    },
    async list(batchId: string, f: { status?: CodeRow['status']; kind?: CodeKind; limit: number; offset: number }): Promise<{ rows: CodeWithGraduate[]; total: number }> {
      const where = and(eq(collectionCodes.batchId, batchId), f.status ? eq(collectionCodes.status, f.status) : undefined, f.kind ? kindCondition(f.kind) : undefined);
      const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(collectionCodes).leftJoin(graduates, eq(graduates.id, collectionCodes.graduateId)).where(where);
      const rows = await withGraduate().where(where).orderBy(asc(collectionCodes.createdAt), asc(collectionCodes.id)).limit(f.limit).offset(f.offset);
      return { rows, total: n };
    },
    /** Active codes to print, for one batch or every batch of a school, graduates first by 学号; and how many there are. */
    async forSheet(scope: { batchId: string } | { schoolId: string }, f: { kind?: CodeKind; since?: Date }, page: { limit: number; offset: number }) {
      const where = and(
        'batchId' in scope ? eq(collectionCodes.batchId, scope.batchId) : eq(batches.schoolId, scope.schoolId),
        eq(collectionCodes.status, 'active'),
        f.kind ? kindCondition(f.kind) : undefined,
        f.since ? gte(collectionCodes.createdAt, f.since) : undefined,
      );
      const [{ n } = { n: 0 }] = await db
        .select({ n: count() })
        .from(collectionCodes)
        .innerJoin(batches, eq(batches.id, collectionCodes.batchId))
        .leftJoin(graduates, eq(graduates.id, collectionCodes.graduateId))
        .where(where);
      const rows = await db
        .select({
          token: collectionCodes.token,
          graduateName: graduates.name,
          studentNumber: graduates.studentNumber,
          batchName: batches.name,
          featureCode: batches.featureCode,
          blank: sql<boolean>`${collectionCodes.graduateId} IS NULL`,
        })
        .from(collectionCodes)
        .innerJoin(batches, eq(batches.id, collectionCodes.batchId))
        .leftJoin(graduates, eq(graduates.id, collectionCodes.graduateId))
        .where(where)
        .orderBy(asc(batches.createdAt), asc(batches.id), sql`${collectionCodes.graduateId} IS NULL`, asc(graduates.studentNumber), asc(graduates.name), asc(collectionCodes.createdAt), asc(collectionCodes.id))
        .limit(page.limit)
        .offset(page.offset);
      return { rows, total: n };
    },
    async code(id: string) {
      const [row] = await db.select({ code: collectionCodes, schoolId: batches.schoolId }).from(collectionCodes).innerJoin(batches, eq(batches.id, collectionCodes.batchId)).where(eq(collectionCodes.id, id));
      return row;
    },
    async revoke(id: string): Promise<CodeRow | null> {
      const [row] = await db
        .update(collectionCodes)
        .set({ status: 'revoked', revokedAt: new Date() })
        .where(and(eq(collectionCodes.id, id), eq(collectionCodes.status, 'active')))
        .returning();
      return row ?? null;
    },
    async schoolName(id: string): Promise<string | undefined> {
      const [row] = await db.select({ name: schools.name }).from(schools).where(eq(schools.id, id));
      return row?.name;
    },
  };
}
export type CodesRepo = ReturnType<typeof createCodesRepo>;
