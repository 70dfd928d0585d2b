import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  ConsoleOrderDetail,
  ConsoleOrderListResponse,
  ConsoleOrderQuery,
  ConsoleRefundRequest,
  ConsoleRefundResponse,
} from '@gradphoto/contracts/console-orders';
import type {
  PrintCandidatesResponse,
  PrintRunListResponse,
  PrintRunView,
  ShipRequest,
} from '@gradphoto/contracts/console-shipping';
import { api } from '../../../lib/api-client.js';
import { withQuery } from '../../../components/console/download.js';

export const ordersKey = ['console', 'orders'] as const;
export const printRunsKey = ['console', 'print-runs'] as const;

export interface OrderParams {
  q?: string;
  batchId?: string;
  status?: ConsoleOrderQuery['status'];
  kind?: ConsoleOrderQuery['kind'];
  refundRequested?: boolean;
  page: number;
  pageSize: number;
}

export function useOrders(p: OrderParams) {
  return useQuery({
    queryKey: [...ordersKey, 'list', p],
    queryFn: () => api.get<ConsoleOrderListResponse>(withQuery('/api/console/orders', { ...p })),
    placeholderData: keepPreviousData,
  });
}

export function useOrder(id: string | null) {
  return useQuery({
    queryKey: [...ordersKey, 'one', id],
    queryFn: () => api.get<ConsoleOrderDetail>(`/api/console/orders/${id}`),
    enabled: Boolean(id),
    // a refund completes when the provider says so: follow it
    refetchInterval: (q) => (q.state.data?.refunds.some((r) => r.status === 'processing') ? 1500 : false),
  });
}

export const refundOrder = (id: string, body: ConsoleRefundRequest) =>
  api.post<ConsoleRefundResponse>(`/api/console/orders/${id}/refunds`, body);
export const declineRefundRequest = (id: string, reason: string) =>
  api.post<ConsoleOrderDetail>(`/api/console/orders/${id}/refund-request/decline`, { reason });
export const shipOrder = (id: string, body: ShipRequest) =>
  api.post<{ orderNo: string; status: string }>(`/api/console/orders/${id}/ship`, body);

export function importShipments(file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.postForm<{ shipped: number }>('/api/console/shipments/import', form);
}

export function usePrintCandidates(batchId: string | undefined) {
  return useQuery({
    queryKey: [...printRunsKey, 'candidates', batchId],
    queryFn: () => api.get<PrintCandidatesResponse>(`/api/console/batches/${batchId}/print-candidates`),
    enabled: Boolean(batchId),
  });
}

const busy = (r: PrintRunView) => r.status === 'queued' || r.status === 'running';

/** Print runs, polled while one of them is being made. */
export function usePrintRuns(p: { batchId?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...printRunsKey, 'list', p],
    queryFn: () => api.get<PrintRunListResponse>(withQuery('/api/console/print-runs', { ...p })),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.items.some(busy) ? 1000 : false),
  });
}

export const createPrintRun = (batchId: string) =>
  api.post<PrintRunView>('/api/console/print-runs', { batchId });
export const retryPrintRun = (id: string) => api.post<PrintRunView>(`/api/console/print-runs/${id}/retry`);
