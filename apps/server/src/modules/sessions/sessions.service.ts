import { randomToken, sha256 } from '../../lib/tokens.js';
import type { SessionsRepo } from './sessions.repo.js';

export type SubjectType = 'student' | 'staff';
export interface SessionInfo {
  id: string;
  subjectType: SubjectType;
  subjectId: string;
}

const LIFETIME_MS: Record<SubjectType, number> = {
  student: 7 * 24 * 3600 * 1000,
  staff: 12 * 3600 * 1000,
};

/** Database-backed sessions; the cookie carries a random token, the table its SHA-256. Sliding expiry. */
export function createSessionsService(deps: { repo: SessionsRepo; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());
  return {
    lifetimeSeconds: (type: SubjectType) => LIFETIME_MS[type] / 1000,
    async create(subjectType: SubjectType, subjectId: string, meta: { ip?: string; userAgent?: string }) {
      const token = randomToken();
      const t = now();
      await deps.repo.insert({
        id: sha256(token),
        subjectType,
        subjectId,
        createdAt: t,
        lastSeenAt: t,
        expiresAt: new Date(t.getTime() + LIFETIME_MS[subjectType]),
        ip: meta.ip ?? null,
        userAgent: meta.userAgent?.slice(0, 300) ?? null,
      });
      return { token, maxAgeSeconds: LIFETIME_MS[subjectType] / 1000 };
    },
    async resolve(token: string): Promise<SessionInfo | null> {
      const t = now();
      const row = await deps.repo.findValid(sha256(token), t);
      if (!row) return null;
      // Slide the expiry at most once a minute to keep writes rare.
      if (t.getTime() - row.lastSeenAt.getTime() > 60_000) {
        await deps.repo.touch(row.id, t, new Date(t.getTime() + LIFETIME_MS[row.subjectType]));
      }
      return { id: row.id, subjectType: row.subjectType, subjectId: row.subjectId };
    },
    destroy: (sessionId: string) => deps.repo.delete(sessionId),
    destroyAllFor: (type: SubjectType, subjectId: string) => deps.repo.deleteForSubject(type, subjectId),
    purgeExpired: () => deps.repo.deleteExpired(now()),
  };
}
export type SessionsService = ReturnType<typeof createSessionsService>;
