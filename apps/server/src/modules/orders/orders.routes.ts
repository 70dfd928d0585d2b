import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreateOrderRequest, CreateReprintRequest, OrderDetail, OrderView } from '@gradphoto/contracts/journey';
import { requireStudent } from '../../http/auth-context.js';
import type { HomeService } from '../home/home.service.js';
import type { OrdersService } from './orders.service.js';

const OrderNo = z.object({ orderNo: z.string().regex(/^\d{20}$/) });
const Created = z.object({ orderNo: z.string(), amountCents: z.number(), status: z.string() });
const created = (o: { orderNo: string; amountCents: number; status: string }) => ({ orderNo: o.orderNo, amountCents: o.amountCents, status: o.status });

export const ordersRoutes: FastifyPluginAsyncZod<{ orders: OrdersService; home: HomeService }> = async (app, { orders, home }) => {
  const tags = ['orders'];
  app.post('/api/orders', { schema: { tags, body: CreateOrderRequest, response: { 200: Created } } }, async (request) =>
    created(await orders.createForCollection(requireStudent(request), request.body)),
  );
  app.post('/api/orders/reprint', { schema: { tags, body: CreateReprintRequest, response: { 200: Created } } }, async (request) =>
    created(await orders.createReprint(requireStudent(request), request.body)),
  );
  app.get('/api/orders', { schema: { tags, response: { 200: z.object({ items: z.array(OrderView) }) } } }, async (request) => ({
    items: await home.orders(requireStudent(request)),
  }));
  app.get('/api/orders/:orderNo', { schema: { tags, params: OrderNo, response: { 200: OrderDetail } } }, (request) =>
    home.order(requireStudent(request), request.params.orderNo),
  );
  app.post('/api/orders/:orderNo/refund-request', { schema: { tags, params: OrderNo, body: z.object({ reason: z.string().trim().min(2).max(200) }), response: { 200: Created } } }, async (request) =>
    created(await orders.requestRefund(requireStudent(request), request.params.orderNo, request.body.reason)),
  );
  app.post('/api/orders/:orderNo/confirm-delivery', { schema: { tags, params: OrderNo, response: { 200: Created } } }, async (request) =>
    created(await orders.confirmDelivery(requireStudent(request), request.params.orderNo)),
  );
};
