import { count, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { batches, schools, staff } from '../../db/schema.js';

export type StaffRow = typeof staff.$inferSelect;

export function createStaffRepo(db: Db) {
  return {
    async findByUsername(username: string): Promise<StaffRow | undefined> {
      const [row] = await db.select().from(staff).where(eq(staff.username, username));
      return row;
    },
    async findWithSchool(id: string) {
      const [row] = await db
        .select({ staff, schoolName: schools.name })
        .from(staff)
        .leftJoin(schools, eq(schools.id, staff.schoolId))
        .where(eq(staff.id, id));
      return row;
    },
    async insert(row: typeof staff.$inferInsert): Promise<StaffRow> {
      const [inserted] = await db.insert(staff).values(row).returning();
      return inserted!;
    },
    async countAll(): Promise<number> {
      const [row] = await db.select({ n: count() }).from(staff);
      return row?.n ?? 0;
    },
    async countSchools(): Promise<number> {
      const [row] = await db.select({ n: count() }).from(schools);
      return row?.n ?? 0;
    },
    async countBatches(schoolId?: string): Promise<number> {
      const q = db.select({ n: count() }).from(batches);
      const [row] = schoolId ? await q.where(eq(batches.schoolId, schoolId)) : await q;
      return row?.n ?? 0;
    },
  };
}
export type StaffRepo = ReturnType<typeof createStaffRepo>;
