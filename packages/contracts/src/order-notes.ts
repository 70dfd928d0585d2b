import { z } from 'zod';

/**
 * What an order history row says, as a code with parameters, so each app words it in its own language.
 * The row's `note` keeps only what a person typed (a student's refund reason, a staff member's decline
 * reason, a refund's reason): it is shown as typed. Rows from before the codes that no migration could
 * read carry their English text in `note` and no code; the apps show that text as it is.
 */
export const OrderNoteCodes = [
  /** The provider's payment: `{ transactionId }`. */
  'payment',
  /** Closed unpaid after the payment window. */
  'payment_timeout',
  /** The student asked for a refund; `note` is their reason. */
  'refund_requested',
  /** Staff declined the request; `note` is their reason. */
  'refund_declined',
  /** Money went back: `{ refundNo, amountCents }`; `note` is the refund's reason. */
  'refund',
  /** Put on a print run: `{ runId }`. */
  'print_run',
  /** Shipped from the order's drawer: `{ courier, trackingNo }`. */
  'shipped',
  /** Shipped by a CSV import: `{ courier, trackingNo }`. */
  'shipped_import',
  /** The student confirmed the delivery. */
  'delivery_confirmed',
  /** Completed automatically: `{ days }` after shipping. */
  'auto_completed',
  /** Completed by a 学信网 export (orders without prints): `{ exportId }`. */
  'exported',
  /** Closed because the student deleted their account. */
  'account_erased',
] as const;
export type OrderNoteCode = (typeof OrderNoteCodes)[number];

export const OrderNoteParams = z.record(z.string(), z.union([z.string(), z.number()]));
export type OrderNoteParams = z.infer<typeof OrderNoteParams>;

/** The note fields of a history entry in the console's and the student's order detail. */
export const OrderNoteFields = {
  /** Text as typed (see above), or the English text of an old row without a code. */
  note: z.string().nullable(),
  noteCode: z.enum(OrderNoteCodes).nullable(),
  noteParams: OrderNoteParams.nullable(),
};
