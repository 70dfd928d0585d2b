import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  GraduateStatus,
  RosterImportView,
  RosterListResponse,
  RosterMapping,
} from '@gradphoto/contracts/console-roster';
import { api } from '../../../lib/api-client.js';
import { withQuery } from '../../../components/console/download.js';

export const rosterKey = (batchId: string) => ['console', 'roster', batchId] as const;

export interface RosterParams {
  q?: string;
  status?: GraduateStatus;
  page: number;
  pageSize: number;
}

export function useRoster(batchId: string, p: RosterParams) {
  return useQuery({
    queryKey: [...rosterKey(batchId), p],
    queryFn: () =>
      api.get<RosterListResponse>(withQuery(`/api/console/batches/${batchId}/graduates`, { ...p })),
    placeholderData: keepPreviousData,
  });
}

export function useImports(batchId: string) {
  return useQuery({
    queryKey: ['console', 'roster-imports', batchId],
    queryFn: async () =>
      (await api.get<{ items: RosterImportView[] }>(`/api/console/batches/${batchId}/roster-imports`)).items,
  });
}

const finished = (s: RosterImportView['status']) => s === 'succeeded' || s === 'failed';

/** One import, polled while its job runs. */
export function useImport(id: string | null) {
  return useQuery({
    queryKey: ['console', 'roster-import', id],
    queryFn: () => api.get<RosterImportView>(`/api/console/roster-imports/${id}`),
    enabled: Boolean(id),
    refetchInterval: (q) => (q.state.data && finished(q.state.data.status) ? false : 700),
  });
}

export function startImport(batchId: string, file: File, mapping: RosterMapping) {
  const form = new FormData();
  form.append('mapping', JSON.stringify(mapping));
  form.append('file', file, file.name);
  return api.postForm<RosterImportView>(`/api/console/batches/${batchId}/roster-imports`, form);
}

/** The full ID number of a graduate (the server writes it to the audit log). */
export const revealIdNumber = (graduateId: string) =>
  api.post<{ idNumber: string }>(`/api/console/graduates/${graduateId}/reveal-id`);

/** 图像采集码 for the chosen graduates (those with a live code are skipped). */
export const issueCodesFor = (batchId: string, graduateIds: string[]) =>
  api.post<{ issued: number; skipped: number }>(`/api/console/batches/${batchId}/codes`, { graduateIds });
