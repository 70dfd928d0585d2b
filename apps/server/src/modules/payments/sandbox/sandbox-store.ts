import { randomBytes, randomInt } from 'node:crypto';
import { z } from 'zod';
import { beijingTime } from '../../../adapters/wechatpay/types.js';

/**
 * The sandbox's own books, the way WeChat Pay keeps them: trades by out_trade_no, prepay ids,
 * refunds by out_refund_no. In memory: it plays an outside party, and a restart loses only
 * unfinished sandbox payments.
 */

export class SandboxError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const PrepayRequest = z.object({
  appid: z.string().min(1),
  mchid: z.string().min(1),
  description: z.string().min(1).max(127),
  out_trade_no: z.string().regex(/^[0-9A-Za-z_\-|*]{6,32}$/),
  time_expire: z.string().optional(),
  attach: z.string().max(128).optional(),
  notify_url: z.url(),
  amount: z.object({ total: z.number().int().min(1), currency: z.literal('CNY').optional() }),
  scene_info: z.looseObject({ payer_client_ip: z.string().min(1) }).optional(),
  /** JSAPI only: the payer's openid under `appid`. */
  payer: z.object({ openid: z.string().min(1).max(128) }).optional(),
});
export type PrepayRequest = z.infer<typeof PrepayRequest>;

export const RefundRequest = z.object({
  transaction_id: z.string().optional(),
  out_trade_no: z.string().optional(),
  out_refund_no: z.string().regex(/^[0-9A-Za-z_\-|*@]{1,64}$/),
  reason: z.string().max(80).optional(),
  notify_url: z.url().optional(),
  amount: z.object({ refund: z.number().int().min(1), total: z.number().int().min(1), currency: z.literal('CNY') }),
});
export type RefundRequest = z.infer<typeof RefundRequest>;

export const CloseRequest = z.object({ mchid: z.string() });

export type TradeState = 'NOTPAY' | 'SUCCESS' | 'REFUND' | 'CLOSED';

export interface SandboxTrade {
  outTradeNo: string;
  description: string;
  amount: number;
  notifyUrl: string;
  timeExpire: Date | null;
  attach?: string;
  tradeType: 'MWEB' | 'NATIVE' | 'JSAPI';
  state: TradeState;
  transactionId?: string;
  successTime?: Date;
  payerOpenid?: string;
}

export interface SandboxRefund {
  refundId: string;
  outRefundNo: string;
  outTradeNo: string;
  transactionId: string;
  amount: number;
  total: number;
  reason: string;
  notifyUrl?: string;
  status: 'PROCESSING' | 'SUCCESS';
  createTime: Date;
  successTime?: Date;
}

const digits = (n: number) => Array.from({ length: n }, () => randomInt(0, 10)).join('');

