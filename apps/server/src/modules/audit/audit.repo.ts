import { and, count, desc, eq, gte, inArray, like, lte, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditLog, staff } from '../../db/schema.js';

export type AuditRow = typeof auditLog.$inferSelect;

export interface AuditFilter {
  actorType?: AuditRow['actorType'];
  actorId?: string;
  /** A staff username, or an actor id (a UUID). */
  actor?: string;
  /** Exact action, or a prefix when it ends with `*`. */
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createAuditRepo(db: Db) {
  /** An id matches any actor with it; anything else is a staff username (stored in lower case). */
  const actorIs = (actor: string): SQL =>
    UUID.test(actor)
      ? eq(auditLog.actorId, actor.toLowerCase())
      : and(eq(auditLog.actorType, 'staff'), inArray(auditLog.actorId, db.select({ id: staff.id }).from(staff).where(eq(staff.username, actor.toLowerCase()))))!;

  return {
    async insert(row: typeof auditLog.$inferInsert): Promise<void> {
      await db.insert(auditLog).values(row);
    },
    /** Newest first, with the staff member's username and name for staff actors. */
    async search(f: AuditFilter, page: { limit: number; offset: number }) {
      const conds: SQL[] = [];
      if (f.actorType) conds.push(eq(auditLog.actorType, f.actorType));
      if (f.actorId) conds.push(eq(auditLog.actorId, f.actorId));
      if (f.actor) conds.push(actorIs(f.actor));
      if (f.action) {
        conds.push(f.action.endsWith('*') ? like(auditLog.action, `${f.action.slice(0, -1).replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : eq(auditLog.action, f.action));
      }
      if (f.targetType) conds.push(eq(auditLog.targetType, f.targetType));
      if (f.targetId) conds.push(eq(auditLog.targetId, f.targetId));
      if (f.from) conds.push(gte(auditLog.createdAt, f.from));
      if (f.to) conds.push(lte(auditLog.createdAt, f.to));
      const where = conds.length ? and(...conds) : undefined;
      const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(auditLog).where(where);
      const rows = await db
        .select({ entry: auditLog, username: staff.username, staffName: staff.name })
        .from(auditLog)
        .leftJoin(staff, and(eq(auditLog.actorType, 'staff'), eq(staff.id, auditLog.actorId)))
        .where(where)
        .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
        .limit(page.limit)
        .offset(page.offset);
      return { rows, total: n };
    },
  };
}
export type AuditRepo = ReturnType<typeof createAuditRepo>;
