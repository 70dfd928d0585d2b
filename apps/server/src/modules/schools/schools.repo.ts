import { and, asc, count, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { batches, centres, schools } from '../../db/schema.js';

export type SchoolRow = typeof schools.$inferSelect;
export type BatchRow = typeof batches.$inferSelect;
export type SchoolWithCount = SchoolRow & { batchCount: number };

const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function createSchoolsRepo(db: Db) {
  return {
    async insertCentre(name: string) {
      const [row] = await db.insert(centres).values({ name }).returning();
      return row!;
    },
    async firstCentreId(): Promise<string | null> {
      const [row] = await db.select({ id: centres.id }).from(centres).orderBy(asc(centres.createdAt)).limit(1);
      return row?.id ?? null;
    },
    async insertSchool(row: typeof schools.$inferInsert): Promise<SchoolRow> {
      const [inserted] = await db.insert(schools).values(row).returning();
      return inserted!;
    },
    async updateSchool(id: string, set: Partial<typeof schools.$inferInsert>): Promise<SchoolRow | undefined> {
      const [row] = await db.update(schools).set(set).where(eq(schools.id, id)).returning();
      return row;
    },
    async school(id: string): Promise<SchoolRow | undefined> {
      const [row] = await db.select().from(schools).where(eq(schools.id, id));
      return row;
    },
    /** Schools with their batch count, by name; `onlyId` limits to one school (a coordinator's). */
    async listSchools(filter: { q?: string; onlyId?: string; limit: number; offset: number }): Promise<{ rows: SchoolWithCount[]; total: number }> {
      const conds: SQL[] = [];
      if (filter.onlyId) conds.push(eq(schools.id, filter.onlyId));
      if (filter.q) conds.push(or(ilike(schools.name, like(filter.q)), ilike(schools.code, like(filter.q)))!);
      const where = conds.length ? and(...conds) : undefined;
      const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(schools).where(where);
      const rows = await db
        .select({ school: schools, batchCount: count(batches.id) })
        .from(schools)
        .leftJoin(batches, eq(batches.schoolId, schools.id))
        .where(where)
        .groupBy(schools.id)
        .orderBy(asc(schools.name), asc(schools.id))
        .limit(filter.limit)
        .offset(filter.offset);
      return { rows: rows.map((r) => ({ ...r.school, batchCount: r.batchCount })), total: n };
    },
    async insertBatch(row: typeof batches.$inferInsert): Promise<BatchRow> {
      const [inserted] = await db.insert(batches).values(row).returning();
      return inserted!;
    },
    async findBatchByFeatureCode(code: string): Promise<BatchRow | undefined> {
      const [row] = await db.select().from(batches).where(eq(batches.featureCode, code));
      return row;
    },
  };
}
export type SchoolsRepo = ReturnType<typeof createSchoolsRepo>;
