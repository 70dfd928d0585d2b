import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { students } from '../../db/schema.js';
import { uniqueViolation } from '../../db/unique-violation.js';

export type StudentRow = typeof students.$inferSelect;
export type NewStudent = typeof students.$inferInsert;

export function createAccountsRepo(db: Db) {
  return {
    async findById(id: string): Promise<StudentRow | undefined> {
      const [row] = await db.select().from(students).where(eq(students.id, id));
      return row;
    },
    async findByIdHash(hash: string): Promise<StudentRow | undefined> {
      const [row] = await db.select().from(students).where(eq(students.idNumberHash, hash));
      return row;
    },
    async findByPhone(phone: string): Promise<StudentRow | undefined> {
      const [row] = await db.select().from(students).where(eq(students.phone, phone));
      return row;
    },
    async findByEmail(email: string): Promise<StudentRow | undefined> {
      const [row] = await db.select().from(students).where(eq(students.email, email));
      return row;
    },
    /** Inserts, or returns which unique key was taken. */
    async insert(student: NewStudent): Promise<StudentRow | { taken: 'id' | 'phone' | 'email' }> {
      try {
        const [row] = await db.insert(students).values(student).returning();
        return row!;
      } catch (err) {
        const constraint = uniqueViolation(err);
        if (constraint === 'students_phone_uq') return { taken: 'phone' };
        if (constraint === 'students_email_uq') return { taken: 'email' };
        if (constraint === 'students_id_hash_uq') return { taken: 'id' };
        throw err;
      }
    },
    async updateContact(id: string, set: { phone?: string; email?: string }): Promise<StudentRow | 'taken'> {
      try {
        const [row] = await db.update(students).set({ ...set, updatedAt: new Date() }).where(eq(students.id, id)).returning();
        return row!;
      } catch (err) {
        if (uniqueViolation(err) !== null) return 'taken';
        throw err;
      }
    },
    async setAvatar(id: string, avatarKey: string): Promise<void> {
      await db.update(students).set({ avatarKey }).where(eq(students.id, id));
    },
    async updatePassword(id: string, passwordHash: string): Promise<void> {
      await db.update(students).set({ passwordHash, updatedAt: new Date() }).where(eq(students.id, id));
    },
  };
}
export type AccountsRepo = ReturnType<typeof createAccountsRepo>;
