import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStudent } from '../../http/auth-context.js';
import type { NotifyReply } from './notify-reply.js';
import type { PaymentsService } from './payments.service.js';
import type { RefundsService } from './refunds.service.js';

export const StartPaymentRequest = z.object({ returnUrl: z.string().max(512).optional() }).nullish();
export const StartPaymentResponse = z.object({ payUrl: z.string() });
export const PaymentStatusResponse = z.object({ status: z.string() });
const OrderNoParams = z.object({ orderNo: z.string().regex(/^\d{20}$/) });

/** Provider callbacks: CSRF-exempt (they carry signatures), with the raw body kept for verification. */
const notifyRoutes: FastifyPluginAsync<{ payments: PaymentsService; refunds: RefundsService }> = async (app, { payments, refunds }) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  const raw = (body: unknown) => (typeof body === 'string' ? body : '');
  const send = (reply: FastifyReply, r: NotifyReply) => reply.status(r.status).send(r.body);
  const options = { config: { csrf: false as const }, schema: { hide: true } };

  app.post('/api/payments/wechat/notify', options, async (request, reply) => send(reply, await payments.handleWechatNotify(request.headers, raw(request.body))));
  app.post('/api/payments/wechat/refund-notify', options, async (request, reply) => send(reply, await refunds.handleRefundNotify(request.headers, raw(request.body))));
};

export const paymentsRoutes: FastifyPluginAsyncZod<{ payments: PaymentsService; refunds: RefundsService }> = async (app, { payments, refunds }) => {
  const tags = ['payments'];

  app.post(
    '/api/orders/:orderNo/pay',
    { schema: { tags, params: OrderNoParams, body: StartPaymentRequest, response: { 200: StartPaymentResponse } } },
    async (request) => payments.startPayment(requireStudent(request), request.params.orderNo, { returnUrl: request.body?.returnUrl, clientIp: request.ip }),
  );

  app.post(
    '/api/orders/:orderNo/pay/check',
    { schema: { tags, params: OrderNoParams, response: { 200: PaymentStatusResponse } } },
    async (request) => ({ status: (await payments.checkPayment(requireStudent(request), request.params.orderNo)).status }),
  );

  await app.register(notifyRoutes, { payments, refunds });
};
