import { randomBytes, randomInt } from 'node:crypto';
import { alipayTime, centsOf, yuanOf } from '../../../adapters/alipay/sign.js';

/**
 * The local Alipay's books: trades by out_trade_no (created when the payer opens the cashier, as at
 * Alipay), refunds by out_trade_no + out_request_no. In memory, like the WeChat sandbox's.
 */

/** A refusal in Alipay's words: `code` 40004 (business) or 40002 (parameters), with its sub_code. */
export class AlipaySandboxError extends Error {
  constructor(
    public readonly subCode: string,
    message: string,
    public readonly code: '40002' | '40004' = '40004',
  ) {
    super(message);
  }
}

export type AlipaySandboxStatus = 'WAIT_BUYER_PAY' | 'TRADE_CLOSED' | 'TRADE_SUCCESS';

export interface AlipaySandboxTrade {
  outTradeNo: string;
  subject: string;
  amountCents: number;
  notifyUrl: string;
  returnUrl: string;
  quitUrl: string | null;
  timeExpire: Date | null;
  status: AlipaySandboxStatus;
  createdAt: Date;
  tradeNo?: string;
  paidAt?: Date;
  buyerId?: string;
  refundedCents: number;
}

export interface AlipaySandboxRefund {
  outRequestNo: string;
  outTradeNo: string;
  amountCents: number;
  at: Date;
}

const digits = (n: number) => Array.from({ length: n }, () => randomInt(0, 10)).join('');

export interface WapPayBiz {
  out_trade_no?: unknown;
  total_amount?: unknown;
  subject?: unknown;
  product_code?: unknown;
  quit_url?: unknown;
  time_expire?: unknown;
}

