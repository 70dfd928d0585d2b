import { randomUUID } from 'node:crypto';
import type { CheckView, SubmissionView } from '@gradphoto/contracts/journey';
import { bilingual as m, DomainError, errors, type Bilingual } from '../../errors.js';
import { uniqueViolation } from '../../db/unique-violation.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { FileStorage } from '../../storage/storage.js';
import type { Mailer } from '../../adapters/mailer.js';
import type { SubmissionRow, SubmissionsRepo } from './submissions.repo.js';

export interface CollectionContext {
  id: string;
  studentId: string;
  batchId: string;
  schoolId: string;
  payer: 'student' | 'school';
  capturePolicy: 'live_only' | 'album_allowed';
  specId: string;
  background: string;
}

/** What the photo engine produced for one submission (the job handler fills it). */
export interface ProcessingOutcome {
  verdict: 'pass' | 'warn' | 'reject' | 'error';
  checks: CheckView[];
  result?: { bytes: Uint8Array; width: number; height: number; quality: number };
  error?: { code: string; message: Bilingual };
  face?: unknown;
  timings?: Record<string, number>;
}

export type SubmissionEvent = 'approved' | 'rejected' | 'pending_review';

export interface SubmissionsDeps {
  repo: SubmissionsRepo;
  storage: FileStorage;
  jobs: JobQueue;
  mailer: Mailer;
  centreName: string;
  collection(collectionId: string): Promise<CollectionContext | undefined>;
  /** Whether the collection fee is settled (school pays, or the collection order is paid). */
  paymentSettled(collection: CollectionContext): Promise<boolean>;
  onEvent?(event: SubmissionEvent, submission: SubmissionRow, collection: CollectionContext): Promise<void>;
  now?: () => Date;
}

const MAX_UPLOAD_BYTES = 30 * 1024 * 1024;

export function toSubmissionView(s: SubmissionRow): SubmissionView {
  const report = (s.report ?? {}) as { checks?: CheckView[]; error?: { code: string; message: Bilingual } };
  return {
    id: s.id,
    collectionId: s.collectionId,
    status: s.status,
    source: s.source,
    verdict: (s.verdict as SubmissionView['verdict']) ?? null,
    checks: report.checks ?? [],
    error: report.error ?? null,
    resultUrl: s.resultKey ? `/api/submissions/${s.id}/result.jpg` : null,
    originalUrl: s.originalDeletedAt ? null : `/api/submissions/${s.id}/original`,
    originalDeletedAt: s.originalDeletedAt?.toISOString() ?? null,
    rejectReason: s.rejectReason,
    createdAt: s.createdAt.toISOString(),
    submittedAt: s.submittedAt?.toISOString() ?? null,
  };
}

/**
 * Photo versions of a collection: draft → submitted → pending_review → approved | rejected, or withdrawn.
 * Every transition is a conditional update plus a history row.
 */
