import type {
  DecisionResponse,
  NextReviewResponse,
  RejectRequest,
  ReviewItem,
} from '@gradphoto/contracts/console-reviews';
import { api } from '../../../lib/api-client.js';

/** Claims the next photo to review (the reviewer's live claim first); `skip` releases those and passes them over. */
export function claimNext(skip: string[] = []) {
  return api.post<NextReviewResponse>('/api/console/reviews/next', { skip });
}

export function heartbeat(submissionId: string) {
  return api.post<{ claimExpiresAt: string }>(`/api/console/submissions/${submissionId}/heartbeat`);
}

export function release(submissionId: string) {
  return api.post<{ ok: true }>(`/api/console/submissions/${submissionId}/release`);
}

export function approve(submissionId: string) {
  return api.post<DecisionResponse>(`/api/console/submissions/${submissionId}/approve`);
}

export function reject(submissionId: string, body: RejectRequest) {
  return api.post<DecisionResponse>(`/api/console/submissions/${submissionId}/reject`, body);
}

export function undo(submissionId: string) {
  return api.post<{ item: ReviewItem }>(`/api/console/submissions/${submissionId}/undo`);
}