export function createAlipayStore(opts: { now: () => Date }) {
  const trades = new Map<string, AlipaySandboxTrade>();
  const refunds = new Map<string, AlipaySandboxRefund>();

  const expired = (t: AlipaySandboxTrade) => t.status === 'WAIT_BUYER_PAY' && t.timeExpire !== null && t.timeExpire <= opts.now();

  return {
    /** `alipay.trade.wap.pay` opened by the payer: the trade, created or (unpaid, same amount) reused. */
    open(biz: WapPayBiz, urls: { notifyUrl: string; returnUrl: string }, parseTime: (s: string) => Date | null): AlipaySandboxTrade {
      const outTradeNo = typeof biz.out_trade_no === 'string' ? biz.out_trade_no : '';
      if (!/^[0-9A-Za-z_]{1,64}$/.test(outTradeNo)) throw new AlipaySandboxError('isv.missing-parameter', '缺少必选参数 out_trade_no', '40002');
      const cents = typeof biz.total_amount === 'string' ? centsOf(biz.total_amount) : null;
      if (cents === null || cents < 1) throw new AlipaySandboxError('isv.invalid-parameter', 'total_amount 格式错误', '40002');
      if (typeof biz.subject !== 'string' || !biz.subject) throw new AlipaySandboxError('isv.missing-parameter', '缺少必选参数 subject', '40002');
      if (biz.product_code !== 'QUICK_WAP_WAY') throw new AlipaySandboxError('ACQ.PRODUCT_AMOUNT_LIMIT_ERROR', '产品码错误，手机网站支付应为 QUICK_WAP_WAY');
      const timeExpire = typeof biz.time_expire === 'string' ? parseTime(biz.time_expire) : null;
      if (typeof biz.time_expire === 'string' && !timeExpire) throw new AlipaySandboxError('isv.invalid-parameter', 'time_expire 格式错误', '40002');
      let trade = trades.get(outTradeNo);
      if (trade) {
        if (trade.status === 'TRADE_SUCCESS') throw new AlipaySandboxError('ACQ.TRADE_HAS_SUCCESS', '交易已被支付');
        if (trade.status === 'TRADE_CLOSED' || expired(trade)) throw new AlipaySandboxError('ACQ.TRADE_HAS_CLOSE', '交易已经关闭');
        if (trade.amountCents !== cents) throw new AlipaySandboxError('ACQ.CONTEXT_INCONSISTENT', '交易信息被篡改');
        Object.assign(trade, { notifyUrl: urls.notifyUrl, returnUrl: urls.returnUrl, quitUrl: typeof biz.quit_url === 'string' ? biz.quit_url : null, timeExpire });
      } else {
        trade = { outTradeNo, subject: biz.subject, amountCents: cents, ...urls, quitUrl: typeof biz.quit_url === 'string' ? biz.quit_url : null, timeExpire, status: 'WAIT_BUYER_PAY', createdAt: opts.now(), refundedCents: 0 };
        trades.set(outTradeNo, trade);
      }
      if (expired(trade)) throw new AlipaySandboxError('ACQ.TRADE_HAS_CLOSE', '交易已经关闭');
      return trade;
    },

    trade(outTradeNo: string): AlipaySandboxTrade | undefined {
      const t = trades.get(outTradeNo);
      if (t && expired(t)) t.status = 'TRADE_CLOSED';
      return t;
    },

    /** The payer pays: once (`fresh` false when it was paid already). */
    pay(outTradeNo: string): { trade: AlipaySandboxTrade; fresh: boolean } {
      const trade = this.trade(outTradeNo);
      if (!trade) throw new AlipaySandboxError('ACQ.TRADE_NOT_EXIST', '交易不存在');
      if (trade.status === 'TRADE_SUCCESS') return { trade, fresh: false };
      if (trade.status === 'TRADE_CLOSED') throw new AlipaySandboxError('ACQ.TRADE_HAS_CLOSE', '交易已经关闭');
      const day = alipayTime(opts.now()).replace(/\D/g, '').slice(0, 8);
      Object.assign(trade, { status: 'TRADE_SUCCESS', tradeNo: `${day}22001${digits(15)}`, paidAt: opts.now(), buyerId: `2088${digits(12)}` });
      return { trade, fresh: true };
    },

    close(outTradeNo: string): AlipaySandboxTrade {
      const trade = this.trade(outTradeNo);
      if (!trade) throw new AlipaySandboxError('ACQ.TRADE_NOT_EXIST', '交易不存在');
      if (trade.status === 'TRADE_SUCCESS') throw new AlipaySandboxError('ACQ.TRADE_STATUS_ERROR', '交易状态不合法');
      trade.status = 'TRADE_CLOSED';
      return trade;
    },

    /** `alipay.trade.refund`: the same out_request_no is the same refund (`fresh` false: no money moves again). */
    refund(outTradeNo: string, tradeNo: string | undefined, outRequestNo: string, amountCents: number): { trade: AlipaySandboxTrade; fresh: boolean } {
      const trade = this.trade(outTradeNo);
      if (!trade || (tradeNo && trade.tradeNo !== tradeNo)) throw new AlipaySandboxError('ACQ.TRADE_NOT_EXIST', '交易不存在');
      const key = `${outTradeNo}|${outRequestNo}`;
      const existing = refunds.get(key);
      if (existing) {
        if (existing.amountCents !== amountCents) throw new AlipaySandboxError('ACQ.REFUND_AMT_NOT_EQUAL_TOTAL', '退款金额与退款请求号对应的金额不一致');
        return { trade, fresh: false };
      }
      if (trade.status === 'WAIT_BUYER_PAY') throw new AlipaySandboxError('ACQ.TRADE_STATUS_ERROR', '交易状态不合法');
      if (trade.status === 'TRADE_CLOSED' && trade.refundedCents === 0) throw new AlipaySandboxError('ACQ.TRADE_HAS_CLOSE', '交易已经关闭');
      if (trade.refundedCents + amountCents > trade.amountCents) throw new AlipaySandboxError('ACQ.REFUND_AMT_NOT_EQUAL_TOTAL', '退款金额超限');
      refunds.set(key, { outRequestNo, outTradeNo, amountCents, at: opts.now() });
      trade.refundedCents += amountCents;
      if (trade.refundedCents === trade.amountCents) trade.status = 'TRADE_CLOSED';
      return { trade, fresh: true };
    },

    refundOf: (outTradeNo: string, outRequestNo: string) => refunds.get(`${outTradeNo}|${outRequestNo}`),

    /** `alipay_trade_query_response` (success part). */
    queryView(t: AlipaySandboxTrade): Record<string, unknown> {
      return {
        code: '10000',
        msg: 'Success',
        ...(t.tradeNo ? { trade_no: t.tradeNo, buyer_logon_id: 'sbx***@sandbox.com', buyer_user_id: t.buyerId } : {}),
        out_trade_no: t.outTradeNo,
        trade_status: t.status,
        total_amount: yuanOf(t.amountCents),
        ...(t.paidAt ? { buyer_pay_amount: yuanOf(t.amountCents), receipt_amount: yuanOf(t.amountCents), send_pay_date: alipayTime(t.paidAt) } : {}),
        point_amount: '0.00',
        invoice_amount: t.paidAt ? yuanOf(t.amountCents) : '0.00',
      };
    },

    /** What a notification about a paid trade says (before signing). */
    noticeFields(t: AlipaySandboxTrade, appId: string, sellerId: string): Record<string, string> {
      return {
        notify_time: alipayTime(opts.now()),
        notify_type: 'trade_status_sync',
        notify_id: randomBytes(16).toString('hex'),
        app_id: appId,
        auth_app_id: appId,
        charset: 'utf-8',
        version: '1.0',
        trade_no: t.tradeNo!,
        out_trade_no: t.outTradeNo,
        buyer_id: t.buyerId!,
        buyer_logon_id: 'sbx***@sandbox.com',
        seller_id: sellerId,
        trade_status: t.status,
        total_amount: yuanOf(t.amountCents),
        receipt_amount: yuanOf(t.amountCents),
        invoice_amount: yuanOf(t.amountCents),
        buyer_pay_amount: yuanOf(t.amountCents),
        point_amount: '0.00',
        subject: t.subject,
        gmt_create: alipayTime(t.createdAt),
        gmt_payment: alipayTime(t.paidAt!),
        fund_bill_list: JSON.stringify([{ amount: yuanOf(t.amountCents), fundChannel: 'ALIPAYACCOUNT' }]),
      };
    },
  };
}
export type AlipayStore = ReturnType<typeof createAlipayStore>;
