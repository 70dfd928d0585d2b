import { describe, expect, it } from 'vitest';
import type { OrderDetail } from '@gradphoto/contracts/journey';
import { timelineEvents } from './timeline-events.js';

const at = '2026-06-01T08:00:00.000Z';
type Entry = OrderDetail['timeline'][number];
const entry = (
  status: string,
  noteCode: Entry['noteCode'] = null,
  noteParams: Entry['noteParams'] = null,
  note: string | null = null,
): Entry => ({ status, noteCode, noteParams, note, at });

describe('timelineEvents', () => {
  it('turns the history into student-facing events, hiding technical notes', () => {
    const events = timelineEvents([
      entry('pending_payment'),
      entry('paid', 'payment', { transactionId: '4200000000202606010000000001' }),
      entry('paid', 'refund_requested', null, '不想要了'),
      entry('paid', 'refund_declined', null, '照片已提交审核'),
      entry('paid', 'refund', { refundNo: 'RF2026', amountCents: 1500 }, '部分退款'),
      entry('in_production', 'print_run', { runId: 'r1' }),
      entry('shipped', 'shipped', { courier: '顺丰速运', trackingNo: 'SF1234567890' }),
      entry('completed', 'delivery_confirmed'),
    ]);
    expect(events.map((e) => [e.kind, e.detail])).toEqual([
      ['created', null],
      ['paid', null],
      ['refund_requested', '不想要了'],
      ['refund_declined', '照片已提交审核'],
      ['refund', '1500'],
      ['in_production', null],
      ['shipped', '顺丰速运 SF1234567890'],
      ['confirmed', null],
    ]);
  });

  it('knows closing, automatic completion, exports and full refunds', () => {
    const events = timelineEvents([
      entry('closed', 'payment_timeout'),
      entry('completed', 'auto_completed', { days: 10 }),
      entry('completed', 'exported', { exportId: 'e1' }),
      entry('refunded', 'refund', { refundNo: 'RF1', amountCents: 3500 }, '全额退款'),
    ]);
    expect(events.map((e) => e.kind)).toEqual(['closed', 'auto_completed', 'completed', 'refunded']);
  });

  it('reads old rows without a code by their status', () => {
    const events = timelineEvents([
      entry('paid', null, null, 'seeded'),
      entry('shipped', null, null, '顺丰速运 SF1'),
    ]);
    expect(events.map((e) => [e.kind, e.detail])).toEqual([
      ['paid', null],
      ['shipped', '顺丰速运 SF1'],
    ]);
  });
});
