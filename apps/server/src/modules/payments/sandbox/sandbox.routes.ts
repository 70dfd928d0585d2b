import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { fieldsOf as form, sendPage as page, setUpSandboxPlugin } from './sandbox-plugin.js';
import type { JsapiPayRequest, WechatSandbox } from './wechat-sandbox.js';

/**
 * Mounts the WeChat Pay sandbox under `/sandbox/wechatpay/`: the v3 API (raw bodies, so signatures
 * can be checked), the cashier page and its form posts, the WeixinJSBridge stand-in and its JSAPI
 * payment calls; and the official account's OAuth counterpart under `/sandbox/wechat-mp/` (authorize
 * sheet, code exchange). Only registered when PAYMENT_PROVIDER=sandbox.
 */
export const wechatSandboxRoutes: FastifyPluginAsync<{ sandbox: WechatSandbox }> = async (app, { sandbox }) => {
  const { prefix } = sandbox;

  setUpSandboxPlugin(app, sandbox);

  app.route({
    method: ['GET', 'POST'],
    url: `${prefix}/v3/*`,
    schema: { hide: true },
    handler: async (request, reply) => {
      const res = sandbox.handleApi({ method: request.method, url: request.url, headers: request.headers, body: typeof request.body === 'string' ? request.body : '' });
      return reply.status(res.status).headers(res.headers).send(res.body === '' ? undefined : res.body);
    },
  });


  app.get(`${prefix}/cashier`, { schema: { hide: true } }, async (request, reply) => page(reply, sandbox.cashier(request.query as Record<string, string>)));
  app.post(`${prefix}/cashier/confirm`, { schema: { hide: true } }, async (request, reply) => page(reply, await sandbox.confirm(form(request.body))));
  app.post(`${prefix}/cashier/cancel`, { schema: { hide: true } }, async (request, reply) => page(reply, sandbox.cancel(form(request.body))));

  // ── JSAPI: the WeixinJSBridge stand-in and what it calls ──
  app.get(`${prefix}/jsbridge.js`, { schema: { hide: true } }, async (_request, reply) =>
    reply.header('cache-control', 'no-store').type('text/javascript; charset=utf-8').send(sandbox.bridgeScript()),
  );
  app.get(`${prefix}/jsapi/prepay`, { schema: { hide: true } }, async (request, reply) => {
    const r = sandbox.jsapiInfo(String((request.query as Record<string, unknown>).package ?? ''));
    return reply.status(r.status).header('cache-control', 'no-store').send(r.body);
  });
  app.post(`${prefix}/jsapi/pay`, { schema: { hide: true } }, async (request, reply) => {
    let params: unknown;
    try {
      params = JSON.parse(typeof request.body === 'string' ? request.body : '');
    } catch {
      params = null;
    }
    const body = params && typeof params === 'object' ? (params as JsapiPayRequest) : {};
    return reply.header('cache-control', 'no-store').send(await sandbox.jsapiPay(body, { cookie: request.headers.cookie }));
  });

  // ── the official account's web authorisation (open.weixin.qq.com / api.weixin.qq.com) ──
  const mp = sandbox.mpPrefix;
  const query = form;
  const who = (request: FastifyRequest) => ({ cookie: request.headers.cookie, host: request.hostname });
  app.get(`${mp}/connect/oauth2/authorize`, { schema: { hide: true } }, async (request, reply) => page(reply, sandbox.mp.authorizePage(query(request.query), who(request))));
  app.post(`${mp}/connect/oauth2/authorize/confirm`, { schema: { hide: true } }, async (request, reply) => page(reply, sandbox.mp.confirm(form(request.body), who(request))));
  app.post(`${mp}/connect/oauth2/authorize/deny`, { schema: { hide: true } }, async (request, reply) => page(reply, sandbox.mp.deny(form(request.body), who(request))));
  app.get(`${mp}/sns/oauth2/access_token`, { schema: { hide: true } }, async (request, reply) =>
    reply.header('cache-control', 'no-store').send(sandbox.mp.accessToken(query(request.query))),
  );
};
