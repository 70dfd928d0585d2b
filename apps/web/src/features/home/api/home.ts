import { useQuery } from '@tanstack/react-query';
import type { CollectionView, OrderView } from '@gradphoto/contracts/journey';
import { api } from '../../../lib/api-client.js';

export function useCollections() {
  return useQuery({
    queryKey: ['collections'],
    queryFn: async () => (await api.get<{ items: CollectionView[] }>('/api/collections')).items,
  });
}

export function useOrders() {
  return useQuery({
    queryKey: ['orders'],
    queryFn: async () => (await api.get<{ items: OrderView[] }>('/api/orders')).items,
  });
}

/** The unread count for the bell (refreshed every minute while the page is open). */
export function useUnread() {
  return useQuery({
    queryKey: ['notifications'],
    queryFn: () => api.get<{ items: unknown[]; unread: number }>('/api/notifications'),
    select: (d) => d.unread,
    refetchInterval: 60_000,
  });
}
