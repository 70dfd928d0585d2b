import { randomUUID, type KeyObject } from 'node:crypto';
import type { z } from 'zod';
import { MAX_CLOCK_SKEW_SECONDS, parseAuthorization, platformSignatureHeaders, requestMessage, rsaVerify, unixSeconds, type HeaderBag } from '../../../adapters/wechatpay/crypto.js';
import { CloseRequest, PrepayRequest, RefundRequest, SandboxError, type SandboxStore } from './sandbox-store.js';

export interface ApiRequest {
  method: string;
  /** Path with query, as received (e.g. `/sandbox/wechatpay/v3/pay/transactions/h5`). */
  url: string;
  headers: HeaderBag;
  body: string;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface SandboxApiOptions {
  store: SandboxStore;
  /** Where the API lives, e.g. `/sandbox/wechatpay`. */
  prefix: string;
  mchid: string;
  merchantSerialNo: string;
  merchantPublicKey: KeyObject;
  platform: { serial: string; privateKey: KeyObject };
  now: () => Date;
  /** Called after a refund was accepted (the sandbox completes it a moment later). */
  onRefundAccepted(outRefundNo: string): void;
  /** The cashier link for a prepay id (the H5 page, and the sandbox's Native code_url). */
  cashierUrl(prepayId: string): string;
  /** Whether an openid belongs to a WeChat user of this official account (the sandbox's OAuth issues them). */
  isOpenid(appid: string, openid: string): boolean;
}

/**
 * The sandbox's WeChat Pay API v3: checks the merchant's request signature with the merchant public
 * key, answers like the platform (same paths, bodies and error codes), and signs every answer with the
 * platform key.
 */
export function createSandboxApi(o: SandboxApiOptions) {
  function reply(status: number, payload?: object): ApiResponse {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    return {
      status,
      headers: {
        'request-id': randomUUID(),
        ...(payload === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
        ...platformSignatureHeaders({ serial: o.platform.serial, privateKey: o.platform.privateKey, body, now: o.now() }),
      },
      body,
    };
  }

  function authenticate(req: ApiRequest): void {
    const raw = req.headers.authorization;
    const auth = parseAuthorization(Array.isArray(raw) ? raw[0] : raw);
    if (!auth) throw new SandboxError(401, 'SIGN_ERROR', 'Authorization 格式错误');
    if (auth.mchid !== o.mchid) throw new SandboxError(401, 'SIGN_ERROR', '商户号与签名不匹配');
    if (auth.serial_no.toUpperCase() !== o.merchantSerialNo.toUpperCase()) throw new SandboxError(401, 'SIGN_ERROR', '商户证书序列号有误');
    if (Math.abs(unixSeconds(o.now()) - Number(auth.timestamp)) > MAX_CLOCK_SKEW_SECONDS) throw new SandboxError(401, 'SIGN_ERROR', '请求时间戳已过期');
    const message = requestMessage(req.method, req.url, auth.timestamp, auth.nonce_str, req.body);
    if (!rsaVerify(message, auth.signature, o.merchantPublicKey)) throw new SandboxError(401, 'SIGN_ERROR', '签名错误');
  }

  function parse<S extends z.ZodType>(schema: S, body: string): z.infer<S> {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new SandboxError(400, 'PARAM_ERROR', '请求体不是合法的JSON');
    }
    const result = schema.safeParse(json);
    if (!result.success) throw new SandboxError(400, 'PARAM_ERROR', `参数错误: ${result.error.issues.map((i) => i.path.join('.')).join(', ')}`);
    return result.data as z.infer<S>;
  }

  function requireMchidQuery(query: URLSearchParams) {
    if (query.get('mchid') !== o.mchid) throw new SandboxError(400, 'PARAM_ERROR', 'mchid 参数错误');
  }

  function route(req: ApiRequest): ApiResponse {
    const url = new URL(req.url, 'http://sandbox.invalid');
    if (!url.pathname.startsWith(`${o.prefix}/v3/`)) throw new SandboxError(404, 'NOT_FOUND', '接口不存在');
    const path = url.pathname.slice(o.prefix.length);
    const method = req.method.toUpperCase();
    let m: RegExpMatchArray | null;

    if (method === 'POST' && (path === '/v3/pay/transactions/h5' || path === '/v3/pay/transactions/native')) {
      const h5 = path.endsWith('/h5');
      const body = parse(PrepayRequest, req.body);
      if (h5 && !body.scene_info) throw new SandboxError(400, 'PARAM_ERROR', 'H5支付必须传 scene_info');
      const prepayId = o.store.prepay(h5 ? 'MWEB' : 'NATIVE', body);
      return h5 ? reply(200, { h5_url: o.cashierUrl(prepayId) }) : reply(200, { code_url: o.cashierUrl(prepayId) });
    }
    if (method === 'POST' && path === '/v3/pay/transactions/jsapi') {
      const body = parse(PrepayRequest, req.body);
      if (!body.payer) throw new SandboxError(400, 'PARAM_ERROR', 'JSAPI支付必须传 payer.openid');
      if (!o.isOpenid(body.appid, body.payer.openid)) throw new SandboxError(400, 'PARAM_ERROR', 'appid和openid不匹配');
      return reply(200, { prepay_id: o.store.prepay('JSAPI', body) });
    }
    if (method === 'GET' && (m = path.match(/^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/))) {
      requireMchidQuery(url.searchParams);
      const trade = o.store.trade(decodeURIComponent(m[1]!));
      if (!trade) throw new SandboxError(404, 'ORDER_NOT_EXIST', '订单不存在');
      return reply(200, o.store.transactionView(trade));
    }
    if (method === 'GET' && (m = path.match(/^\/v3\/pay\/transactions\/id\/([^/]+)$/))) {
      requireMchidQuery(url.searchParams);
      const trade = o.store.tradeByTransactionId(decodeURIComponent(m[1]!));
      if (!trade) throw new SandboxError(404, 'ORDER_NOT_EXIST', '订单不存在');
      return reply(200, o.store.transactionView(trade));
    }
    if (method === 'POST' && (m = path.match(/^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/))) {
      const body = parse(CloseRequest, req.body);
      if (body.mchid !== o.mchid) throw new SandboxError(400, 'MCH_NOT_EXISTS', '商户号不存在');
      o.store.close(decodeURIComponent(m[1]!));
      return reply(204);
    }
    if (method === 'POST' && path === '/v3/refund/domestic/refunds') {
      const body = parse(RefundRequest, req.body);
      if (!body.transaction_id && !body.out_trade_no) throw new SandboxError(400, 'PARAM_ERROR', 'transaction_id 和 out_trade_no 必须二选一');
      const { refund, fresh } = o.store.refund(body);
      if (fresh) o.onRefundAccepted(refund.outRefundNo);
      return reply(200, o.store.refundView(refund));
    }
    if (method === 'GET' && (m = path.match(/^\/v3\/refund\/domestic\/refunds\/([^/]+)$/))) {
      const refund = o.store.refundByNo(decodeURIComponent(m[1]!));
      if (!refund) throw new SandboxError(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
      return reply(200, o.store.refundView(refund));
    }
    throw new SandboxError(404, 'NOT_FOUND', '接口不存在');
  }

  return {
    handle(req: ApiRequest): ApiResponse {
      try {
        authenticate(req);
        return route(req);
      } catch (err) {
        if (err instanceof SandboxError) return reply(err.status, { code: err.code, message: err.message });
        throw err;
      }
    },
  };
}
export type SandboxApi = ReturnType<typeof createSandboxApi>;
