import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  BatchCreate,
  BatchListResponse,
  BatchOptionsResponse,
  BatchUpdate,
  BatchView,
  SchoolInput,
  SchoolListResponse,
  SchoolUpdate,
  SchoolView,
} from '@gradphoto/contracts/console-batches';
import { api } from '../../../lib/api-client.js';
import { withQuery } from '../../../components/console/download.js';

export const schoolsKey = ['console', 'schools'] as const;
export const batchesKey = ['console', 'batches'] as const;

export interface ListParams {
  q?: string;
  page: number;
  pageSize: number;
}

export function useSchools(p: ListParams) {
  return useQuery({
    queryKey: [...schoolsKey, p],
    queryFn: () => api.get<SchoolListResponse>(withQuery('/api/console/schools', { ...p })),
    placeholderData: keepPreviousData,
  });
}

export function useSchool(id: string) {
  return useQuery({
    queryKey: [...schoolsKey, 'one', id],
    queryFn: () => api.get<SchoolView>(`/api/console/schools/${encodeURIComponent(id)}`),
  });
}

export function useBatches(p: ListParams & { schoolId?: string }) {
  return useQuery({
    queryKey: [...batchesKey, p],
    queryFn: () => api.get<BatchListResponse>(withQuery('/api/console/batches', { ...p })),
    placeholderData: keepPreviousData,
  });
}

/** The engine's photo specs and background presets (admins only). */
export function useBatchOptions(enabled: boolean) {
  return useQuery({
    queryKey: ['console', 'batch-options'],
    queryFn: () => api.get<BatchOptionsResponse>('/api/console/batch-options'),
    staleTime: Infinity,
    enabled,
  });
}

export const createSchool = (body: SchoolInput) => api.post<SchoolView>('/api/console/schools', body);
export const updateSchool = (id: string, body: SchoolUpdate) =>
  api.put<SchoolView>(`/api/console/schools/${encodeURIComponent(id)}`, body);
export const createBatch = (body: BatchCreate) => api.post<BatchView>('/api/console/batches', body);
export const updateBatch = (id: string, body: BatchUpdate) =>
  api.put<BatchView>(`/api/console/batches/${encodeURIComponent(id)}`, body);
