import { describe, expect, it } from 'vitest';
import { timelineEvents } from './timeline-events.js';

const at = '2026-06-01T08:00:00.000Z';

describe('timelineEvents', () => {
  it('turns the history into student-facing events, hiding technical notes', () => {
    const events = timelineEvents([
      { status: 'pending_payment', note: null, at },
      { status: 'paid', note: '4200000000202606010000000001', at },
      { status: 'paid', note: 'refund requested: 不想要了', at },
      { status: 'paid', note: 'refund request declined: 照片已提交审核', at },
      { status: 'paid', note: 'refund RF2026: 部分退款 (-1500)', at },
      { status: 'in_production', note: null, at },
      { status: 'shipped', note: '顺丰速运 SF1234567890', at },
      { status: 'completed', note: 'delivery confirmed', at },
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

  it('knows closing, automatic completion and full refunds', () => {
    const events = timelineEvents([
      { status: 'closed', note: 'payment timeout', at },
      { status: 'completed', note: 'completed automatically 10 days after shipping', at },
      { status: 'refunded', note: 'refund RF1: 全额退款 (-3500)', at },
    ]);
    expect(events.map((e) => e.kind)).toEqual(['closed', 'auto_completed', 'refunded']);
  });
});
