import type { Db } from '../../db/client.js';
import { auditLog } from '../../db/schema.js';

export function createAuditRepo(db: Db) {
  return {
    async insert(row: typeof auditLog.$inferInsert): Promise<void> {
      await db.insert(auditLog).values(row);
    },
  };
}
export type AuditRepo = ReturnType<typeof createAuditRepo>;
