import type { CollectionView, OrderView } from '@gradphoto/contracts/journey';

export type Stage =
  | 'no_photo'
  | 'processing'
  | 'retake'
  | 'draft'
  | 'to_pay'
  | 'in_review'
  | 'rejected'
  | 'withdrawn'
  | 'approved';

export interface StageInfo {
  stage: Stage;
  /** Where the next action is. */
  to: string;
  /** Whether the student has something to do (drawn as the main button). */
  action: boolean;
  /** The journey step (0 注册 · 1 添加学历 · 2 拍照 · 3 支付 · 4 审核; 5 = all done). */
  step: number;
}

/** Where a collection stands and what the student does next. */
export function collectionStage(c: CollectionView, orders: readonly OrderView[]): StageInfo {
  const here = `/collections/${c.id}`;
  const s = c.submission;
  if (!s) return { stage: 'no_photo', to: here, action: true, step: 2 };
  switch (s.status) {
    case 'processing':
      return { stage: 'processing', to: here, action: false, step: 2 };
    case 'draft':
      return s.verdict === 'reject' || s.verdict === 'error'
        ? { stage: 'retake', to: here, action: true, step: 2 }
        : { stage: 'draft', to: here, action: true, step: 2 };
    case 'submitted': {
      if (c.paymentSettled) return { stage: 'in_review', to: here, action: false, step: 4 };
      const pending = orders.find(
        (o) => o.collectionId === c.id && o.kind === 'collection' && o.status === 'pending_payment',
      );
      return {
        stage: 'to_pay',
        to: pending ? `/orders/${pending.orderNo}` : `/orders/new?collection=${c.id}`,
        action: true,
        step: 3,
      };
    }
    case 'pending_review':
      return { stage: 'in_review', to: here, action: false, step: 4 };
    case 'rejected':
      return { stage: 'rejected', to: here, action: true, step: 2 };
    case 'withdrawn':
      return { stage: 'withdrawn', to: here, action: true, step: 2 };
    case 'approved':
      return { stage: 'approved', to: here, action: false, step: 5 };
  }
}

/** The collection to show first: one that needs the student, else the newest. */
export function sortCollections<C extends CollectionView>(
  list: readonly C[],
  orders: readonly OrderView[],
): C[] {
  return [...list].sort((a, b) => {
    const ia = collectionStage(a, orders).action ? 0 : 1;
    const ib = collectionStage(b, orders).action ? 0 : 1;
    return ia - ib || b.createdAt.localeCompare(a.createdAt);
  });
}
