import { z } from 'zod';

/**
 * WeChat official-account web authorisation (公众号网页授权, OAuth 2.0) on `fetch`: the authorize link
 * the browser is sent to, and the server-side exchange of the returned `code` for the user's openid.
 * Only `snsapi_base` is used: silent, and it yields the openid that JSAPI payment needs.
 *
 * - authorize: `https://open.weixin.qq.com/connect/oauth2/authorize?appid=APPID&redirect_uri=URL&response_type=code&scope=snsapi_base&state=STATE#wechat_redirect`
 *   (WeChat matches the link strictly: this parameter order, and the `#wechat_redirect` fragment).
 *   WeChat then sends the browser to `redirect_uri?code=CODE&state=STATE`. A code works once and
 *   expires after 5 minutes.
 * - exchange: `GET https://api.weixin.qq.com/sns/oauth2/access_token?appid=&secret=&code=&grant_type=authorization_code`
 *   → `{ access_token, expires_in, refresh_token, openid, scope, is_snapshotuser? }`, or — with HTTP 200 as
 *   well — `{ errcode, errmsg }`, e.g. `{"errcode":40029,"errmsg":"invalid code, rid: …"}` or 40163 "code been used".
 */

export const WECHAT_OPEN_URL = 'https://open.weixin.qq.com';
export const WECHAT_API_URL = 'https://api.weixin.qq.com';

/** `state` may hold only a-z, A-Z and 0-9, at most 128 bytes (WeChat's rule). */
export const OAUTH_STATE_PATTERN = /^[A-Za-z0-9]{1,128}$/;

/** errcodes that mean "this code is no good" (invalid or expired, already used, missing): authorise again. */
export const CODE_ERRCODES: ReadonlySet<number> = new Set([40029, 40163, 41008]);

export interface WechatOAuthOptions {
  appid: string;
  secret: string;
  /** `https://open.weixin.qq.com` in production (where the browser goes). */
  authorizeBaseUrl: string;
  /** `https://api.weixin.qq.com` in production (called by the server). */
  apiBaseUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** WeChat answered `{ errcode, errmsg }`, or could not be reached / understood (errcode -1). */
export class WechatOAuthError extends Error {
  constructor(
    public readonly errcode: number,
    public readonly errmsg: string,
  ) {
    super(`WeChat OAuth ${errcode}: ${errmsg}`);
    this.name = 'WechatOAuthError';
  }

  /** The code was invalid, expired or already used: a new authorisation fixes it. */
  get badCode(): boolean {
    return CODE_ERRCODES.has(this.errcode);
  }
}

const TokenAnswer = z.looseObject({
  access_token: z.string().optional(),
  expires_in: z.number().optional(),
  openid: z.string().min(1).max(128),
  scope: z.string().optional(),
  unionid: z.string().optional(),
  /** 1 for a "snapshot page" virtual user (a page opened from a 朋友圈 preview): not a real payer. */
  is_snapshotuser: z.number().optional(),
});
const ErrorAnswer = z.looseObject({ errcode: z.number(), errmsg: z.string().optional() });

export interface OAuthIdentity {
  openid: string;
  scope: string;
  unionid?: string;
  isSnapshotUser: boolean;
}

export function createWechatOAuthClient(o: WechatOAuthOptions) {
  const doFetch = o.fetch ?? fetch;
  const open = o.authorizeBaseUrl.replace(/\/+$/, '');
  const api = o.apiBaseUrl.replace(/\/+$/, '');

  return {
    appid: o.appid,

    /** The link that starts a silent (snsapi_base) authorisation; `redirectUri` must be absolute, on the 网页授权域名. */
    authorizeUrl(redirectUri: string, state: string): string {
      if (!OAUTH_STATE_PATTERN.test(state)) throw new Error('OAuth state must be 1–128 letters and digits');
      // built by hand: WeChat wants exactly this order, and redirect_uri percent-encoded
      return `${open}/connect/oauth2/authorize?appid=${encodeURIComponent(o.appid)}&redirect_uri=${encodeURIComponent(redirectUri)}&response_type=code&scope=snsapi_base&state=${state}#wechat_redirect`;
    },

    /** Exchanges the code WeChat returned for the user's openid under this appid. Throws WechatOAuthError. */
    async exchangeCode(code: string): Promise<OAuthIdentity> {
      const url = `${api}/sns/oauth2/access_token?appid=${encodeURIComponent(o.appid)}&secret=${encodeURIComponent(o.secret)}&code=${encodeURIComponent(code)}&grant_type=authorization_code`;
      let text: string;
      let status: number;
      try {
        const res = await doFetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(o.timeoutMs ?? 10_000) });
        status = res.status;
        text = await res.text();
      } catch (err) {
        // never echo the URL: it carries the secret
        throw new WechatOAuthError(-1, `unreachable: ${(err as Error).name}`);
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new WechatOAuthError(-1, `HTTP ${status}: not JSON`);
      }
      const error = ErrorAnswer.safeParse(json);
      if (error.success && error.data.errcode !== 0) throw new WechatOAuthError(error.data.errcode, error.data.errmsg ?? '');
      const ok = TokenAnswer.safeParse(json);
      if (!ok.success) throw new WechatOAuthError(-1, `HTTP ${status}: unexpected answer`);
      return {
        openid: ok.data.openid,
        scope: ok.data.scope ?? '',
        ...(ok.data.unionid ? { unionid: ok.data.unionid } : {}),
        isSnapshotUser: ok.data.is_snapshotuser === 1,
      };
    },
  };
}
export type WechatOAuthClient = ReturnType<typeof createWechatOAuthClient>;
