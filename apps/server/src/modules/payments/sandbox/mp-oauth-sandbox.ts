import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { randomNonce } from '../../../adapters/wechatpay/crypto.js';
import { esc, layout } from './cashier-page.js';

/**
 * The sandbox's WeChat official account (公众号) web authorisation, standing in for
 * `open.weixin.qq.com/connect/oauth2/authorize` and `api.weixin.qq.com/sns/oauth2/access_token`:
 *
 * - the authorize page checks its parameters like WeChat (appid, redirect_uri on the authorised domain,
 *   response_type=code, scope, state of letters and digits), shows a 确认授权 sheet, and sends the browser
 *   to `redirect_uri?code=CODE&state=STATE`;
 * - codes work once and expire after 5 minutes;
 * - the exchange answers `{ access_token, expires_in, refresh_token, openid, scope }`, or — with HTTP 200, as
 *   WeChat does — `{ errcode, errmsg: '… , rid: …' }` (40013 appid, 40125 secret, 40029 code, 40163 used code …).
 *
 * Who is "the WeChat user" is a sandbox cookie on the browser; their openid is stable per appid and
 * verifiable (`isOpenid`), so the sandbox's JSAPI order can refuse an openid it never issued.
 */

export const MP_SANDBOX_PREFIX = '/sandbox/wechat-mp';
/** The sandbox WeChat user's id (a browser cookie, scoped to /sandbox). */
export const SANDBOX_USER_COOKIE = 'gp_sandbox_wx_user';
const CODE_TTL_MS = 5 * 60_000;
const SCOPES = new Set(['snsapi_base', 'snsapi_userinfo']);

export interface MpOAuthSandboxOptions {
  appid: string;
  secret: string;
  /** Key of the openids' MAC (derived from the sandbox keys, so openids survive a restart). */
  openidKey: Buffer;
  /** The official account's name on the consent sheet (the centre). */
  accountName: string;
  prefix: string;
  /** The app's public origin: redirect_uri may point there (the 网页授权域名). */
  publicOrigin: string | null;
  now: () => Date;
}

export interface OAuthPage {
  status: number;
  html?: string;
  redirect?: string;
  /** A `Set-Cookie` value (the sandbox WeChat user). */
  setCookie?: string;
}

interface IssuedCode {
  appid: string;
  openid: string;
  scope: string;
  expiresAt: number;
  used: boolean;
}

type Query = Record<string, string | undefined>;

const rid = () => `${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`;
const wxError = (errcode: number, errmsg: string) => ({ errcode, errmsg: `${errmsg}, rid: ${rid()}` });

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

