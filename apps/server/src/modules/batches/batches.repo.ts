import { and, count, desc, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { batches, schools } from '../../db/schema.js';

export type BatchRow = typeof batches.$inferSelect;
export type BatchWithSchool = BatchRow & { schoolName: string };

const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function createBatchesRepo(db: Db) {
  const withSchool = () => db.select({ batch: batches, schoolName: schools.name }).from(batches).innerJoin(schools, eq(schools.id, batches.schoolId));
  const flat = (r: { batch: BatchRow; schoolName: string }): BatchWithSchool => ({ ...r.batch, schoolName: r.schoolName });

  return {
    async batch(id: string): Promise<BatchWithSchool | undefined> {
      const [row] = await withSchool().where(eq(batches.id, id));
      return row ? flat(row) : undefined;
    },
    async list(filter: { schoolId?: string; q?: string; limit: number; offset: number }): Promise<{ rows: BatchWithSchool[]; total: number }> {
      const conds: SQL[] = [];
      if (filter.schoolId) conds.push(eq(batches.schoolId, filter.schoolId));
      if (filter.q) conds.push(or(ilike(batches.name, like(filter.q)), ilike(batches.featureCode, like(filter.q)), ilike(schools.name, like(filter.q)))!);
      const where = conds.length ? and(...conds) : undefined;
      const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(batches).innerJoin(schools, eq(schools.id, batches.schoolId)).where(where);
      const rows = await withSchool().where(where).orderBy(desc(batches.createdAt), desc(batches.id)).limit(filter.limit).offset(filter.offset);
      return { rows: rows.map(flat), total: n };
    },
    async insert(row: typeof batches.$inferInsert): Promise<BatchRow> {
      const [inserted] = await db.insert(batches).values(row).returning();
      return inserted!;
    },
    async update(id: string, set: Partial<typeof batches.$inferInsert>): Promise<BatchRow | undefined> {
      const [row] = await db.update(batches).set(set).where(eq(batches.id, id)).returning();
      return row;
    },
    async setHasRoster(id: string, hasRoster: boolean): Promise<void> {
      await db.update(batches).set({ hasRoster }).where(eq(batches.id, id));
    },
  };
}
export type BatchesRepo = ReturnType<typeof createBatchesRepo>;
