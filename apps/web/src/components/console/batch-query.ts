import { useQuery } from '@tanstack/react-query';
import type { BatchView } from '@gradphoto/contracts/console-batches';
import { api } from '../../lib/api-client.js';

export const consoleBatchKey = (id: string) => ['console', 'batch', id] as const;

/** One batch as the console sees it (shared by the batch pages of several features). */
export function useConsoleBatch(id: string) {
  return useQuery({
    queryKey: consoleBatchKey(id),
    queryFn: () => api.get<BatchView>(`/api/console/batches/${encodeURIComponent(id)}`),
    staleTime: 10_000,
  });
}
