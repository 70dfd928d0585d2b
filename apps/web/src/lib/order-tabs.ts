import type { OrderView } from '@gradphoto/contracts/journey';

export type OrderTab = OrderView['tab'];

/** The student's order tabs (DESIGN.md), in the order they are shown: what needs action first. */
export const ORDER_TABS: readonly OrderTab[] = [
  'pending_payment',
  'needs_fix',
  'pending_review',
  'to_ship',
  'shipped',
  'completed',
  'refunded',
  'closed',
];

/** The tab to open first: the first one (in ORDER_TABS order) that has orders, else the first tab. */
export function firstBusyTab(orders: ReadonlyArray<Pick<OrderView, 'tab'>>): OrderTab {
  return ORDER_TABS.find((t) => orders.some((o) => o.tab === t)) ?? ORDER_TABS[0]!;
}