export function createSandboxStore(opts: { mchid: string; appid: string; now: () => Date }) {
  const trades = new Map<string, SandboxTrade>();
  const prepays = new Map<string, { outTradeNo: string; expiresAt: Date; tradeType: SandboxTrade['tradeType'] }>();
  const refunds = new Map<string, SandboxRefund>();

  function ownMerchant(appid: string, mchid: string) {
    if (mchid !== opts.mchid) throw new SandboxError(400, 'MCH_NOT_EXISTS', '商户号不存在');
    if (appid !== opts.appid) throw new SandboxError(400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');
  }

  function expired(t: SandboxTrade) {
    return t.state === 'NOTPAY' && t.timeExpire !== null && t.timeExpire <= opts.now();
  }

  return {
    prepay(tradeType: SandboxTrade['tradeType'], req: PrepayRequest): string {
      ownMerchant(req.appid, req.mchid);
      const timeExpire = req.time_expire ? new Date(req.time_expire) : null;
      if (timeExpire && Number.isNaN(timeExpire.getTime())) throw new SandboxError(400, 'PARAM_ERROR', 'time_expire格式错误');
      let trade = trades.get(req.out_trade_no);
      if (trade) {
        if (trade.state === 'SUCCESS' || trade.state === 'REFUND') throw new SandboxError(400, 'ORDERPAID', '该订单已支付');
        if (trade.state === 'CLOSED' || expired(trade)) throw new SandboxError(400, 'ORDER_CLOSED', '订单已关闭');
        if (trade.amount !== req.amount.total) throw new SandboxError(403, 'OUT_TRADE_NO_USED', '商户订单号重复');
        Object.assign(trade, { description: req.description, notifyUrl: req.notify_url, timeExpire, tradeType, payerOpenid: req.payer?.openid });
      } else {
        trade = { outTradeNo: req.out_trade_no, description: req.description, amount: req.amount.total, notifyUrl: req.notify_url, timeExpire, attach: req.attach, tradeType, state: 'NOTPAY', payerOpenid: req.payer?.openid };
        trades.set(trade.outTradeNo, trade);
      }
      if (expired(trade)) throw new SandboxError(400, 'ORDER_CLOSED', '订单已关闭');
      const prepayId = `wx${beijingTime(opts.now()).replace(/\D/g, '').slice(0, 14)}${randomBytes(13).toString('hex')}`.slice(0, 36);
      // a prepay id is valid for 2 hours (an H5 link for 5 minutes at WeChat; the sandbox is kinder)
      prepays.set(prepayId, { outTradeNo: trade.outTradeNo, expiresAt: new Date(opts.now().getTime() + 2 * 3600_000), tradeType });
      return prepayId;
    },

    /**
     * The trade behind a prepay id, or an error fit for the cashier page. A JSAPI prepay id is paid only
     * through WeixinJSBridge (`jsapi: true`), an H5/Native one only on the cashier page.
     */
    tradeForPrepay(prepayId: string, jsapi = false): SandboxTrade {
      const p = prepays.get(prepayId);
      if (!p || p.expiresAt <= opts.now() || (p.tradeType === 'JSAPI') !== jsapi) throw new SandboxError(404, 'PREPAY_NOT_FOUND', '支付链接无效或已过期');
      return trades.get(p.outTradeNo)!;
    },

    /**
     * The payer confirms: the trade succeeds once; `fresh` is false for a repeated confirmation. For a
     * JSAPI prepay id, `payerOpenid` (when the sandbox knows who is paying) must be the order's payer.
     */
    pay(prepayId: string, jsapi: { payerOpenid: string | null } | null = null): { trade: SandboxTrade; fresh: boolean } {
      const trade = this.tradeForPrepay(prepayId, jsapi !== null);
      if (jsapi?.payerOpenid && trade.payerOpenid && jsapi.payerOpenid !== trade.payerOpenid) {
        throw new SandboxError(403, 'PAYER_MISMATCH', '当前微信用户与下单用户不一致');
      }
      if (trade.state === 'SUCCESS' || trade.state === 'REFUND') return { trade, fresh: false };
      if (trade.state === 'CLOSED' || expired(trade)) throw new SandboxError(400, 'ORDER_CLOSED', '订单已关闭');
      trade.state = 'SUCCESS';
      trade.transactionId = `4200${digits(6)}${beijingTime(opts.now()).replace(/\D/g, '').slice(0, 8)}${digits(10)}`;
      trade.successTime = opts.now();
      trade.payerOpenid ??= `oSandbox${randomBytes(10).toString('base64url')}`;
      return { trade, fresh: true };
    },

    trade(outTradeNo: string): SandboxTrade | undefined {
      const t = trades.get(outTradeNo);
      if (t && expired(t)) t.state = 'CLOSED';
      return t;
    },

    tradeByTransactionId(transactionId: string): SandboxTrade | undefined {
      return [...trades.values()].find((t) => t.transactionId === transactionId);
    },

    close(outTradeNo: string): void {
      const t = trades.get(outTradeNo);
      if (!t) throw new SandboxError(404, 'ORDER_NOT_EXIST', '订单不存在');
      if (t.state === 'SUCCESS' || t.state === 'REFUND') throw new SandboxError(400, 'ORDERPAID', '订单已支付，不能关闭');
      t.state = 'CLOSED';
    },

    /** A refund request; the same out_refund_no returns the same refund (`fresh` false). */
    refund(req: RefundRequest): { refund: SandboxRefund; fresh: boolean } {
      const existing = refunds.get(req.out_refund_no);
      if (existing) return { refund: existing, fresh: false };
      const trade = req.transaction_id ? this.tradeByTransactionId(req.transaction_id) : req.out_trade_no ? trades.get(req.out_trade_no) : undefined;
      if (!trade) throw new SandboxError(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
      if (trade.state !== 'SUCCESS' && trade.state !== 'REFUND') throw new SandboxError(403, 'USER_ACCOUNT_ABNORMAL', '订单未支付，不能退款');
      if (req.amount.total !== trade.amount) throw new SandboxError(400, 'PARAM_ERROR', '订单金额与原订单不符');
      const refunded = [...refunds.values()].filter((r) => r.outTradeNo === trade.outTradeNo).reduce((s, r) => s + r.amount, 0);
      if (refunded + req.amount.refund > trade.amount) throw new SandboxError(403, 'NOT_ENOUGH', '退款金额超过订单可退金额');
      const refund: SandboxRefund = {
        refundId: `50${digits(28)}`,
        outRefundNo: req.out_refund_no,
        outTradeNo: trade.outTradeNo,
        transactionId: trade.transactionId!,
        amount: req.amount.refund,
        total: trade.amount,
        reason: req.reason ?? '',
        notifyUrl: req.notify_url,
        status: 'PROCESSING',
        createTime: opts.now(),
      };
      refunds.set(refund.outRefundNo, refund);
      trade.state = 'REFUND';
      return { refund, fresh: true };
    },

    refundByNo: (outRefundNo: string) => refunds.get(outRefundNo),

    succeedRefund(refund: SandboxRefund): void {
      refund.status = 'SUCCESS';
      refund.successTime = opts.now();
    },

    /** A trade as the query API and the payment notification show it. */
    transactionView(t: SandboxTrade): Record<string, unknown> {
      const paid = t.state === 'SUCCESS' || t.state === 'REFUND';
      return {
        appid: opts.appid,
        mchid: opts.mchid,
        out_trade_no: t.outTradeNo,
        ...(paid ? { transaction_id: t.transactionId, trade_type: t.tradeType, bank_type: 'OTHERS', success_time: beijingTime(t.successTime!) } : {}),
        trade_state: t.state,
        trade_state_desc: { NOTPAY: '未支付', SUCCESS: '支付成功', REFUND: '转入退款', CLOSED: '已关闭' }[t.state],
        ...(t.attach ? { attach: t.attach } : {}),
        ...(paid ? { payer: { openid: t.payerOpenid } } : {}),
        amount: paid ? { total: t.amount, payer_total: t.amount, currency: 'CNY', payer_currency: 'CNY' } : { total: t.amount, currency: 'CNY' },
      };
    },

    refundView(r: SandboxRefund): Record<string, unknown> {
      return {
        refund_id: r.refundId,
        out_refund_no: r.outRefundNo,
        transaction_id: r.transactionId,
        out_trade_no: r.outTradeNo,
        channel: 'ORIGINAL',
        user_received_account: '支付用户零钱',
        ...(r.successTime ? { success_time: beijingTime(r.successTime) } : {}),
        create_time: beijingTime(r.createTime),
        status: r.status,
        funds_account: 'AVAILABLE',
        amount: { total: r.total, refund: r.amount, payer_total: r.total, payer_refund: r.amount, settlement_total: r.total, settlement_refund: r.amount, discount_refund: 0, currency: 'CNY' },
      };
    },

    refundNoticeView(r: SandboxRefund): Record<string, unknown> {
      return {
        mchid: opts.mchid,
        out_trade_no: r.outTradeNo,
        transaction_id: r.transactionId,
        out_refund_no: r.outRefundNo,
        refund_id: r.refundId,
        refund_status: r.status,
        ...(r.successTime ? { success_time: beijingTime(r.successTime) } : {}),
        user_received_account: '支付用户零钱',
        amount: { total: r.total, refund: r.amount, payer_total: r.total, payer_refund: r.amount },
      };
    },
  };
}
export type SandboxStore = ReturnType<typeof createSandboxStore>;
