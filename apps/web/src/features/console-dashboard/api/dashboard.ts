import { useQuery } from '@tanstack/react-query';
import type { DashboardResponse } from '@gradphoto/contracts/accounts';
import { api } from '../../../lib/api-client.js';

export function useDashboard() {
  return useQuery({
    queryKey: ['console', 'dashboard'],
    queryFn: () => api.get<DashboardResponse>('/api/console/dashboard'),
  });
}
