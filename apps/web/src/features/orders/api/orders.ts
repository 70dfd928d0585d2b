import { useQuery } from '@tanstack/react-query';
import type {
  AddressView,
  CollectionView,
  CreateOrderRequest,
  OrderDetail,
  OrderView,
} from '@gradphoto/contracts/journey';
import type { PayMethod, StartJsapiPaymentResponse } from '@gradphoto/contracts/payments';
import { api } from '../../../lib/api-client.js';

export type Created = { orderNo: string; amountCents: number; status: string };

export const ordersKey = ['orders'] as const;
export const orderKey = (orderNo: string) => ['orders', orderNo] as const;
export const collectionKey = (id: string) => ['collections', id] as const;
export const addressesKey = ['addresses'] as const;

export function useCollection(id: string | null) {
  return useQuery({
    queryKey: collectionKey(id ?? ''),
    queryFn: () => api.get<CollectionView>(`/api/collections/${encodeURIComponent(id!)}`),
    enabled: Boolean(id),
  });
}

export function useOrders() {
  return useQuery({
    queryKey: ordersKey,
    queryFn: async () => (await api.get<{ items: OrderView[] }>('/api/orders')).items,
  });
}

/** One order; `pollMs` refetches while the caller waits for a change (payment, closing). */
export function useOrder(orderNo: string, pollMs: number | false = false) {
  return useQuery({
    queryKey: orderKey(orderNo),
    queryFn: () => api.get<OrderDetail>(`/api/orders/${encodeURIComponent(orderNo)}`),
    refetchInterval: pollMs,
  });
}

export function useAddresses() {
  return useQuery({
    queryKey: addressesKey,
    queryFn: async () => (await api.get<{ items: AddressView[] }>('/api/addresses')).items,
  });
}

export const createOrder = (body: CreateOrderRequest) => api.post<Created>('/api/orders', body);
export const createReprint = (body: {
  collectionId: string;
  layout: 1 | 2;
  addressId: string;
  copies: number;
}) => api.post<Created>('/api/orders/reprint', body);
/** 微信支付 H5 or 支付宝 手机网站支付: where the browser goes next. */
export const startPayment = (orderNo: string, returnUrl: string, method: PayMethod) =>
  api.post<{ payUrl: string }>(`/api/orders/${encodeURIComponent(orderNo)}/pay`, { returnUrl, method });
/** Inside WeChat: the authorisation link (first time) or the JSAPI parameters for WeixinJSBridge. */
export const startJsapiPayment = (orderNo: string, returnUrl: string) =>
  api.post<StartJsapiPaymentResponse>(`/api/orders/${encodeURIComponent(orderNo)}/pay/jsapi`, { returnUrl });
export const checkPayment = (orderNo: string) =>
  api.post<{ status: string }>(`/api/orders/${encodeURIComponent(orderNo)}/pay/check`);
export const requestRefund = (orderNo: string, reason: string) =>
  api.post<Created>(`/api/orders/${encodeURIComponent(orderNo)}/refund-request`, { reason });
export const confirmDelivery = (orderNo: string) =>
  api.post<Created>(`/api/orders/${encodeURIComponent(orderNo)}/confirm-delivery`);
