import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Deliver } from './sandbox-notification.js';
import type { PageResult } from './wechat-sandbox.js';

/**
 * What the sandboxes' route plugins share (inside their own encapsulated plugin): bodies stay raw strings,
 * so signatures are checked on the bytes sent, and form posts become objects; notifications to this app's
 * own URLs go in-process (no socket, no TLS trust needed in development); the sandbox stops with the app.
 */
export function setUpSandboxPlugin(app: FastifyInstance, sandbox: { useLocalDelivery(local: Deliver): void; close(): void }): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  sandbox.useLocalDelivery(async (url, req) => {
    const u = new URL(url);
    const res = await app.inject({ method: 'POST', url: u.pathname + u.search, headers: req.headers, payload: req.body });
    return { status: res.statusCode, body: res.body };
  });
  app.addHook('onClose', async () => sandbox.close());
}

/** A sandbox page: HTML, or a redirect; never cached. */
export function sendPage(reply: FastifyReply, r: PageResult) {
  void reply.header('cache-control', 'no-store');
  if (r.setCookie) void reply.header('set-cookie', r.setCookie);
  if (r.redirect) return reply.redirect(r.redirect, r.status);
  return reply.status(r.status).type('text/html; charset=utf-8').send(r.html);
}

/** A request body or query as string fields. */
export const fieldsOf = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, string>) : {});
