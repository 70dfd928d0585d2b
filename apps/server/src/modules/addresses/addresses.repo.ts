import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { addresses } from '../../db/schema.js';

export type AddressRow = typeof addresses.$inferSelect;

export function createAddressesRepo(db: Db) {
  return {
    list: (studentId: string) => db.select().from(addresses).where(eq(addresses.studentId, studentId)).orderBy(desc(addresses.isDefault), desc(addresses.createdAt)),
    async find(studentId: string, id: string): Promise<AddressRow | undefined> {
      const [row] = await db.select().from(addresses).where(and(eq(addresses.id, id), eq(addresses.studentId, studentId)));
      return row;
    },
    /** Insert or update; making one default clears the others in the same transaction. */
    async save(row: typeof addresses.$inferInsert & { studentId: string }, id?: string): Promise<AddressRow | undefined> {
      return db.transaction(async (tx) => {
        if (row.isDefault) await tx.update(addresses).set({ isDefault: false }).where(eq(addresses.studentId, row.studentId));
        if (id) {
          const [updated] = await tx.update(addresses).set(row).where(and(eq(addresses.id, id), eq(addresses.studentId, row.studentId))).returning();
          return updated;
        }
        const [inserted] = await tx.insert(addresses).values(row).returning();
        return inserted;
      });
    },
    async delete(studentId: string, id: string): Promise<boolean> {
      const rows = await db.delete(addresses).where(and(eq(addresses.id, id), eq(addresses.studentId, studentId))).returning({ id: addresses.id });
      return rows.length === 1;
    },
  };
}
export type AddressesRepo = ReturnType<typeof createAddressesRepo>;
