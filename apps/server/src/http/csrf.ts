import { createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { CsrfResponse } from '@gradphoto/contracts/accounts';
import { bilingual as m, DomainError } from '../errors.js';
import { randomToken, safeEqual } from '../lib/tokens.js';

export const CSRF_COOKIE = 'gp_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Provider callbacks (payment/SMS notifications) verify signatures instead of CSRF tokens. */
    csrf?: false;
  }
}

/**
 * Signed double-submit CSRF protection: an httpOnly random seed cookie, and a header token that is
 * the HMAC of that seed. A cross-site page can neither read the token nor forge it.
 */
export function registerCsrf(app: FastifyInstance, opts: { secret: string; secureCookie: boolean }): void {
  const sign = (seed: string) => createHmac('sha256', opts.secret).update(`csrf:${seed}`).digest('base64url');

  app.addHook('onRequest', async (request) => {
    if (!UNSAFE.has(request.method) || request.routeOptions.config.csrf === false) return;
    if (!request.url.startsWith('/api/')) return;
    const seed = request.cookies[CSRF_COOKIE];
    const header = request.headers[CSRF_HEADER];
    if (!seed || typeof header !== 'string' || !safeEqual(sign(seed), header)) {
      throw new DomainError('forbidden', 'CSRF', m('页面已过期，请刷新后重试', 'The page has expired; please reload and try again'));
    }
  });

  app.get('/api/csrf', { schema: { response: { 200: CsrfResponse }, hide: true } }, async (request, reply) => {
    let seed = request.cookies[CSRF_COOKIE];
    if (!seed) {
      seed = randomToken(24);
      void reply.setCookie(CSRF_COOKIE, seed, { path: '/', httpOnly: true, sameSite: 'lax', secure: opts.secureCookie });
    }
    return { token: sign(seed) };
  });
}
