import { useQuery } from '@tanstack/react-query';
import type { CollectionView, SubmissionView } from '@gradphoto/contracts/journey';
import { api } from '../../../lib/api-client.js';

export const collectionKey = (id: string) => ['collection', id] as const;
export const submissionKey = (id: string) => ['submission', id] as const;

export function useCollection(id: string) {
  return useQuery({
    queryKey: collectionKey(id),
    queryFn: () => api.get<CollectionView>(`/api/collections/${id}`),
  });
}

/** A submission, polled every 300 ms while the engine works on it (the preview takes 1–2 s). */
export function useSubmission(id: string) {
  return useQuery({
    queryKey: submissionKey(id),
    queryFn: () => api.get<SubmissionView>(`/api/submissions/${id}`),
    refetchInterval: (q) => (q.state.data?.status === 'processing' ? 300 : false),
  });
}

/** Multipart upload: the `source` field first (the server reads it before the file), then `photo`. */
export function uploadPhoto(collectionId: string, source: 'camera' | 'album', photo: Blob, filename: string) {
  const form = new FormData();
  form.append('source', source);
  form.append('photo', photo, filename);
  return api.postForm<SubmissionView>(`/api/collections/${collectionId}/photos`, form);
}

export function submitPhoto(submissionId: string) {
  return api.post<SubmissionView>(`/api/submissions/${submissionId}/submit`);
}