export function createSubmissionsService(deps: SubmissionsDeps) {
  const now = deps.now ?? (() => new Date());

  async function ownCollection(studentId: string, collectionId: string) {
    const c = await deps.collection(collectionId);
    if (!c || c.studentId !== studentId) throw errors.notFound(m('找不到该学历', 'Collection not found'));
    return c;
  }
  async function ownSubmission(studentId: string, submissionId: string) {
    const s = await deps.repo.find(submissionId);
    const c = s ? await deps.collection(s.collectionId) : undefined;
    if (!s || !c || c.studentId !== studentId) throw errors.notFound(m('找不到该照片', 'Photo not found'));
    return { s, c };
  }
  const stateConflict = () => errors.conflict('SUBMISSION_STATE', m('照片状态已变化，请刷新后重试', 'The photo changed state; please refresh'));

  return {
    async upload(studentId: string, collectionId: string, input: { bytes: Buffer; source: 'camera' | 'album' }) {
      const c = await ownCollection(studentId, collectionId);
      if (input.bytes.length === 0) throw errors.validation('PHOTO_EMPTY', m('上传的文件是空的', 'The uploaded file is empty'));
      if (input.bytes.length > MAX_UPLOAD_BYTES) throw errors.tooLarge(m('照片文件太大（最大 30 MB）', 'The photo file is too large (30 MB at most)'));
      if (c.capturePolicy === 'live_only' && input.source === 'album') {
        throw errors.conflict('CAPTURE_LIVE_ONLY', m('本批次要求现场拍摄，不能从相册上传', 'This batch requires a live camera photo; album uploads are off'));
      }
      const active = (await deps.repo.listForCollection(c.id)).find((s) => ['submitted', 'pending_review', 'approved'].includes(s.status));
      if (active?.status === 'approved') throw errors.conflict('ALREADY_APPROVED', m('照片已审核通过，不能再更改', 'The photo is approved and can no longer change'));
      if (active) throw errors.conflict('SUBMISSION_ACTIVE', m('照片正在审核中，请先撤回再重拍', 'A photo is waiting for review; withdraw it first to retake'));
      const id = randomUUID();
      const originalKey = `originals/${c.id}/${id}`;
      await deps.storage.put(originalKey, input.bytes);
      const s = await deps.repo.insert({ id, collectionId: c.id, source: input.source, originalKey, status: 'processing' }, { type: 'student', id: studentId });
      await deps.jobs.send('photos.process', { submissionId: s.id });
      return toSubmissionView(s);
    },

    /** Called by the photo job: stores the result and moves processing → draft. Safe to repeat. */
    async completeProcessing(submissionId: string, outcome: ProcessingOutcome) {
      const s = await deps.repo.find(submissionId);
      if (!s || s.status !== 'processing') return null;
      let resultKey: string | null = null;
      if (outcome.result) {
        resultKey = `results/${s.collectionId}/${s.id}.jpg`;
        await deps.storage.put(resultKey, outcome.result.bytes);
      }
      const report = { checks: outcome.checks, error: outcome.error ?? null, face: outcome.face ?? null, timings: outcome.timings ?? {}, output: outcome.result ? { width: outcome.result.width, height: outcome.result.height, bytes: outcome.result.bytes.length, quality: outcome.result.quality } : null };
      return deps.repo.transition(s.id, ['processing'], 'draft', { verdict: outcome.verdict, report, resultKey, errorCode: outcome.error?.code ?? null }, { type: 'system' });
    },

    async get(studentId: string, submissionId: string) {
      return toSubmissionView((await ownSubmission(studentId, submissionId)).s);
    },

    async submit(studentId: string, submissionId: string) {
      const { s, c } = await ownSubmission(studentId, submissionId);
      if (s.status !== 'draft') throw stateConflict();
      if (!s.resultKey || s.verdict === 'reject' || s.verdict === 'error') {
        throw errors.conflict('PHOTO_NOT_COMPLIANT', m('这张照片不合格，请按提示重拍', 'This photo does not meet the requirements; please retake it'));
      }
      const settled = await deps.paymentSettled(c);
      const to = settled ? 'pending_review' : 'submitted';
      let row: SubmissionRow | null;
      try {
        row = await deps.repo.transition(s.id, ['draft'], to, { submittedAt: now() }, { type: 'student', id: studentId });
      } catch (err) {
        if (uniqueViolation(err) !== null) throw errors.conflict('SUBMISSION_ACTIVE', m('已有照片在审核中', 'Another photo is already in review'));
        throw err;
      }
      if (!row) throw stateConflict();
      if (to === 'pending_review') await deps.onEvent?.('pending_review', row, c);
      return toSubmissionView(row);
    },

    async withdraw(studentId: string, submissionId: string) {
      const { s } = await ownSubmission(studentId, submissionId);
      const row = await deps.repo.transition(s.id, ['submitted', 'pending_review'], 'withdrawn', { claimedBy: null, claimedAt: null }, { type: 'student', id: studentId });
      if (!row) throw s.status === 'approved' ? errors.conflict('ALREADY_APPROVED', m('照片已审核通过，不能撤回', 'The photo is approved and cannot be withdrawn')) : stateConflict();
      return toSubmissionView(row);
    },

    /** After the collection's order is paid: waiting submissions go on to review. */
    async releaseForCollection(collectionId: string) {
      const c = await deps.collection(collectionId);
      if (!c) return;
      for (const { id } of await deps.repo.waitingForPayment(collectionId)) {
        const row = await deps.repo.transition(id, ['submitted'], 'pending_review', {}, { type: 'system' }, 'payment received');
        if (row) await deps.onEvent?.('pending_review', row, c);
      }
    },

    /** Tells the student about a review decision (the notification hook), e.g. after an approval from the console. */
    async announce(event: 'approved' | 'rejected', row: SubmissionRow) {
      const c = await deps.collection(row.collectionId);
      if (c) await deps.onEvent?.(event, row, c);
    },

    /**
     * Bytes of the original or the result: for the owner (student), centre staff, and a school coordinator
     * for their own school's photos only.
     */
    async file(submissionId: string, which: 'original' | 'result', viewer: { studentId: string } | { staff: { role: string; schoolId: string | null } }) {
      const s = await deps.repo.find(submissionId);
      const c = s ? await deps.collection(s.collectionId) : undefined;
      if (!s || !c) throw errors.notFound(m('找不到该照片', 'Photo not found'));
      if ('studentId' in viewer && c.studentId !== viewer.studentId) throw errors.notFound(m('找不到该照片', 'Photo not found'));
      if ('staff' in viewer && viewer.staff.role === 'school_coordinator' && viewer.staff.schoolId !== c.schoolId) {
        throw errors.forbidden(m('只能查看本校的照片', 'You can only see your own school’s photos'));
      }
      if (which === 'original' && s.originalDeletedAt) {
        throw new DomainError('not_found', 'ORIGINAL_DELETED', m('原图已按保留期限删除', 'The original was deleted after the retention period'));
      }
      const key = which === 'original' ? s.originalKey : s.resultKey;
      if (!key) {
        // no result and the original gone: the student's data was erased
        if (s.originalDeletedAt) throw new DomainError('not_found', 'PHOTO_DELETED', m('照片已删除', 'The photo has been deleted'));
        throw errors.notFound(m('照片还在处理中', 'The photo is still being processed'));
      }
      return deps.storage.get(key);
    },

    /** Sends the approved photo to an email address (the student's own or, e.g., a school office). */
    async emailPhoto(studentId: string, submissionId: string, to: string) {
      const { s } = await ownSubmission(studentId, submissionId);
      if (s.status !== 'approved' || !s.resultKey) throw errors.conflict('NOT_APPROVED', m('照片审核通过后才能发送', 'The photo can be sent once it is approved'));
      await deps.mailer.send({
        to,
        subject: `${deps.centreName}：您的学历照片 / Your diploma photo`,
        text: '附件是审核通过的学历证书照片（480×640）。\nAttached is your approved diploma photo (480×640).',
        attachments: [{ filename: 'diploma-photo.jpg', content: await deps.storage.get(s.resultKey), contentType: 'image/jpeg' }],
      });
      return { ok: true as const };
    },

    find: (id: string) => deps.repo.find(id),
    latestForCollections: (ids: string[]) => deps.repo.latestForCollections(ids),
    history: (id: string) => deps.repo.history(id),
  };
}
export type SubmissionsService = ReturnType<typeof createSubmissionsService>;
