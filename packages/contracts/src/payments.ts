import { z } from 'zod';

/**
 * Paying inside WeChat's own browser (JSAPI): `POST /api/orders/:orderNo/pay/jsapi` answers either
 * "authorise first" (the WeChat OAuth link that gets the payer's openid) or the parameters of
 * `WeixinJSBridge.invoke('getBrandWCPayRequest', params, cb)`. The result of the payment is decided
 * by the provider's notification or order query, never by the page's callback.
 */

export const JsapiPayParams = z.object({
  appId: z.string(),
  timeStamp: z.string(),
  nonceStr: z.string(),
  package: z.string(),
  signType: z.literal('RSA'),
  paySign: z.string(),
});
export type JsapiPayParams = z.infer<typeof JsapiPayParams>;

export const StartJsapiPaymentResponse = z.discriminatedUnion('action', [
  /** No openid known for this student yet: send the browser to WeChat's authorisation (it comes back to the order page). */
  z.object({ action: z.literal('authorize'), authorizeUrl: z.string() }),
  z.object({
    action: z.literal('invoke'),
    params: JsapiPayParams,
    /** Development only: the sandbox's WeixinJSBridge stand-in, for a browser that is not really WeChat. */
    bridgeScript: z.string().optional(),
  }),
]);
export type StartJsapiPaymentResponse = z.infer<typeof StartJsapiPaymentResponse>;

// The OAuth outcome constants live in a zod-free module so the order page can use them without the
// schemas; re-exported here for the server.
export { WECHAT_AUTH_OUTCOMES, WECHAT_AUTH_PARAM, type WechatAuthOutcome } from './wechat-auth.js';

/** How a student can pay, in the order the centre offers them (`PAYMENT_PROVIDER`). */
export const PAY_METHODS = ['wechat', 'alipay'] as const;
export type PayMethod = (typeof PAY_METHODS)[number];
