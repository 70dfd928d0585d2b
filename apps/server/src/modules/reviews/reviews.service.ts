import { REVIEW_CLAIM_TTL_SECONDS, REVIEW_UNDO_SECONDS, type BulkApproveResponse, type RejectReasonCode, type ReviewItem, type ReviewStatsQuery } from '@gradphoto/contracts/console-reviews';
import type { CheckView } from '@gradphoto/contracts/journey';
import { maskIdNumber } from '@gradphoto/contracts/id-number';
import { bilingual as m, errors, type Bilingual } from '../../errors.js';
import { uniqueViolation } from '../../db/unique-violation.js';
import type { IdCrypto } from '../../lib/id-crypto.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CollectionsRepo } from '../collections/collections.repo.js';
import { auditActor, type StaffActor } from '../schools/school-scope.js';
import type { SubmissionRow, SubmissionsRepo } from '../submissions/submissions.repo.js';
import { toSubmissionView, type SubmissionsService } from '../submissions/submissions.service.js';
import { composeRejectReason, reviewUndoneMessage } from './review-messages.js';
import type { ReviewsRepo } from './reviews.repo.js';

export interface ReviewsDeps {
  repo: ReviewsRepo;
  submissions: Pick<SubmissionsService, 'announce'>;
  submissionsRepo: Pick<SubmissionsRepo, 'find' | 'listForCollection'>;
  collections: Pick<CollectionsRepo, 'collection' | 'graduate' | 'batch'>;
  idCrypto: IdCrypto;
  audit: AuditService;
  notify(studentId: string, kind: string, message: { title: Bilingual; body: Bilingual; link?: string }): Promise<unknown>;
  now?: () => Date;
  claimTtlSeconds?: number;
  undoSeconds?: number;
}

const iso = (d: Date) => d.toISOString();
const allGreen = (s: SubmissionRow) => s.verdict === 'pass' && ((s.report as { checks?: CheckView[] } | null)?.checks ?? []).every((c) => c.passed);

/**
 * The review queue, built for speed: a reviewer claims the oldest waiting photo (two reviewers never get
 * the same one), keeps the claim alive with a heartbeat, approves or rejects with a reason template,
 * may undo within a short window, and bulk-approves photos whose every check is green.
 */
