import type { PrintLayout } from './sheet-geometry.js';

/** The order page keeps its choices in the URL, so a trip to the address book comes back to them. */
export interface OrderFormState {
  /** null until the student chooses. */
  prints: boolean | null;
  layout: PrintLayout;
  addressId: string | null;
}

export function readOrderForm(params: URLSearchParams): OrderFormState {
  const p = params.get('prints');
  return {
    prints: p === '1' ? true : p === '0' ? false : null,
    layout: params.get('layout') === '2' ? 2 : 1,
    addressId: params.get('address') || null,
  };
}

/** The address to use: the chosen one if it still exists, else the default, else the first. */
export function pickAddress<A extends { id: string; isDefault: boolean }>(
  addresses: readonly A[],
  chosen: string | null,
): A | null {
  return addresses.find((a) => a.id === chosen) ?? addresses.find((a) => a.isDefault) ?? addresses[0] ?? null;
}
