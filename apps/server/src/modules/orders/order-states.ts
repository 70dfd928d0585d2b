import type { OrderRow, OrderStatus } from './orders.repo.js';

/** Orders that hold the student's money: paid and not (yet) closed or fully refunded. */
export const PAID_ORDER_STATES: readonly OrderStatus[] = ['paid', 'in_production', 'shipped', 'completed'];

export const isPaidOrder = (o: Pick<OrderRow, 'status'>): boolean => PAID_ORDER_STATES.includes(o.status);

/** The collection fee is settled when the school pays, or when the collection's own order is paid. */
export function collectionFeeSettled(
  payer: 'student' | 'school',
  orders: ReadonlyArray<Pick<OrderRow, 'collectionId' | 'kind' | 'status'>>,
  collectionId: string,
): boolean {
  return (
    payer === 'school' ||
    orders.some((o) => o.collectionId === collectionId && o.kind === 'collection' && isPaidOrder(o))
  );
}
