import { z } from 'zod';
import { Page, PagedMeta } from './console-batches.js';
import { bi } from './i18n-message.js';
import { OrderStates, SubmissionStates } from './journey.js';
import { OrderNoteFields } from './order-notes.js';
import { PAY_METHODS } from './payments.js';

/** Console: order search, order detail, refunds (full or partial) and the students' refund requests. */

export const OrderKinds = ['collection', 'prints', 'reprint'] as const;

export const ConsoleOrderQuery = z.object({
  /** An order number (20 digits), a phone number, a full ID/passport number, or (part of) a name. */
  q: z.string().trim().max(60).optional(),
  schoolId: z.uuid().optional(),
  batchId: z.uuid().optional(),
  status: z.enum(OrderStates).optional(),
  kind: z.enum(OrderKinds).optional(),
  /** Only orders with an open refund request from the student. */
  refundRequested: z.stringbool().optional(),
  ...Page,
});
export type ConsoleOrderQuery = z.input<typeof ConsoleOrderQuery>;
/** The query as the server sees it (defaults applied). */
export type ConsoleOrderFilters = z.infer<typeof ConsoleOrderQuery>;

export const SearchMatches = ['order_no', 'phone', 'id_number', 'name'] as const;

export const ConsoleOrderView = z.object({
  id: z.string(),
  orderNo: z.string(),
  kind: z.enum(OrderKinds),
  status: z.enum(OrderStates),
  withPrints: z.boolean(),
  layout: z.number().nullable(),
  copies: z.number(),
  amountCents: z.number(),
  refundedCents: z.number(),
  /** How it was paid: 微信支付 or 支付宝 (null: not paid through a provider). */
  paymentProvider: z.enum(PAY_METHODS).nullable(),
  /** The student's open refund request. */
  refundRequest: z.object({ at: z.string(), reason: z.string() }).nullable(),
  courier: z.string().nullable(),
  trackingNo: z.string().nullable(),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
  shippedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  studentName: z.string(),
  /** The student deleted their data (PIPL): names, phone and ID number are blank; the order stays for accounting. */
  studentErased: z.boolean(),
  phoneMasked: z.string(),
  idNumberMasked: z.string(),
  graduateName: z.string(),
  schoolId: z.string(),
  schoolName: z.string(),
  batchId: z.string(),
  batchName: z.string(),
  /** The latest photo's state for the collection (null: no photo yet). */
  submissionStatus: z.enum(SubmissionStates).nullable(),
});
export type ConsoleOrderView = z.infer<typeof ConsoleOrderView>;

export const ConsoleOrderListResponse = z.object({
  items: z.array(ConsoleOrderView),
  ...PagedMeta,
  /** How `q` was understood. */
  matchedBy: z.enum(SearchMatches).nullable(),
});
export type ConsoleOrderListResponse = z.infer<typeof ConsoleOrderListResponse>;

export const ConsoleOrderDetail = ConsoleOrderView.extend({
  shippingAddress: z.object({ recipient: z.string(), phone: z.string(), regionText: z.string(), street: z.string() }).nullable(),
  /** What can still be refunded (paid minus refunds processing or done). */
  refundableCents: z.number(),
  printRunId: z.string().nullable(),
  history: z.array(z.object({ from: z.string().nullable(), to: z.string(), actorType: z.string(), ...OrderNoteFields, at: z.string() })),
  refunds: z.array(z.object({ refundNo: z.string(), amountCents: z.number(), reason: z.string(), status: z.enum(['processing', 'succeeded', 'failed']), requestedBy: z.string().nullable(), at: z.string() })),
});
export type ConsoleOrderDetail = z.infer<typeof ConsoleOrderDetail>;

export const ConsoleRefundRequest = z.object({
  amountCents: z.number().int().min(1, { error: bi('退款金额必须大于 0', 'The refund must be more than 0') }),
  reason: z.string().trim().min(2, { error: bi('请填写退款原因', 'Give a reason for the refund') }).max(80),
  /** Made by the client when the refund dialog opens: a double click (or a retry) refunds once. */
  idempotencyKey: z.uuid(),
});
export type ConsoleRefundRequest = z.input<typeof ConsoleRefundRequest>;

export const ConsoleRefundResponse = z.object({
  refund: z.object({ refundNo: z.string(), amountCents: z.number(), status: z.enum(['processing', 'succeeded', 'failed']) }),
  order: ConsoleOrderDetail,
});
export type ConsoleRefundResponse = z.infer<typeof ConsoleRefundResponse>;

export const DeclineRefundRequest = z.object({ reason: z.string().trim().min(2, { error: bi('请填写原因', 'Give a reason') }).max(200) });
export type DeclineRefundRequest = z.input<typeof DeclineRefundRequest>;
