import type { OrderDetail } from '@gradphoto/contracts/journey';
import type { OrderNoteCode } from '@gradphoto/contracts/order-notes';

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

/** Notes that name their own event; the others are worded by the entry's status. */
const BY_CODE: Partial<Record<OrderNoteCode, TimelineKind>> = {
  refund_requested: 'refund_requested',
  refund_declined: 'refund_declined',
  delivery_confirmed: 'confirmed',
  auto_completed: 'auto_completed',
};

/**
 * The order history as events the student understands, from each entry's status and note code. Technical
 * parts (the payment's transaction id, the print run …) are left out; reasons are shown as typed.
 */
export function timelineEvents(timeline: OrderDetail['timeline']): TimelineEvent[] {
  return timeline.map(({ status, note, noteCode, noteParams, at }) => {
    if (noteCode === 'refund' && status !== 'refunded')
      return { kind: 'refund', at, detail: String(noteParams?.amountCents ?? 0) };
    const coded = noteCode ? BY_CODE[noteCode] : undefined;
    // `note` is what a person typed (a reason) or nothing
    if (coded) return { kind: coded, at, detail: note };
    switch (status) {
      case 'pending_payment':
        return { kind: 'created', at, detail: null };
      case 'paid':
        return { kind: 'paid', at, detail: null };
      case 'in_production':
        return { kind: 'in_production', at, detail: null };
      case 'shipped':
        // an old row without a code keeps its text (courier and number)
        return {
          kind: 'shipped',
          at,
          detail: noteParams ? `${noteParams.courier} ${noteParams.trackingNo}` : note,
        };
      case 'completed':
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
