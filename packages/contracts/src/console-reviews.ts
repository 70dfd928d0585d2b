import { z } from 'zod';
import { bi } from './i18n-message.js';
import { SubmissionStates, SubmissionView } from './journey.js';

/** Console: the review queue (claim, decide, undo, bulk approval) and reviewer statistics. */

/** Reason templates: the rejection reasons seen in practice (DESIGN.md), plus `other` for free text only. */
export const RejectReasons = [
  { code: 'head_position', zh: '头顶或眼睛位置不符合要求', en: 'Head-top or eye position out of range' },
  { code: 'tilted', zh: '头部倾斜，双眼连线不水平', en: 'Head tilted: the pupil line is not level' },
  { code: 'not_sharp', zh: '照片不清晰', en: 'The photo is not sharp' },
  { code: 'clothes_background', zh: '衣服颜色与背景色相近', en: 'Clothes too close to the background colour' },
  { code: 'uneven_light', zh: '面部光线不均匀（阴阳脸）', en: 'Uneven light on the face' },
  { code: 'ears_hidden', zh: '耳朵被头发遮挡', en: 'Ears hidden by hair' },
  { code: 'glasses_glare', zh: '眼镜反光', en: 'Glare on the glasses' },
  { code: 'retouched', zh: '过度美颜或修图', en: 'Heavy retouching' },
  { code: 'other', zh: '其他', en: 'Other' },
] as const;
export const RejectReasonCodes = RejectReasons.map((r) => r.code) as [(typeof RejectReasons)[number]['code'], ...Array<(typeof RejectReasons)[number]['code']>];
export type RejectReasonCode = (typeof RejectReasons)[number]['code'];

/** How long a decision can be undone, and how long a claim lives without a heartbeat. */
export const REVIEW_UNDO_SECONDS = 30;
export const REVIEW_CLAIM_TTL_SECONDS = 120;

export const NextReviewRequest = z
  .object({
    /** Only this batch's submissions. */
    batchId: z.uuid().optional(),
    /** Submissions the reviewer skips: released and not handed out again in this call. */
    skip: z.array(z.uuid()).max(200).default([]),
  })
  .nullish();
export type NextReviewRequest = z.input<typeof NextReviewRequest>;

export const ReviewGraduate = z.object({
  name: z.string(),
  studentNumber: z.string(),
  idNumberMasked: z.string(),
  department: z.string(),
  major: z.string(),
  educationLevel: z.string(),
  schoolName: z.string(),
  batchId: z.string(),
  batchName: z.string(),
  /** The batch's background colour and spec, to judge the result against. */
  background: z.string(),
  specId: z.string(),
});

export const ReviewItem = z.object({
  submission: SubmissionView,
  graduate: ReviewGraduate,
  /** The claim ends at this time unless renewed by the heartbeat. */
  claimExpiresAt: z.string(),
  /** Earlier photos of the same collection, newest first (why they were rejected). */
  previous: z.array(z.object({ id: z.string(), status: z.enum(SubmissionStates), rejectReason: z.string().nullable(), createdAt: z.string() })),
});
export type ReviewItem = z.infer<typeof ReviewItem>;

export const NextReviewResponse = z.object({ item: ReviewItem.nullable(), pending: z.number() });
export type NextReviewResponse = z.infer<typeof NextReviewResponse>;

export const HeartbeatResponse = z.object({ claimExpiresAt: z.string() });

export const RejectRequest = z
  .object({
    reasonCode: z.enum(RejectReasonCodes).optional(),
    /** Free text, added to the template (or alone). */
    reason: z.string().trim().max(300).optional(),
  })
  .refine((r) => (r.reasonCode && r.reasonCode !== 'other') || (r.reason?.length ?? 0) >= 2, {
    error: bi('请选择退回原因或填写说明', 'Choose a reason or write one'),
    path: ['reason'],
  });
export type RejectRequest = z.input<typeof RejectRequest>;

export const DecisionResponse = z.object({ ok: z.literal(true), decisionId: z.string(), undoUntil: z.string() });
export type DecisionResponse = z.infer<typeof DecisionResponse>;

export const UndoResponse = z.object({ item: ReviewItem });

export const GreenQuery = z.object({ batchId: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(200).default(60) });
export const GreenItem = z.object({
  submissionId: z.string(),
  resultUrl: z.string(),
  name: z.string(),
  schoolName: z.string(),
  batchName: z.string(),
  submittedAt: z.string().nullable(),
});
export const GreenResponse = z.object({ items: z.array(GreenItem), total: z.number() });
export type GreenResponse = z.infer<typeof GreenResponse>;

export const BulkApproveRequest = z.object({ submissionIds: z.array(z.uuid()).min(1).max(200) });
export const BulkSkipReasons = ['not_found', 'not_pending', 'not_green', 'claimed'] as const;
export const BulkApproveResponse = z.object({
  approved: z.array(z.string()),
  skipped: z.array(z.object({ submissionId: z.string(), reason: z.enum(BulkSkipReasons) })),
});
export type BulkApproveResponse = z.infer<typeof BulkApproveResponse>;

export const ReviewStatsQuery = z.object({
  /** Inclusive start and exclusive end (ISO date-times); default: the last 7 days. */
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** Buckets in Beijing time (UTC+8). */
  bucket: z.enum(['day', 'hour']).default('day'),
});
export type ReviewStatsQuery = z.input<typeof ReviewStatsQuery>;

const StatsFields = {
  reviewerId: z.string(),
  reviewerName: z.string(),
  decisions: z.number(),
  approved: z.number(),
  rejected: z.number(),
  /** Of the approvals, how many were bulk approvals. */
  bulk: z.number(),
  undone: z.number(),
  /** Median seconds from claim to decision, single decisions only; null without any. */
  medianSeconds: z.number().nullable(),
};
export const ReviewStatsResponse = z.object({
  from: z.string(),
  to: z.string(),
  bucket: z.enum(['day', 'hour']),
  /** `2026-06-01` (day) or `2026-06-01T09:00+08:00` (hour). */
  rows: z.array(z.object({ bucket: z.string(), ...StatsFields })),
  totals: z.array(z.object(StatsFields)),
});
export type ReviewStatsResponse = z.infer<typeof ReviewStatsResponse>;
