import type { OrderNoteCode, OrderNoteParams } from '@gradphoto/contracts/order-notes';

/**
 * An order history row's note: a code with its parameters, worded by each app in its own language, and
 * `text` only for what a person typed (shown as typed). See `@gradphoto/contracts/order-notes`.
 */
export type OrderNote =
  | { code: 'payment'; params: { transactionId: string } }
  | { code: 'payment_timeout' | 'delivery_confirmed' | 'account_erased' }
  | { code: 'refund_requested' | 'refund_declined'; text: string }
  | { code: 'refund'; params: { refundNo: string; amountCents: number }; text: string }
  | { code: 'print_run'; params: { runId: string } }
  | { code: 'shipped' | 'shipped_import'; params: { courier: string; trackingNo: string } }
  | { code: 'auto_completed'; params: { days: number } }
  | { code: 'exported'; params: { exportId: string } };

/** The `order_history` columns that hold a note. */
export function noteColumns(note?: OrderNote): { note: string | null; noteCode: OrderNoteCode | null; noteParams: OrderNoteParams | null } {
  if (!note) return { note: null, noteCode: null, noteParams: null };
  return { note: 'text' in note ? note.text : null, noteCode: note.code, noteParams: 'params' in note ? note.params : null };
}

/** A history row's note as the apps receive it. */
export function noteFields(row: { note: string | null; noteCode: OrderNoteCode | null; noteParams: OrderNoteParams | null }) {
  return { note: row.note, noteCode: row.noteCode, noteParams: row.noteParams };
}
