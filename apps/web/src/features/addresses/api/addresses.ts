import { useQuery } from '@tanstack/react-query';
import type { AddressInput, AddressView } from '@gradphoto/contracts/journey';
import { api } from '../../../lib/api-client.js';

export const addressesKey = ['addresses'] as const;

export function useAddresses() {
  return useQuery({
    queryKey: addressesKey,
    queryFn: async () => (await api.get<{ items: AddressView[] }>('/api/addresses')).items,
  });
}

export const createAddress = (body: AddressInput) => api.post<AddressView>('/api/addresses', body);
export const updateAddress = (id: string, body: AddressInput) =>
  api.put<AddressView>(`/api/addresses/${encodeURIComponent(id)}`, body);
export const deleteAddress = (id: string) =>
  api.delete<{ ok: true }>(`/api/addresses/${encodeURIComponent(id)}`);
