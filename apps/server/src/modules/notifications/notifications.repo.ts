import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { notifications, students } from '../../db/schema.js';

export type NotificationRow = typeof notifications.$inferSelect;

export function createNotificationsRepo(db: Db) {
  return {
    async insert(row: typeof notifications.$inferInsert): Promise<NotificationRow> {
      const [inserted] = await db.insert(notifications).values(row).returning();
      return inserted!;
    },
    async withRecipient(id: string) {
      const [row] = await db
        .select({ n: notifications, email: students.email })
        .from(notifications)
        .innerJoin(students, eq(students.id, notifications.studentId))
        .where(eq(notifications.id, id));
      return row;
    },
    list: (studentId: string) => db.select().from(notifications).where(eq(notifications.studentId, studentId)).orderBy(desc(notifications.createdAt)).limit(100),
    async unread(studentId: string): Promise<number> {
      const [row] = await db.select({ n: count() }).from(notifications).where(and(eq(notifications.studentId, studentId), isNull(notifications.readAt)));
      return row?.n ?? 0;
    },
    async markRead(studentId: string, id?: string) {
      await db
        .update(notifications)
        .set({ readAt: new Date() })
        .where(and(eq(notifications.studentId, studentId), isNull(notifications.readAt), ...(id ? [eq(notifications.id, id)] : [])));
    },
  };
}
export type NotificationsRepo = ReturnType<typeof createNotificationsRepo>;
