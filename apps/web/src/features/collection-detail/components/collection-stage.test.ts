import { describe, expect, it } from 'vitest';
import type { CollectionView, SubmissionView } from '@gradphoto/contracts/journey';
import { journeyOf, stageOf } from './collection-stage.js';

const submission = (status: SubmissionView['status']): SubmissionView => ({
  id: 's1',
  collectionId: 'c1',
  status,
  source: 'camera',
  verdict: 'pass',
  checks: [],
  error: null,
  resultUrl: null,
  originalUrl: '/o',
  originalDeletedAt: null,
  rejectReason: null,
  createdAt: '2027-01-01T00:00:00Z',
  submittedAt: null,
});

const collection = (s: SubmissionView | null, payer: 'student' | 'school' = 'student') =>
  ({
    id: 'c1',
    submission: s,
    batch: { payer },
    paymentSettled: payer === 'school',
  }) as unknown as CollectionView;

describe('stageOf / journeyOf', () => {
  it('follows the photo through submission, payment and review', () => {
    expect(stageOf(collection(null))).toBe('no_photo');
    expect(stageOf(collection(submission('draft')))).toBe('draft');
    expect(stageOf(collection({ ...submission('draft'), verdict: 'reject' }))).toBe('retake');
    expect(stageOf(collection({ ...submission('draft'), verdict: 'error' }))).toBe('retake');
    expect(stageOf(collection(submission('submitted')))).toBe('to_pay');
    expect(stageOf(collection(submission('pending_review')))).toBe('in_review');
    expect(stageOf(collection(submission('rejected')))).toBe('fix');
    expect(stageOf(collection(submission('withdrawn')))).toBe('fix');
    expect(stageOf(collection(submission('approved')))).toBe('approved');
  });
  it('has a payment step only when the student pays', () => {
    expect(journeyOf(collection(submission('pending_review')))).toEqual({
      steps: ['photo', 'submit', 'pay', 'review', 'done'],
      current: 3,
    });
    expect(journeyOf(collection(submission('pending_review'), 'school'))).toEqual({
      steps: ['photo', 'submit', 'review', 'done'],
      current: 2,
    });
    expect(journeyOf(collection(submission('rejected'))).current).toBe(0);
    expect(journeyOf(collection(submission('approved'), 'school')).current).toBe(3);
  });
});
