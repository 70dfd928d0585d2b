import type { AuditRepo } from './audit.repo.js';

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
  };
}
export type AuditService = ReturnType<typeof createAuditService>;
