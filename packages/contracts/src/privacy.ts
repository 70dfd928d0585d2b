import { z } from 'zod';
import { CodeChannels, CodeSchema } from './accounts.js';
import { bi } from './i18n-message.js';
import { OrderStates } from './journey.js';

/**
 * A student's request to delete their data (PIPL). The rule:
 * - orders that are paid and not yet completed or refunded (paid, in production, shipped) block it: the
 *   student waits for them to complete or asks for a refund first;
 * - unpaid orders are closed; everything personal is erased (photos, ID number, name, contacts,
 *   addresses, notifications, sessions); order numbers, amounts, payments and refunds stay, anonymised,
 *   because accounting must keep them; the audit log stays.
 */

/** Order states that block erasure: the student's money is in an order that is not finished. */
export const ERASURE_BLOCKING_ORDER_STATES = ['paid', 'in_production', 'shipped'] as const satisfies ReadonlyArray<(typeof OrderStates)[number]>;

export const ErasureOrder = z.object({ orderNo: z.string(), status: z.enum(OrderStates) });
export type ErasureOrder = z.infer<typeof ErasureOrder>;

/** GET /api/me/erasure: what a deletion would do now. */
export const ErasureStatus = z.object({
  /** False while `blockingOrders` is not empty. */
  allowed: z.boolean(),
  blockingOrders: z.array(ErasureOrder),
  /** Finished orders whose accounting records are kept without personal data. */
  keptOrders: z.array(ErasureOrder),
  /** Unpaid orders that a deletion closes. */
  closedOrders: z.array(ErasureOrder),
  /** Where a confirmation code would go (the phone, else the email), masked. */
  codeChannel: z.enum(CodeChannels),
  codeTargetMasked: z.string(),
});
export type ErasureStatus = z.infer<typeof ErasureStatus>;

export const ErasureCodeResponse = z.object({
  sent: z.literal(true),
  retryAfterSeconds: z.number(),
  channel: z.enum(CodeChannels),
  targetMasked: z.string(),
});
export type ErasureCodeResponse = z.infer<typeof ErasureCodeResponse>;

/** The confirmation: the account password, or a code sent to the student's own phone or email. */
export const EraseAccountRequest = z.discriminatedUnion('method', [
  z.object({
    method: z.literal('password'),
    password: z
      .string()
      .min(1, { error: bi('请输入登录密码', 'Enter your password') })
      .max(128),
  }),
  z.object({ method: z.literal('code'), code: CodeSchema }),
]);
export type EraseAccountRequest = z.input<typeof EraseAccountRequest>;

export const EraseAccountResponse = z.object({ ok: z.literal(true) });
