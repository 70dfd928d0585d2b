import { describe, expect, it } from 'vitest';
import type { CollectionView, OrderView, SubmissionView } from '@gradphoto/contracts/journey';
import { collectionStage, sortCollections } from './collection-stage.js';

function col(
  id: string,
  submission: Partial<SubmissionView> | null,
  paymentSettled = false,
  createdAt = '2026-06-01T00:00:00Z',
): CollectionView {
  return {
    id,
    createdAt,
    paymentSettled,
    identity: 'graduate',
    submission:
      submission && ({ id: `s-${id}`, status: 'draft', verdict: 'pass', ...submission } as SubmissionView),
  } as CollectionView;
}
const order = (p: Partial<OrderView>) =>
  ({ kind: 'collection', status: 'pending_payment', orderNo: '1', ...p }) as OrderView;

describe('collectionStage', () => {
  it('walks the journey: photo → submit → pay → review → approved', () => {
    expect(collectionStage(col('c', null), [])).toMatchObject({
      stage: 'no_photo',
      to: '/collections/c',
      action: true,
      step: 2,
    });
    expect(collectionStage(col('c', { status: 'processing' }), [])).toMatchObject({
      stage: 'processing',
      action: false,
    });
    expect(collectionStage(col('c', { status: 'draft', verdict: 'warn' }), [])).toMatchObject({
      stage: 'draft',
      action: true,
    });
    expect(collectionStage(col('c', { status: 'draft', verdict: 'reject' }), [])).toMatchObject({
      stage: 'retake',
    });
    expect(collectionStage(col('c', { status: 'submitted' }), [])).toMatchObject({
      stage: 'to_pay',
      to: '/orders/new?collection=c',
      step: 3,
    });
    expect(
      collectionStage(col('c', { status: 'submitted' }), [order({ collectionId: 'c', orderNo: '2026' })]).to,
    ).toBe('/orders/2026');
    expect(collectionStage(col('c', { status: 'submitted' }, true), [])).toMatchObject({
      stage: 'in_review',
      step: 4,
    });
    expect(collectionStage(col('c', { status: 'pending_review' }, true), [])).toMatchObject({
      stage: 'in_review',
      action: false,
    });
    expect(collectionStage(col('c', { status: 'rejected' }, true), [])).toMatchObject({
      stage: 'rejected',
      action: true,
    });
    expect(collectionStage(col('c', { status: 'approved' }, true), [])).toMatchObject({
      stage: 'approved',
      step: 5,
    });
  });

  it('ignores other collections’ and closed orders when looking for the payment', () => {
    const orders = [
      order({ collectionId: 'x', orderNo: 'other' }),
      order({ collectionId: 'c', status: 'closed', orderNo: 'old' }),
    ];
    expect(collectionStage(col('c', { status: 'submitted' }), orders).to).toBe('/orders/new?collection=c');
  });

  it('puts collections that need the student first, newest first otherwise', () => {
    const list = [
      col('done', { status: 'approved' }, true, '2026-06-03T00:00:00Z'),
      col('old', null, false, '2026-06-01T00:00:00Z'),
      col('new', null, false, '2026-06-02T00:00:00Z'),
    ];
    expect(sortCollections(list, []).map((c) => c.id)).toEqual(['new', 'old', 'done']);
  });
});
