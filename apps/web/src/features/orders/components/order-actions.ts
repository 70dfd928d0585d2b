import type { OrderView } from '@gradphoto/contracts/journey';

type O = Pick<OrderView, 'status' | 'tab' | 'kind' | 'refundRequested' | 'withPrints'>;

/** What the student may do with an order now (the server checks again). */
export function orderActions(o: O) {
  const beforeReview = o.tab === 'needs_fix' || o.tab === 'pending_review';
  return {
    pay: o.status === 'pending_payment',
    /** Before review (or a paid reprint not yet printed), and not already asked. */
    refund: o.status === 'paid' && !o.refundRequested && (o.kind === 'reprint' || beforeReview),
    confirmDelivery: o.status === 'shipped',
    /** 加洗 once the photo is approved: a prints order waiting to ship, shipped, or done. */
    reprint: o.kind !== 'reprint' && ['to_ship', 'shipped', 'completed'].includes(o.tab),
  };
}
