import { describe, expect, it } from 'vitest';
import { ORDER_TABS, firstBusyTab } from './order-tabs.js';

describe('order tabs', () => {
  it('lists the eight tabs of DESIGN.md, action first', () => {
    expect(ORDER_TABS).toEqual([
      'pending_payment',
      'needs_fix',
      'pending_review',
      'to_ship',
      'shipped',
      'completed',
      'refunded',
      'closed',
    ]);
  });

  it('opens the first tab that has orders', () => {
    expect(firstBusyTab([{ tab: 'closed' }, { tab: 'pending_review' }])).toBe('pending_review');
    expect(firstBusyTab([{ tab: 'completed' }, { tab: 'pending_payment' }])).toBe('pending_payment');
    expect(firstBusyTab([])).toBe('pending_payment');
  });
});