export function createMpOAuthSandbox(o: MpOAuthSandboxOptions) {
  const codes = new Map<string, IssuedCode>();

  const mac = (appid: string, user: Buffer) => createHmac('sha256', o.openidKey).update(appid).update('|').update(user).digest().subarray(0, 8);

  /** openid = 'o' + base64url(user id (12 bytes) ‖ MAC(appid, user id) (8 bytes)): 28 characters, like WeChat's. */
  function openidFor(userId: string, appid = o.appid): string {
    const user = Buffer.from(userId, 'base64url');
    return `o${Buffer.concat([user, mac(appid, user)]).toString('base64url')}`;
  }

  function isOpenid(appid: string, openid: string): boolean {
    if (!/^o[A-Za-z0-9_-]{27}$/.test(openid)) return false;
    const raw = Buffer.from(openid.slice(1), 'base64url');
    if (raw.length !== 20) return false;
    return timingSafeEqual(raw.subarray(12), mac(appid, raw.subarray(0, 12)));
  }

  /** The sandbox WeChat user of this browser: from its cookie, or a new one (with the cookie to set). */
  function user(cookieHeader: string | undefined): { userId: string; setCookie?: string } {
    const existing = readCookie(cookieHeader, SANDBOX_USER_COOKIE);
    if (existing && /^[A-Za-z0-9_-]{16}$/.test(existing)) return { userId: existing };
    const userId = randomBytes(12).toString('base64url');
    return { userId, setCookie: `${SANDBOX_USER_COOKIE}=${userId}; Path=/sandbox; HttpOnly; SameSite=Lax; Max-Age=31536000` };
  }

  /** The openid of this browser's sandbox WeChat user, when it has one (for the JSAPI payer check). */
  function currentOpenid(cookieHeader: string | undefined, appid = o.appid): string | null {
    const existing = readCookie(cookieHeader, SANDBOX_USER_COOKIE);
    return existing && /^[A-Za-z0-9_-]{16}$/.test(existing) ? openidFor(existing, appid) : null;
  }

  function hostAllowed(redirect: URL, requestHost: string | undefined): boolean {
    const hosts = new Set<string>();
    if (o.publicOrigin) hosts.add(new URL(o.publicOrigin).hostname);
    if (requestHost) hosts.add(requestHost.replace(/:\d+$/, '').replace(/^\[|\]$/g, ''));
    return hosts.has(redirect.hostname.replace(/^\[|\]$/g, ''));
  }

  /** WeChat's checks of an authorize link; the error page it would show, or the parsed redirect. */
  function check(q: Query, requestHost: string | undefined): { ok: true; redirect: URL; scope: string; state: string } | { ok: false; page: OAuthPage } {
    const bad = (code: number, zh: string, en: string): { ok: false; page: OAuthPage } => ({ ok: false, page: errorPage(code, zh, en) });
    if (!q.appid) return bad(10012, 'appid 参数不能为空', 'appid is missing');
    if (q.appid !== o.appid) return bad(10002, '参数错误：appid 无效', 'Unknown appid');
    if (!q.redirect_uri) return bad(10011, 'redirect_uri 参数不能为空', 'redirect_uri is missing');
    let redirect: URL;
    try {
      redirect = new URL(q.redirect_uri);
    } catch {
      return bad(10003, 'redirect_uri 参数错误', 'redirect_uri must be an absolute URL');
    }
    if (!['http:', 'https:'].includes(redirect.protocol) || !hostAllowed(redirect, requestHost)) {
      return bad(10003, 'redirect_uri 域名与后台配置不一致', 'redirect_uri is not on the authorised domain');
    }
    if (q.response_type !== 'code') return bad(10002, '参数错误：response_type', 'response_type must be code');
    if (!q.scope) return bad(10010, 'scope 参数不能为空', 'scope is missing');
    if (!SCOPES.has(q.scope)) return bad(10005, '此公众号并没有这些 scope 的权限', 'This account has no such scope');
    const state = q.state ?? '';
    if (state && !/^[A-Za-z0-9]{1,128}$/.test(state)) return bad(10002, '参数错误：state 只能是字母和数字，最多128字节', 'state: letters and digits only, at most 128');
    return { ok: true, redirect, scope: q.scope, state };
  }

  function back(redirect: URL, params: Record<string, string>): string {
    for (const [k, v] of Object.entries(params)) redirect.searchParams.set(k, v);
    return redirect.toString();
  }

  /** Issues a single-use code for an openid (the authorize sheet's 确认授权; tests may call it directly). */
  function issueCode(openid: string, scope = 'snsapi_base', appid = o.appid): string {
    const t = o.now().getTime();
    for (const [c, v] of codes) if (v.expiresAt <= t - CODE_TTL_MS) codes.delete(c);
    const code = randomNonce(32);
    codes.set(code, { appid, openid, scope, expiresAt: t + CODE_TTL_MS, used: false });
    return code;
  }

  return {
    appid: o.appid,
    openidFor,
    isOpenid,
    currentOpenid,
    issueCode,

    /** `GET …/connect/oauth2/authorize`: the 确认授权 sheet (the `#wechat_redirect` fragment never reaches a server). */
    authorizePage(q: Query, req: { cookie?: string; host?: string }): OAuthPage {
      const c = check(q, req.host);
      if (!c.ok) return c.page;
      const u = user(req.cookie);
      const hidden = ['appid', 'redirect_uri', 'response_type', 'scope', 'state']
        .map((k) => `<input type="hidden" name="${k}" value="${esc(q[k] ?? '')}">`)
        .join('');
      const action = `${o.prefix}/connect/oauth2/authorize`;
      const html = layout(
        '微信授权',
        `<div class="avatar" aria-hidden="true">${esc(o.accountName.slice(0, 1))}</div>
<div class="merchant" data-testid="oauth-account">${esc(o.accountName)}</div>
<div class="desc">申请获得以下权限<br>Requests the following</div>
<ul class="scopes"><li>获得你的公开身份标识（openid），用于微信支付<br><small>Your public WeChat identifier (openid), for WeChat Pay</small></li></ul>
<dl><div><dt>沙箱微信用户 Sandbox user</dt><dd data-testid="oauth-openid">${esc(openidFor(u.userId))}</dd></div><div><dt>授权方式 Scope</dt><dd>${esc(c.scope)}</dd></div></dl>
<form method="post" action="${action}/confirm">${hidden}<button class="pay" type="submit" data-testid="oauth-confirm">确认授权</button></form>
<form method="post" action="${action}/deny">${hidden}<button class="cancel" type="submit" data-testid="oauth-deny">拒绝</button></form>`,
        {
          header: '微信授权',
          style: '.avatar{width:64px;height:64px;border-radius:50%;background:#07c160;color:#fff;font-size:30px;font-weight:600;display:flex;align-items:center;justify-content:center;margin-bottom:12px}.scopes{width:100%;padding:0 0 0 18px;margin:0 0 20px;font-size:15px;line-height:1.6}.scopes small{color:#888}',
          footerHtml: '沙箱环境：模拟微信公众号网页授权<br>Sandbox: simulated WeChat official-account authorisation',
        },
      );
      return { status: 200, html, ...(u.setCookie ? { setCookie: u.setCookie } : {}) };
    },

    /** 确认授权: a fresh single-use code, and back to redirect_uri with it and the state. */
    confirm(form: Query, req: { cookie?: string; host?: string }): OAuthPage {
      const c = check(form, req.host);
      if (!c.ok) return c.page;
      const u = user(req.cookie);
      const code = issueCode(openidFor(u.userId), c.scope);
      return { status: 302, redirect: back(c.redirect, { code, ...(c.state ? { state: c.state } : {}) }), ...(u.setCookie ? { setCookie: u.setCookie } : {}) };
    },

    /** 拒绝: back without a code (what WeChat does when a user refuses an snsapi_userinfo request). */
    deny(form: Query, req: { host?: string }): OAuthPage {
      const c = check(form, req.host);
      if (!c.ok) return c.page;
      return { status: 302, redirect: back(c.redirect, c.state ? { state: c.state } : {}) };
    },

    /** `GET …/sns/oauth2/access_token`: always HTTP 200, `{ errcode, errmsg }` when something is wrong. */
    accessToken(q: Query): Record<string, unknown> {
      if (!q.appid) return wxError(41002, 'appid missing');
      if (q.appid !== o.appid) return wxError(40013, 'invalid appid');
      if (!q.secret) return wxError(41004, 'appsecret missing');
      const given = Buffer.from(q.secret);
      const want = Buffer.from(o.secret);
      if (given.length !== want.length || !timingSafeEqual(given, want)) return wxError(40125, 'invalid appsecret');
      if (q.grant_type !== 'authorization_code') return wxError(40002, 'invalid grant_type');
      if (!q.code) return wxError(41008, 'missing code');
      const issued = codes.get(q.code);
      if (!issued || issued.appid !== q.appid || issued.expiresAt <= o.now().getTime()) return wxError(40029, 'invalid code');
      if (issued.used) return wxError(40163, 'code been used');
      issued.used = true;
      return {
        access_token: randomNonce(64),
        expires_in: 7200,
        refresh_token: randomNonce(64),
        openid: issued.openid,
        scope: issued.scope,
      };
    },
  };
}
export type MpOAuthSandbox = ReturnType<typeof createMpOAuthSandbox>;

function errorPage(code: number, zh: string, en: string): OAuthPage {
  return {
    status: 400,
    html: layout(
      '微信授权',
      `<div class="state bad">授权失败 / Authorisation failed</div><div class="desc" data-testid="oauth-error">${esc(zh)}<br>${esc(en)}<br>错误码 ${code}</div>`,
      { header: '微信授权', footerHtml: '沙箱环境：模拟微信公众号网页授权<br>Sandbox: simulated WeChat official-account authorisation' },
    ),
  };
}
