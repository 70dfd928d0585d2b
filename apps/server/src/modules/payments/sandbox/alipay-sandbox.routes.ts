import type { FastifyPluginAsync } from 'fastify';
import type { AlipaySandbox } from './alipay-sandbox.js';
import { fieldsOf as fields, sendPage as page, setUpSandboxPlugin } from './sandbox-plugin.js';

/**
 * Mounts the local Alipay under `/sandbox/alipay/`: `gateway.do` (GET: the 手机网站支付 page request;
 * POST: the APIs, a signed form), the cashier and its form posts. Only registered with the sandbox.
 */
export const alipaySandboxRoutes: FastifyPluginAsync<{ sandbox: AlipaySandbox }> = async (app, { sandbox }) => {
  const { prefix } = sandbox;
  setUpSandboxPlugin(app, sandbox);
  const options = { schema: { hide: true } };

  app.get(`${prefix}/gateway.do`, options, async (request, reply) => page(reply, sandbox.page(fields(request.query))));
  app.post(`${prefix}/gateway.do`, options, async (request, reply) =>
    reply.type('text/html;charset=utf-8').send(sandbox.handleApi({ ...fields(request.query), ...fields(request.body) })),
  );
  app.get(`${prefix}/cashier`, options, async (request, reply) => page(reply, sandbox.cashier(fields(request.query), request.headers['accept-language'])));
  app.post(`${prefix}/cashier/pay`, options, async (request, reply) => page(reply, await sandbox.pay(fields(request.body))));
  app.post(`${prefix}/cashier/cancel`, options, async (request, reply) => page(reply, sandbox.cancel(fields(request.body))));
};
