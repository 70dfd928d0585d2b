import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { AlipaySandbox } from './alipay-sandbox.js';
import type { PageResult } from './wechat-sandbox.js';

/**
 * Mounts the local Alipay under `/sandbox/alipay/`: `gateway.do` (GET: the 手机网站支付 page request;
 * POST: the APIs, a signed form), the cashier and its form posts. Only registered with the sandbox.
 */
export const alipaySandboxRoutes: FastifyPluginAsync<{ sandbox: AlipaySandbox }> = async (app, { sandbox }) => {
  const { prefix } = sandbox;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  // notifications to this app's own URLs go in-process, like the WeChat sandbox's
  sandbox.useLocalDelivery(async (url, req) => {
    const u = new URL(url);
    const res = await app.inject({ method: 'POST', url: u.pathname + u.search, headers: req.headers, payload: req.body });
    return { status: res.statusCode, body: res.body };
  });
  app.addHook('onClose', async () => sandbox.close());

  const page = (reply: FastifyReply, r: PageResult) => {
    void reply.header('cache-control', 'no-store');
    if (r.redirect) return reply.redirect(r.redirect, r.status);
    return reply.status(r.status).type('text/html; charset=utf-8').send(r.html);
  };
  const fields = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, string>) : {});
  const options = { schema: { hide: true } };

  app.get(`${prefix}/gateway.do`, options, async (request, reply) => page(reply, sandbox.page(fields(request.query))));
  app.post(`${prefix}/gateway.do`, options, async (request, reply) =>
    reply.type('text/html;charset=utf-8').send(sandbox.handleApi({ ...fields(request.query), ...fields(request.body) })),
  );
  app.get(`${prefix}/cashier`, options, async (request, reply) => page(reply, sandbox.cashier(fields(request.query), request.headers['accept-language'])));
  app.post(`${prefix}/cashier/pay`, options, async (request, reply) => page(reply, await sandbox.pay(fields(request.body))));
  app.post(`${prefix}/cashier/cancel`, options, async (request, reply) => page(reply, sandbox.cancel(fields(request.body))));
};
