import { useQuery } from '@tanstack/react-query';
import type { ChangeContactRequest, StudentProfile } from '@gradphoto/contracts/accounts';
import type { EraseAccountRequest, ErasureCodeResponse, ErasureStatus } from '@gradphoto/contracts/privacy';
import { api } from '../../../lib/api-client.js';

export const uploadAvatar = (file: File) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.postForm<{ ok: true }>('/api/me/avatar', form);
};

export const changeContact = (body: ChangeContactRequest) =>
  api.post<{ student: StudentProfile }>('/api/me/contact', body);

/** The unread notification count (shared cache with the notification centre). */
export function useUnread() {
  return useQuery({
    queryKey: ['notifications'],
    queryFn: () => api.get<{ items: unknown[]; unread: number }>('/api/notifications'),
    select: (d) => d.unread,
  });
}

export const erasureKey = ['erasure'] as const;

/** What deleting the account would do now (blocking, kept and closed orders; where a code goes). */
export function useErasureStatus(enabled: boolean) {
  return useQuery({
    queryKey: erasureKey,
    queryFn: () => api.get<ErasureStatus>('/api/me/erasure'),
    enabled,
    staleTime: 0,
  });
}

/** A confirmation code to the student's own phone (or email). */
export const sendErasureCode = () => api.post<ErasureCodeResponse>('/api/me/erasure/code');

/** Deletes the account and personal data (the server ends the session). */
export const eraseAccount = (body: EraseAccountRequest) => api.post<{ ok: true }>('/api/me/erasure', body);
