import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  BulkApproveResponse,
  DecisionResponse,
  GreenResponse,
  NextReviewResponse,
  RejectRequest,
  ReviewItem,
  ReviewStatsQuery,
  ReviewStatsResponse,
} from '@gradphoto/contracts/console-reviews';
import { api } from '../../../lib/api-client.js';
import { withQuery } from '../../../components/console/download.js';

export const reviewsKey = ['console', 'reviews'] as const;
/** How many all-green photos the bulk view lists at once (the server's bulk approval takes up to 200). */
export const GREEN_LIMIT = 120;

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

/** Waiting photos whose every check is green and that nobody else holds, oldest first. */
export function useGreen(batchId: string | undefined) {
  return useQuery({
    queryKey: [...reviewsKey, 'green', batchId ?? ''],
    queryFn: () =>
      api.get<GreenResponse>(withQuery('/api/console/reviews/green', { batchId, limit: GREEN_LIMIT })),
  });
}

export function bulkApprove(submissionIds: string[]) {
  return api.post<BulkApproveResponse>('/api/console/reviews/bulk-approve', { submissionIds });
}

/** Decisions per reviewer per day or hour (a reviewer gets their own figures, an admin everyone's). */
export function useReviewStats(q: ReviewStatsQuery) {
  return useQuery({
    queryKey: [...reviewsKey, 'stats', q],
    queryFn: () => api.get<ReviewStatsResponse>(withQuery('/api/console/reviews/stats', { ...q })),
    placeholderData: keepPreviousData,
  });
}
