import { createHmac, randomBytes } from 'node:crypto';
import { WECHAT_AUTH_PARAM, type WechatAuthOutcome } from '@gradphoto/contracts/payments';
import { WechatOAuthError, type WechatOAuthClient } from '../../adapters/wechat-oauth/wechat-oauth.js';
import { safeEqual } from '../../lib/tokens.js';
import { consoleLogger, type Logger } from './notify-reply.js';
import type { WechatOAuthRepo } from './wechat-oauth.repo.js';

export const OAUTH_CALLBACK_PATH = '/api/payments/wechat/oauth/callback';
const STATE_TTL_MS = 10 * 60_000;
/** nonce (16 bytes) ‖ expiry (unix seconds, 8 hex) ‖ HMAC (16 bytes): 72 hex digits, within WeChat's 128 alphanumerics. */
const STATE_FORMAT = /^([0-9a-f]{32})([0-9a-f]{8})([0-9a-f]{32})$/;

export interface WechatOAuthDeps {
  repo: WechatOAuthRepo;
  /** The official account's OAuth (null: not configured, JSAPI payment unavailable). */
  oauth: Pick<WechatOAuthClient, 'appid' | 'authorizeUrl' | 'exchangeCode'> | null;
  /** Signs the states (the session secret). */
  secret: string;
  /** The app's public base URL; the callback URL is built on it when set, else on the request's origin. */
  publicUrl?: string;
  now?: () => Date;
  logger?: Logger;
}

/**
 * The payer's openid through WeChat web authorisation (snsapi_base). The `state` is the CSRF guard of
 * this OAuth round trip: random, bound to the session by an HMAC, expiring after 10 minutes, and
 * recorded so the callback can consume it once. The openid is kept per student and appid.
 */
export function createWechatOAuthService(deps: WechatOAuthDeps) {
  const now = deps.now ?? (() => new Date());
  const log = deps.logger ?? consoleLogger;
  const mac = (nonce: string, expHex: string, sessionId: string) =>
    createHmac('sha256', deps.secret).update(`wechat-oauth-state|${nonce}|${expHex}|${sessionId}`).digest('hex').slice(0, 32);

  /** `path` with `wxauth=<outcome>` added (the path is one of ours: checked when the state was made). */
  function back(path: string, outcome: WechatAuthOutcome): string {
    const u = new URL(path, 'http://app.invalid');
    u.searchParams.set(WECHAT_AUTH_PARAM, outcome);
    return `${u.pathname}${u.search}${u.hash}`;
  }

  return {
    get available(): boolean {
      return deps.oauth !== null;
    },
    /** The official account's appid (the JSAPI order's appid), or null. */
    appid: (): string | null => deps.oauth?.appid ?? null,

    openidFor: async (studentId: string): Promise<string | null> => (deps.oauth ? deps.repo.openid(studentId, deps.oauth.appid) : null),

    /** Drops a stored openid the provider refused (e.g. it belongs to another appid): the next payment authorises again. */
    async forgetOpenid(studentId: string): Promise<void> {
      if (deps.oauth) await deps.repo.deleteOpenid(studentId, deps.oauth.appid);
    },

    /** A fresh state for this session, and the WeChat link to send the browser to. */
    async beginAuthorization(input: { sessionId: string; returnPath: string; origin: string }): Promise<string> {
      if (!deps.oauth) throw new Error('WeChat OAuth is not configured');
      const nonce = randomBytes(16).toString('hex');
      const expiresAt = new Date(now().getTime() + STATE_TTL_MS);
      const expHex = Math.floor(expiresAt.getTime() / 1000)
        .toString(16)
        .padStart(8, '0');
      await deps.repo.insertState({ nonce, sessionId: input.sessionId, returnPath: input.returnPath, expiresAt }, now());
      const origin = deps.publicUrl ? new URL(deps.publicUrl).origin : input.origin;
      return deps.oauth.authorizeUrl(`${origin}${OAUTH_CALLBACK_PATH}`, `${nonce}${expHex}${mac(nonce, expHex, input.sessionId)}`);
    },

    /**
     * The callback: checks the state (format, HMAC for this session, expiry, first use), exchanges the
     * code and stores the openid. Always answers where to send the browser: the order page it came from,
     * with `wxauth=ok` or the reason it failed (`/` when the state is not ours at all).
     */
    async completeAuthorization(input: { sessionId: string | null; studentId: string | null; code?: string; state?: string }): Promise<string> {
      const m = STATE_FORMAT.exec(input.state ?? '');
      if (!m || !input.sessionId || !input.studentId || !deps.oauth) {
        log.warn({ hasSession: Boolean(input.sessionId), wellFormed: Boolean(m) }, 'oauth callback without a usable state or session');
        return back('/', 'state');
      }
      const [, nonce, expHex, signature] = m as unknown as [string, string, string, string];
      if (!safeEqual(signature, mac(nonce, expHex, input.sessionId))) {
        log.warn({}, 'oauth state forged or from another session');
        return back('/', 'state');
      }
      const t = now();
      const consumed = await deps.repo.consumeState(nonce, input.sessionId, t);
      if (!consumed) {
        const row = await deps.repo.state(nonce);
        const returnPath = row?.sessionId === input.sessionId ? row.returnPath : '/';
        const expired = parseInt(expHex, 16) * 1000 <= t.getTime() || (row !== undefined && row.expiresAt <= t);
        log.warn({ replayed: Boolean(row?.usedAt), expired }, 'oauth state not usable');
        return back(returnPath, row?.usedAt ? 'state' : expired ? 'expired' : 'state');
      }
      const returnPath = consumed.returnPath;
      if (!input.code) return back(returnPath, 'denied');
      let identity;
      try {
        identity = await deps.oauth.exchangeCode(input.code);
      } catch (err) {
        if (err instanceof WechatOAuthError && err.badCode) {
          log.warn({ errcode: err.errcode }, 'oauth code refused');
          return back(returnPath, 'code');
        }
        log.error({ errcode: err instanceof WechatOAuthError ? err.errcode : undefined, err: (err as Error).message }, 'oauth code exchange failed');
        return back(returnPath, 'unavailable');
      }
      if (identity.isSnapshotUser) return back(returnPath, 'snapshot');
      await deps.repo.saveOpenid(input.studentId, deps.oauth.appid, identity.openid, t);
      return back(returnPath, 'ok');
    },
  };
}
export type WechatOAuthService = ReturnType<typeof createWechatOAuthService>;
