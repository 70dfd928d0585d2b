import { z } from 'zod';
import { chinaClock } from '../../lib/china-time.js';

/** Shapes of WeChat Pay API v3 messages (fields we read; everything else is kept as-is). */

const Amount = z.looseObject({
  total: z.number().int(),
  payer_total: z.number().int().optional(),
  currency: z.string().optional(),
  payer_currency: z.string().optional(),
});

export const TRADE_STATES = ['SUCCESS', 'REFUND', 'NOTPAY', 'CLOSED', 'REVOKED', 'USERPAYING', 'PAYERROR'] as const;

/** A transaction: the decrypted `TRANSACTION.SUCCESS` resource, or a query result. */
export const Transaction = z.looseObject({
  mchid: z.string(),
  appid: z.string(),
  out_trade_no: z.string(),
  transaction_id: z.string().optional(),
  trade_type: z.string().optional(),
  trade_state: z.enum(TRADE_STATES),
  trade_state_desc: z.string().optional(),
  bank_type: z.string().optional(),
  attach: z.string().optional(),
  success_time: z.string().optional(),
  payer: z.looseObject({ openid: z.string().optional() }).optional(),
  amount: Amount.optional(),
});
export type Transaction = z.infer<typeof Transaction>;

export const REFUND_STATES = ['SUCCESS', 'CLOSED', 'PROCESSING', 'ABNORMAL'] as const;

const RefundAmount = z.looseObject({
  total: z.number().int(),
  refund: z.number().int(),
  payer_total: z.number().int().optional(),
  payer_refund: z.number().int().optional(),
  currency: z.string().optional(),
});

/** The answer of `POST /v3/refund/domestic/refunds` and of the refund query. */
export const Refund = z.looseObject({
  refund_id: z.string(),
  out_refund_no: z.string(),
  transaction_id: z.string(),
  out_trade_no: z.string(),
  channel: z.string().optional(),
  user_received_account: z.string().optional(),
  success_time: z.string().optional(),
  create_time: z.string().optional(),
  status: z.enum(REFUND_STATES),
  amount: RefundAmount,
});
export type Refund = z.infer<typeof Refund>;

/** The decrypted `REFUND.SUCCESS` / `REFUND.ABNORMAL` / `REFUND.CLOSED` resource. */
export const RefundNotice = z.looseObject({
  mchid: z.string(),
  out_trade_no: z.string(),
  transaction_id: z.string(),
  out_refund_no: z.string(),
  refund_id: z.string(),
  refund_status: z.enum(REFUND_STATES),
  success_time: z.string().optional(),
  user_received_account: z.string().optional(),
  amount: RefundAmount,
});
export type RefundNotice = z.infer<typeof RefundNotice>;

/** The notification envelope POSTed to the merchant's notify_url. */
export const NotificationEnvelope = z.looseObject({
  id: z.string(),
  create_time: z.string(),
  event_type: z.string(),
  resource_type: z.literal('encrypt-resource'),
  summary: z.string().optional(),
  resource: z.looseObject({
    algorithm: z.literal('AEAD_AES_256_GCM'),
    ciphertext: z.string().min(1),
    associated_data: z.string().optional(),
    nonce: z.string().min(1),
    original_type: z.string().optional(),
  }),
});
export type NotificationEnvelope = z.infer<typeof NotificationEnvelope>;

export const H5PrepayResult = z.looseObject({ h5_url: z.string().min(1) });
export const NativePrepayResult = z.looseObject({ code_url: z.string().min(1) });
/** The answer of `POST /v3/pay/transactions/jsapi`: the prepay id, valid for 2 hours. */
export const JsapiPrepayResult = z.looseObject({ prepay_id: z.string().min(1) });

/** The error body of the API: `{ code, message, detail? }`. */
export const ApiErrorBody = z.looseObject({ code: z.string(), message: z.string().optional() });

/** RFC 3339 in Beijing time, the way WeChat Pay writes times: `2024-06-08T10:34:56+08:00`. */
export function beijingTime(d: Date): string {
  return `${chinaClock(d).slice(0, 19)}+08:00`;
}
