import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { schools, staff } from '../../db/schema.js';
import { uniqueViolation } from '../../db/unique-violation.js';

export type StaffRow = typeof staff.$inferSelect;
export type StaffWithSchool = StaffRow & { schoolName: string | null };

export function createStaffAccountsRepo(db: Db) {
  const withSchool = () => db.select({ staff, schoolName: schools.name }).from(staff).leftJoin(schools, eq(schools.id, staff.schoolId));
  const flat = (r: { staff: StaffRow; schoolName: string | null }): StaffWithSchool => ({ ...r.staff, schoolName: r.schoolName });
  return {
    async list(f: { role?: StaffRow['role']; schoolId?: string }): Promise<StaffWithSchool[]> {
      const conds: SQL[] = [];
      if (f.role) conds.push(eq(staff.role, f.role));
      if (f.schoolId) conds.push(eq(staff.schoolId, f.schoolId));
      return (await withSchool().where(conds.length ? and(...conds) : undefined).orderBy(asc(staff.role), asc(staff.username))).map(flat);
    },
    async find(id: string): Promise<StaffWithSchool | undefined> {
      const [row] = await withSchool().where(eq(staff.id, id));
      return row ? flat(row) : undefined;
    },
    /** null when the username is taken. */
    async insert(row: typeof staff.$inferInsert): Promise<StaffRow | null> {
      try {
        const [inserted] = await db.insert(staff).values(row).returning();
        return inserted!;
      } catch (err) {
        if (uniqueViolation(err) !== null) return null;
        throw err;
      }
    },
    async update(id: string, set: Partial<typeof staff.$inferInsert>): Promise<void> {
      await db.update(staff).set(set).where(eq(staff.id, id));
    },
    async schoolExists(id: string): Promise<boolean> {
      return (await db.select({ id: schools.id }).from(schools).where(eq(schools.id, id))).length === 1;
    },
  };
}
export type StaffAccountsRepo = ReturnType<typeof createStaffAccountsRepo>;