export function createReviewsService(deps: ReviewsDeps) {
  const now = deps.now ?? (() => new Date());
  const ttlMs = (deps.claimTtlSeconds ?? REVIEW_CLAIM_TTL_SECONDS) * 1000;
  const undoMs = (deps.undoSeconds ?? REVIEW_UNDO_SECONDS) * 1000;
  const expiredBefore = (t: Date) => new Date(t.getTime() - ttlMs);
  const notFound = () => errors.notFound(m('找不到该照片', 'Photo not found'));

  async function item(s: SubmissionRow): Promise<ReviewItem> {
    const c = await deps.collections.collection(s.collectionId);
    const [g, b, all] = await Promise.all([
      c ? deps.collections.graduate(c.graduateId) : undefined,
      c ? deps.collections.batch(c.batchId) : undefined,
      deps.submissionsRepo.listForCollection(s.collectionId),
    ]);
    return {
      submission: toSubmissionView(s),
      graduate: {
        name: g?.name ?? '',
        studentNumber: g?.studentNumber ?? '',
        idNumberMasked: g ? maskIdNumber(deps.idCrypto.decrypt(g.idNumberEnc)) : '',
        department: g?.department ?? '',
        major: g?.major ?? '',
        educationLevel: g?.educationLevel ?? '',
        schoolName: b?.schoolName ?? '',
        batchId: b?.id ?? '',
        batchName: b?.name ?? '',
        background: b?.background ?? '',
        specId: b?.specId ?? '',
      },
      claimExpiresAt: iso(new Date((s.claimedAt ?? now()).getTime() + ttlMs)),
      previous: all
        .filter((p) => p.id !== s.id && p.status !== 'processing' && p.status !== 'draft')
        .map((p) => ({ id: p.id, status: p.status, rejectReason: p.rejectReason, createdAt: iso(p.createdAt) })),
    };
  }

  async function decide(actor: StaffActor, submissionId: string, d: { decision: 'approved' | 'rejected'; reason?: string; reasonCode?: RejectReasonCode; mode: 'single' | 'bulk' }) {
    const t = now();
    const done = await deps.repo.decide({ id: submissionId, staffId: actor.id, now: t, expiredBefore: expiredBefore(t), ...d, ...(d.mode === 'bulk' ? { requireVerdict: 'pass' } : {}) });
    if (!done) return null;
    await deps.submissions.announce(d.decision, done.row);
    await deps.audit.record(auditActor(actor), d.decision === 'approved' ? 'submission.approve' : 'submission.reject', { type: 'submission', id: submissionId }, {
      ...(d.mode === 'bulk' ? { bulk: true } : {}),
      ...(d.reason ? { reason: d.reason } : {}),
    });
    return done;
  }

  async function explainRefusal(actor: StaffActor, submissionId: string): Promise<never> {
    const s = await deps.submissionsRepo.find(submissionId);
    if (!s) throw notFound();
    if (s.status === 'pending_review' && s.claimedBy && s.claimedBy !== actor.id) {
      throw errors.conflict('REVIEW_CLAIMED', m('该照片正由其他审核员处理', 'Another reviewer is reviewing this photo'));
    }
    throw errors.conflict('SUBMISSION_STATE', m('该照片已被处理或撤回', 'This photo was already reviewed or withdrawn'), { status: s.status });
  }

  return {
    /** Claims the next photo: the reviewer's own live claim first (a reload), else the oldest free one. */
    async next(actor: StaffActor, opts: { batchId?: string; skip?: string[] } = {}) {
      const skip = opts.skip ?? [];
      await deps.repo.release(skip, actor.id);
      const t = now();
      const filter = { batchId: opts.batchId, exclude: skip };
      let claimed = await deps.repo.liveClaimOf(actor.id, expiredBefore(t), filter);
      for (let i = 0; !claimed && i < 8; i++) {
        const candidate = await deps.repo.nextCandidate(actor.id, expiredBefore(t), filter);
        if (!candidate) break;
        claimed = (await deps.repo.claim(candidate.id, actor.id, t, expiredBefore(t))) ?? undefined;
      }
      const pending = await deps.repo.pendingCount(opts.batchId);
      return { item: claimed ? await item(claimed) : null, pending };
    },

    /** Keeps the claim alive while the reviewer looks at the photo; 409 when it was lost. */
    async heartbeat(actor: StaffActor, submissionId: string) {
      const t = now();
      const row = await deps.repo.heartbeat(submissionId, actor.id, t);
      if (!row) {
        if (!(await deps.submissionsRepo.find(submissionId))) throw notFound();
        throw errors.conflict('CLAIM_LOST', m('该照片已不在您的审核中，请取下一张', 'This photo is no longer yours to review; take the next one'));
      }
      return { claimExpiresAt: iso(new Date(t.getTime() + ttlMs)) };
    },

    async release(actor: StaffActor, submissionId: string) {
      await deps.repo.release([submissionId], actor.id);
      return { ok: true as const };
    },

    async approve(actor: StaffActor, submissionId: string) {
      const done = (await decide(actor, submissionId, { decision: 'approved', mode: 'single' })) ?? (await explainRefusal(actor, submissionId));
      return { ok: true as const, decisionId: done.decision.id, undoUntil: iso(new Date(done.decision.decidedAt.getTime() + undoMs)) };
    },

    async reject(actor: StaffActor, submissionId: string, input: { reasonCode?: RejectReasonCode; reason?: string }) {
      const reason = composeRejectReason(input.reasonCode, input.reason);
      if (reason.length < 2) throw errors.validation('REJECT_REASON', m('请选择退回原因或填写说明', 'Choose a reason or write one'), [{ path: 'reason', message: m('请填写原因', 'Enter a reason') }]);
      const done = (await decide(actor, submissionId, { decision: 'rejected', reason, reasonCode: input.reasonCode, mode: 'single' })) ?? (await explainRefusal(actor, submissionId));
      return { ok: true as const, decisionId: done.decision.id, undoUntil: iso(new Date(done.decision.decidedAt.getTime() + undoMs)) };
    },

    /**
     * Takes back the reviewer's own decision within the undo window: the photo returns to review, claimed
     * by the same reviewer, with a history row; the student gets a correction notice. Refused after the
     * window, for someone else's decision, or once something depends on it.
     */
    async undo(actor: StaffActor, submissionId: string) {
      const s = await deps.submissionsRepo.find(submissionId);
      if (!s) throw notFound();
      const d = await deps.repo.latestDecision(submissionId);
      const t = now();
      if (!d || d.undoneAt || (s.status !== 'approved' && s.status !== 'rejected') || d.decision !== s.status) {
        throw errors.conflict('UNDO_NOTHING', m('没有可撤销的审核操作', 'There is no decision to undo'));
      }
      if (d.reviewerId !== actor.id) throw errors.forbidden(m('只能撤销自己的审核操作', 'You can only undo your own decisions'));
      if (t.getTime() - d.decidedAt.getTime() > undoMs) {
        throw errors.conflict('UNDO_EXPIRED', m(`审核结果只能在 ${undoMs / 1000} 秒内撤销`, `A decision can be undone within ${undoMs / 1000} seconds only`));
      }
      const c = await deps.collections.collection(s.collectionId);
      const b = c ? await deps.collections.batch(c.batchId) : undefined;
      if (!c || !b) throw notFound();
      const blockers = await deps.repo.dependents(c.id, b.schoolId, d.decidedAt);
      if (blockers.length) {
        throw errors.conflict('UNDO_BLOCKED', m('该审核结果已被后续操作使用，不能撤销', 'Something already depends on this decision; it cannot be undone'), { blockers });
      }
      let row: SubmissionRow | null;
      try {
        row = await deps.repo.undo({ decision: d, staffId: actor.id, now: t });
      } catch (err) {
        if (uniqueViolation(err) !== null) throw errors.conflict('UNDO_BLOCKED', m('学生已提交新的照片，不能撤销', 'The student has submitted a new photo; the decision cannot be undone'), { blockers: ['newer_submission'] });
        throw err;
      }
      if (!row) throw errors.conflict('UNDO_NOTHING', m('没有可撤销的审核操作', 'There is no decision to undo'));
      await deps.notify(c.studentId, 'submission.review_undone', reviewUndoneMessage(c.id, d.decision));
      await deps.audit.record(auditActor(actor), 'submission.undo', { type: 'submission', id: submissionId }, { undid: d.decision, decisionId: d.id });
      return { item: await item(row) };
    },

    /** Photos waiting for review whose every check is green (for a grid the reviewer approves at once). */
    async green(actor: StaffActor, opts: { batchId?: string; limit: number }) {
      const t = now();
      const { rows, total } = await deps.repo.green(actor.id, expiredBefore(t), opts);
      return {
        total,
        items: rows
          .filter((r) => allGreen(r.s))
          .map((r) => ({ submissionId: r.s.id, resultUrl: `/api/submissions/${r.s.id}/result.jpg`, name: r.name, schoolName: r.schoolName, batchName: r.batchName, submittedAt: r.s.submittedAt ? iso(r.s.submittedAt) : null })),
      };
    },

    /** Approves each listed photo that is still waiting, free, and all green; the rest are reported, not failed. */
    async bulkApprove(actor: StaffActor, submissionIds: string[]): Promise<BulkApproveResponse> {
      const result: BulkApproveResponse = { approved: [], skipped: [] };
      for (const id of [...new Set(submissionIds)]) {
        const s = await deps.submissionsRepo.find(id);
        if (!s) {
          result.skipped.push({ submissionId: id, reason: 'not_found' });
          continue;
        }
        if (!allGreen(s)) {
          result.skipped.push({ submissionId: id, reason: s.status === 'pending_review' ? 'not_green' : 'not_pending' });
          continue;
        }
        const done = await decide(actor, id, { decision: 'approved', mode: 'bulk' });
        if (done) result.approved.push(id);
        else {
          const after = await deps.submissionsRepo.find(id);
          result.skipped.push({ submissionId: id, reason: after?.status === 'pending_review' ? 'claimed' : 'not_pending' });
        }
      }
      return result;
    },

    /** Decisions per reviewer per day or hour; a reviewer sees their own figures, an admin everyone's. */
    async stats(actor: StaffActor, q: ReviewStatsQuery) {
      const to = q.to ? new Date(q.to) : now();
      const from = q.from ? new Date(q.from) : new Date(to.getTime() - 7 * 86_400_000);
      if (from >= to) throw errors.validation('RANGE', m('开始时间应早于结束时间', 'The start must be before the end'));
      const bucket = q.bucket ?? 'day';
      const { rows, totals } = await deps.repo.stats(from, to, bucket, actor.role === 'admin' ? undefined : actor.id);
      const round = (v: number | null) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);
      return {
        from: iso(from),
        to: iso(to),
        bucket,
        rows: rows.map((r) => ({ ...r, medianSeconds: round(r.medianSeconds) })),
        totals: totals.map((r) => ({ ...r, medianSeconds: round(r.medianSeconds) })),
      };
    },
  };
}
export type ReviewsService = ReturnType<typeof createReviewsService>;
