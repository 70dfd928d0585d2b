import type { StaffProfile } from '@gradphoto/contracts/accounts';
import { maskIdNumber } from '@gradphoto/contracts/id-number';
import type { IdCrypto } from '../../lib/id-crypto.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CollectionsRepo } from '../collections/collections.repo.js';
import type { SubmissionsRepo } from '../submissions/submissions.repo.js';
import { toSubmissionView, type SubmissionsService } from '../submissions/submissions.service.js';

/** Review of submissions by centre staff. Every decision is audited. */
export function createReviewsService(deps: { submissions: SubmissionsService; submissionsRepo: SubmissionsRepo; collections: CollectionsRepo; idCrypto: IdCrypto; audit: AuditService }) {
  return {
    async next(staff: StaffProfile) {
      const s = await deps.submissions.claimNext(staff.id);
      const pending = (await deps.submissionsRepo.pendingReview()).length;
      if (!s) return { item: null, pending };
      const c = (await deps.collections.collection(s.collectionId))!;
      const [g, b] = await Promise.all([deps.collections.graduate(c.graduateId), deps.collections.batch(c.batchId)]);
      return {
        pending,
        item: {
          submission: toSubmissionView(s),
          graduate: {
            name: g?.name ?? '',
            studentNumber: g?.studentNumber ?? '',
            idNumberMasked: g ? maskIdNumber(deps.idCrypto.decrypt(g.idNumberEnc)) : '',
            schoolName: b?.schoolName ?? '',
            batchName: b?.name ?? '',
          },
        },
      };
    },
    async decide(staff: StaffProfile, submissionId: string, decision: { approve: true } | { approve: false; reason: string }, ip: string) {
      await deps.submissions.review(staff.id, submissionId, decision);
      await deps.audit.record({ type: 'staff', id: staff.id, ip }, decision.approve ? 'submission.approve' : 'submission.reject', { type: 'submission', id: submissionId }, decision.approve ? {} : { reason: decision.reason });
      return { ok: true as const };
    },
  };
}
export type ReviewsService = ReturnType<typeof createReviewsService>;
