import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CodeListResponse, CodeView, IssueCodesRequest } from '@gradphoto/contracts/console-codes';
import { api } from '../../../lib/api-client.js';
import { withQuery } from '../../../components/console/download.js';

export const codesKey = (batchId: string) => ['console', 'codes', batchId] as const;

export interface CodeParams {
  status?: CodeView['status'];
  kind?: CodeView['kind'];
  page: number;
  pageSize: number;
}

export function useCodes(batchId: string, p: CodeParams) {
  return useQuery({
    queryKey: [...codesKey(batchId), p],
    queryFn: () => api.get<CodeListResponse>(withQuery(`/api/console/batches/${batchId}/codes`, { ...p })),
    placeholderData: keepPreviousData,
  });
}

type Issued = { issued: number; skipped: number };
export const issueForGraduates = (batchId: string, body: IssueCodesRequest) =>
  api.post<Issued>(`/api/console/batches/${batchId}/codes`, body);
export const issueBlank = (batchId: string, count: number) =>
  api.post<Issued>(`/api/console/batches/${batchId}/codes/blank`, { count });
export const revokeCode = (id: string) => api.post<{ ok: true }>(`/api/console/codes/${id}/revoke`);
