import { useQuery } from '@tanstack/react-query';
import type { NotificationView } from '@gradphoto/contracts/journey';
import { api } from '../../../lib/api-client.js';

export const notificationsKey = ['notifications'] as const;

export function useNotifications() {
  return useQuery({
    queryKey: notificationsKey,
    queryFn: () => api.get<{ items: NotificationView[]; unread: number }>('/api/notifications'),
  });
}

/** Marks one notification read, or all of them without an id. */
export const markRead = (id?: string) => api.post<{ ok: true }>('/api/notifications/read', id ? { id } : {});
