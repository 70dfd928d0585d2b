import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  CreateExportRequest,
  ExportListResponse,
  ExportView,
} from '@gradphoto/contracts/console-exports';
import { api } from '../../../lib/api-client.js';
import { withQuery } from '../../../components/console/download.js';

export const exportsKey = ['console', 'exports'] as const;

const busy = (e: ExportView) => e.status === 'queued' || e.status === 'running';

/** 学信网 exports, polled every second while one of them is being built. */
export function useExports(p: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...exportsKey, p],
    queryFn: () => api.get<ExportListResponse>(withQuery('/api/console/exports', { ...p })),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.items.some(busy) ? 1000 : false),
  });
}

export const createExport = (body: CreateExportRequest) => api.post<ExportView>('/api/console/exports', body);
