import { useQuery } from '@tanstack/react-query';
import type { ChangeContactRequest, StudentProfile } from '@gradphoto/contracts/accounts';
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
