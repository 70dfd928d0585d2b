import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { PAY_METHODS, StartJsapiPaymentResponse } from '@gradphoto/contracts/payments';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStudent } from '../../http/auth-context.js';
import type { NotifyReply } from './notify-reply.js';
import type { PaymentsService } from './payments.service.js';
import type { RefundsService } from './refunds.service.js';
import { OAUTH_CALLBACK_PATH, type WechatOAuthService } from './wechat-oauth.service.js';

export const StartPaymentRequest = z.object({ returnUrl: z.string().max(512).optional() }).nullish();
/** `method`: 微信支付 (H5) or 支付宝 (手机网站支付); the centre's first method when absent. */
const StartH5PaymentRequest = z.object({ returnUrl: z.string().max(512).optional(), method: z.enum(PAY_METHODS).optional() }).nullish();
export const StartPaymentResponse = z.object({ payUrl: z.string() });
export const PaymentStatusResponse = z.object({ status: z.string() });
const OrderNoParams = z.object({ orderNo: z.string().regex(/^\d{20}$/) });
const OAuthCallbackQuery = z.object({ code: z.string().max(512).optional(), state: z.string().max(256).optional() });

/** This request's origin (scheme and host; behind a proxy, TRUST_PROXY makes them the client's). */
const requestOrigin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/** Provider callbacks: CSRF-exempt (they carry signatures), with the raw body kept for verification. */
const notifyRoutes: FastifyPluginAsync<{ payments: PaymentsService; refunds: RefundsService }> = async (app, { payments, refunds }) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  const raw = (body: unknown) => (typeof body === 'string' ? body : '');
  const send = (reply: FastifyReply, r: NotifyReply) => reply.status(r.status).send(r.body);
  const options = { config: { csrf: false as const }, schema: { hide: true } };

  app.post('/api/payments/wechat/notify', options, async (request, reply) => send(reply, await payments.handleWechatNotify(request.headers, raw(request.body))));
  app.post('/api/payments/wechat/refund-notify', options, async (request, reply) => send(reply, await refunds.handleRefundNotify(request.headers, raw(request.body))));
  // Alipay posts a form (application/x-www-form-urlencoded) and stops re-sending on the text `success`
  app.post('/api/payments/alipay/notify', options, async (request, reply) => {
    const r = await payments.handleAlipayNotify(Object.fromEntries(new URLSearchParams(raw(request.body))));
    return reply.status(r.status).type('text/plain; charset=utf-8').send(r.body);
  });
};

export const paymentsRoutes: FastifyPluginAsyncZod<{ payments: PaymentsService; refunds: RefundsService; wechatOAuth: WechatOAuthService }> = async (
  app,
  { payments, refunds, wechatOAuth },
) => {
  const tags = ['payments'];

  app.post(
    '/api/orders/:orderNo/pay',
    { schema: { tags, params: OrderNoParams, body: StartH5PaymentRequest, response: { 200: StartPaymentResponse } } },
    async (request) =>
      payments.startPayment(requireStudent(request), request.params.orderNo, {
        returnUrl: request.body?.returnUrl,
        clientIp: request.ip,
        origin: requestOrigin(request),
        ...(request.body?.method ? { method: request.body.method } : {}),
      }),
  );

  // inside WeChat's browser: JSAPI (authorising first when the payer's openid is not known yet)
  app.post(
    '/api/orders/:orderNo/pay/jsapi',
    { schema: { tags, params: OrderNoParams, body: StartPaymentRequest, response: { 200: StartJsapiPaymentResponse } } },
    async (request) =>
      payments.startJsapiPayment(requireStudent(request), request.params.orderNo, {
        sessionId: request.auth.session!.id,
        origin: requestOrigin(request),
        returnUrl: request.body?.returnUrl,
      }),
  );

  // WeChat sends the browser here after authorisation (a top-level GET): on to the order page, always
  app.get(
    OAUTH_CALLBACK_PATH,
    { schema: { tags, querystring: OAuthCallbackQuery, description: 'WeChat web authorisation (snsapi_base) callback: stores the openid, redirects back' } },
    async (request, reply) => {
      const session = request.auth.session?.subjectType === 'student' ? request.auth.session : null;
      const to = await wechatOAuth.completeAuthorization({ sessionId: session?.id ?? null, studentId: session?.subjectId ?? null, ...request.query });
      return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').redirect(to, 302);
    },
  );

  app.post(
    '/api/orders/:orderNo/pay/check',
    { schema: { tags, params: OrderNoParams, response: { 200: PaymentStatusResponse } } },
    async (request) => ({ status: (await payments.checkPayment(requireStudent(request), request.params.orderNo)).status }),
  );

  await app.register(notifyRoutes, { payments, refunds });
};
