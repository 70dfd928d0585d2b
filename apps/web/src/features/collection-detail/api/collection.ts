import { useQuery } from '@tanstack/react-query';
import type { CollectionView, OrderView, SubmissionView } from '@gradphoto/contracts/journey';
import { api } from '../../../lib/api-client.js';

export const collectionKey = (id: string) => ['collection', id] as const;

/** One 学历 with its newest photo; polled while the photo is still being processed. */
export function useCollection(id: string) {
  return useQuery({
    queryKey: collectionKey(id),
    queryFn: () => api.get<CollectionView>(`/api/collections/${id}`),
    refetchInterval: (q) => (q.state.data?.submission?.status === 'processing' ? 500 : false),
  });
}

export function withdrawSubmission(submissionId: string) {
  return api.post<SubmissionView>(`/api/submissions/${submissionId}/withdraw`);
}

export function emailPhoto(submissionId: string, to: string) {
  return api.post<{ ok: true }>(`/api/submissions/${submissionId}/email`, { to });
}

/** The collection's unpaid order, if the student already placed one (then "pay" opens it). */
export function usePendingOrder(collectionId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['orders'],
    queryFn: () => api.get<{ items: OrderView[] }>('/api/orders'),
    enabled,
    select: (r) =>
      r.items.find(
        (o) => o.collectionId === collectionId && o.kind === 'collection' && o.status === 'pending_payment',
      ) ?? null,
  });
}
