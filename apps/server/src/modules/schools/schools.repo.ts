import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { batches, centres, schools } from '../../db/schema.js';

export type SchoolRow = typeof schools.$inferSelect;
export type BatchRow = typeof batches.$inferSelect;

export function createSchoolsRepo(db: Db) {
  return {
    async insertCentre(name: string) {
      const [row] = await db.insert(centres).values({ name }).returning();
      return row!;
    },
    async insertSchool(row: typeof schools.$inferInsert): Promise<SchoolRow> {
      const [inserted] = await db.insert(schools).values(row).returning();
      return inserted!;
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
