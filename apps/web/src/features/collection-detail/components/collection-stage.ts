import type { CollectionView } from '@gradphoto/contracts/journey';

/**
 * Where a 学历 stands, from its newest photo and payment:
 * - `no_photo`: nothing taken yet (or still processing);
 * - `draft`: a processed photo that may be submitted; `retake`: one the engine refused (or could not read);
 * - `to_pay`: submitted, waiting for the collection order's payment;
 * - `in_review`, `approved`;
 * - `fix`: rejected by the reviewer or withdrawn by the student: retake and submit again.
 */
export type Stage =
  'no_photo' | 'processing' | 'draft' | 'retake' | 'to_pay' | 'in_review' | 'approved' | 'fix';

export function stageOf(c: CollectionView): Stage {
  const s = c.submission;
  if (!s) return 'no_photo';
  switch (s.status) {
    case 'processing':
      return 'processing';
    case 'draft':
      return s.verdict === 'reject' || s.verdict === 'error' ? 'retake' : 'draft';
    case 'submitted':
      return 'to_pay';
    case 'pending_review':
      return 'in_review';
    case 'approved':
      return 'approved';
    case 'rejected':
    case 'withdrawn':
      return 'fix';
  }
}

/** The journey bar: 拍照 → 提交 → (支付) → 审核 → 完成, and the index of the current step. */
export function journeyOf(c: CollectionView): {
  steps: Array<'photo' | 'submit' | 'pay' | 'review' | 'done'>;
  current: number;
} {
  const steps =
    c.batch.payer === 'school'
      ? (['photo', 'submit', 'review', 'done'] as const)
      : (['photo', 'submit', 'pay', 'review', 'done'] as const);
  const at = (k: (typeof steps)[number]) => steps.indexOf(k as never);
  const stage = stageOf(c);
  const current =
    stage === 'no_photo' || stage === 'processing' || stage === 'fix' || stage === 'retake'
      ? 0
      : stage === 'draft'
        ? at('submit')
        : stage === 'to_pay'
          ? at('pay')
          : stage === 'in_review'
            ? at('review')
            : at('done');
  return { steps: [...steps], current };
}
