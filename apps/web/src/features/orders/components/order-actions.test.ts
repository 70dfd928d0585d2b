import { describe, expect, it } from 'vitest';
import { orderActions } from './order-actions.js';

const base = { kind: 'collection', withPrints: true, refundRequested: false } as const;

describe('orderActions', () => {
  it('pays only a pending order', () => {
    expect(orderActions({ ...base, status: 'pending_payment', tab: 'pending_payment' })).toEqual({
      pay: true,
      refund: false,
      confirmDelivery: false,
      reprint: false,
    });
  });

  it('allows a refund request before review, once', () => {
    expect(orderActions({ ...base, status: 'paid', tab: 'pending_review' }).refund).toBe(true);
    expect(orderActions({ ...base, status: 'paid', tab: 'needs_fix' }).refund).toBe(true);
    expect(
      orderActions({ ...base, status: 'paid', tab: 'pending_review', refundRequested: true }).refund,
    ).toBe(false);
    expect(orderActions({ ...base, status: 'paid', tab: 'to_ship' }).refund).toBe(false);
    expect(orderActions({ ...base, kind: 'reprint', status: 'paid', tab: 'to_ship' }).refund).toBe(true);
    expect(orderActions({ ...base, kind: 'reprint', status: 'in_production', tab: 'to_ship' }).refund).toBe(
      false,
    );
  });

  it('confirms delivery of a shipped order and offers reprints after approval', () => {
    const shipped = orderActions({ ...base, status: 'shipped', tab: 'shipped' });
    expect([shipped.confirmDelivery, shipped.reprint]).toEqual([true, true]);
    expect(orderActions({ ...base, kind: 'reprint', status: 'shipped', tab: 'shipped' }).reprint).toBe(false);
    expect(orderActions({ ...base, status: 'closed', tab: 'closed' })).toEqual({
      pay: false,
      refund: false,
      confirmDelivery: false,
      reprint: false,
    });
  });
});
