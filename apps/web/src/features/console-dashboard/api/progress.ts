import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ProgressResponse } from '@gradphoto/contracts/console-progress';
import { api } from '../../../lib/api-client.js';
import { withQuery } from '../../../components/console/download.js';

export function useProgress(p: { schoolId?: string; batchId?: string }, enabled: boolean) {
  return useQuery({
    queryKey: ['console', 'progress', p],
    queryFn: () => api.get<ProgressResponse>(withQuery('/api/console/progress', p)),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
    enabled,
  });
}
