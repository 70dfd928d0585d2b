import type { AuditListResponse } from '@gradphoto/contracts/console-audit';
import type { AuditFilter, AuditRepo } from './audit.repo.js';

export interface AuditActor {
  type: 'student' | 'staff' | 'system';
  id: string | null;
  ip?: string;
}

/** The audit trail: every staff action and every read of a full personal record. */
export function createAuditService(deps: { repo: AuditRepo }) {
  return {
    record(actor: AuditActor, action: string, target?: { type: string; id: string }, details: Record<string, unknown> = {}) {
      return deps.repo.insert({
        actorType: actor.type,
        actorId: actor.id,
        action,
        targetType: target?.type ?? null,
        targetId: target?.id ?? null,
        details,
        ip: actor.ip ?? null,
      });
    },

    /** Search (admins only: the route checks the role). */
    async search(query: Omit<AuditFilter, 'from' | 'to'> & { from?: string; to?: string; page: number; pageSize: number }): Promise<AuditListResponse> {
      const { page, pageSize, from, to, ...filter } = query;
      const { rows, total } = await deps.repo.search(
        { ...filter, from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined },
        { limit: pageSize, offset: (page - 1) * pageSize },
      );
      return {
        items: rows.map(({ entry, username, staffName }) => ({
          id: entry.id,
          actorType: entry.actorType,
          actorId: entry.actorId,
          actorName: username ? `${staffName} (${username})` : null,
          actorUsername: username,
          action: entry.action,
          targetType: entry.targetType,
          targetId: entry.targetId,
          details: entry.details,
          ip: entry.ip,
          createdAt: entry.createdAt.toISOString(),
        })),
        total,
        page,
        pageSize,
      };
    },
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
