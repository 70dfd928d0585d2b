import type { OrderDetail } from '@gradphoto/contracts/journey';

export type TimelineKind =
  | 'created'
  | 'paid'
  | 'refund_requested'
  | 'refund_declined'
  | 'refund'
  | 'in_production'
  | 'shipped'
  | 'confirmed'
  | 'auto_completed'
  | 'completed'
  | 'closed'
  | 'refunded'
  | 'other';

export interface TimelineEvent {
  kind: TimelineKind;
  at: string;
  /** Text worth showing with the event: the student's reason, the staff's reason, courier + number. */
  detail: string | null;
}

const after = (note: string, prefix: string) => note.slice(prefix.length).trim() || null;

/**
 * The order history as events the student understands. The server's notes are technical (the
 * payment's transaction id, "payment timeout" …); only the parts meant for the student are kept.
 */
export function timelineEvents(timeline: OrderDetail['timeline']): TimelineEvent[] {
  return timeline.map(({ status, note, at }) => {
    const n = note ?? '';
    if (n.startsWith('refund requested:'))
      return { kind: 'refund_requested', at, detail: after(n, 'refund requested:') };
    if (n.startsWith('refund request declined:'))
      return { kind: 'refund_declined', at, detail: after(n, 'refund request declined:') };
    if (status !== 'refunded' && /^refund \S+:/.test(n)) {
      const m = /\(-(\d+)\)$/.exec(n);
      return { kind: 'refund', at, detail: m ? m[1]! : null };
    }
    switch (status) {
      case 'pending_payment':
        return { kind: 'created', at, detail: null };
      case 'paid':
        return { kind: 'paid', at, detail: null };
      case 'in_production':
        return { kind: 'in_production', at, detail: null };
      case 'shipped':
        return { kind: 'shipped', at, detail: n || null };
      case 'completed':
        if (n === 'delivery confirmed') return { kind: 'confirmed', at, detail: null };
        if (n.startsWith('completed automatically')) return { kind: 'auto_completed', at, detail: null };
        return { kind: 'completed', at, detail: null };
      case 'closed':
        return { kind: 'closed', at, detail: null };
      case 'refunded':
        return { kind: 'refunded', at, detail: null };
      default:
        return { kind: 'other', at, detail: null };
    }
  });
}
