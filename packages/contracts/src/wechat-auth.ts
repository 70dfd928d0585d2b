/**
 * Paying inside WeChat: what the OAuth callback tells the order page. Kept free of zod so the web app can
 * read it without bundling the schemas (payments.ts re-exports it).
 */
/**
 * The query parameter the OAuth callback adds to the order page it sends the browser back to:
 * `ok`, or why no openid was obtained.
 */
export const WECHAT_AUTH_PARAM = 'wxauth';
export const WECHAT_AUTH_OUTCOMES = [
  'ok',
  /** forged, replayed, or from another session */
  'state',
  /** the authorisation took too long */
  'expired',
  /** came back without a code */
  'denied',
  /** WeChat refused the code (invalid, expired, already used) */
  'code',
  /** a 朋友圈 "snapshot page" user, who cannot pay */
  'snapshot',
  /** WeChat could not be reached, or the account is misconfigured */
  'unavailable',
] as const;
export type WechatAuthOutcome = (typeof WECHAT_AUTH_OUTCOMES)[number];
