import type { FileStorage } from '../../storage/storage.js';
import type { AuditService } from '../audit/audit.service.js';
import type { RetentionRepo } from './retention.repo.js';

export interface RetentionDeps {
  repo: RetentionRepo;
  storage: FileStorage;
  audit: AuditService;
  /** ORIGINALS_RETENTION_DAYS. */
  retentionDays: number;
  now?: () => Date;
  /** Submissions handled per page (each page: one query, the file deletions, one update, one audit entry). */
  pageSize?: number;
}

const DAY_MS = 24 * 3600_000;

/**
 * PIPL retention of original photos: once a submission is finished (retracted, rejected, superseded, or
 * approved, exported and printed) and its last change is older than the retention period, its original
 * file is deleted and the row is marked. The compliant result stays (exports, prints, downloads).
 * Idempotent: a marked row is never picked again, and deleting a missing file is harmless.
 */
export function createRetentionService(deps: RetentionDeps) {
  const now = deps.now ?? (() => new Date());
  const pageSize = deps.pageSize ?? 200;

  return {
    retentionDays: deps.retentionDays,

    /** Job: deletes every expired original, page by page; returns how many it deleted. */
    async sweepOriginals(): Promise<{ deleted: number; cutoff: string }> {
      const cutoff = new Date(now().getTime() - deps.retentionDays * DAY_MS);
      let deleted = 0;
      for (;;) {
        const page = await deps.repo.expiredOriginals(cutoff, pageSize);
        if (!page.length) break;
        // files first: if this run dies half-way, the rows are still unmarked and the next run deletes again
        for (const s of page) await deps.storage.delete(s.originalKey);
        const marked = await deps.repo.markOriginalsDeleted(
          page.map((s) => s.id),
          now(),
        );
        if (marked.length) {
          await deps.audit.record({ type: 'system', id: null }, 'privacy.originals_deleted', undefined, {
            retentionDays: deps.retentionDays,
            cutoff: cutoff.toISOString(),
            count: marked.length,
            submissionIds: marked,
          });
        }
        deleted += marked.length;
        if (page.length < pageSize || !marked.length) break;
      }
      return { deleted, cutoff: cutoff.toISOString() };
    },
  };
}
export type RetentionService = ReturnType<typeof createRetentionService>;
