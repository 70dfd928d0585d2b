import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ConsoleOrderDetail, ConsoleOrderListResponse, ConsoleOrderQuery, ConsoleRefundRequest, ConsoleRefundResponse, DeclineRefundRequest } from '@gradphoto/contracts/console-orders';
import { consoleActor } from '../schools/console-request.js';
import { ADMIN } from '../schools/school-scope.js';
import type { ConsoleOrdersService } from './console-orders.service.js';

const Id = z.object({ id: z.uuid() });
/** Reading orders: centre staff (admins and reviewers). School coordinators see progress, not orders. */
const ORDER_READERS = ['admin', 'reviewer'] as const;

/** Orders in the console: search, detail, refunds (admins only), the students' refund requests. */
export const consoleOrdersRoutes: FastifyPluginAsyncZod<{ consoleOrders: ConsoleOrdersService }> = async (app, { consoleOrders }) => {
  const tags = ['console'];
  app.get('/api/console/orders', { schema: { tags, querystring: ConsoleOrderQuery, response: { 200: ConsoleOrderListResponse } } }, (request) =>
    consoleOrders.list(consoleActor(request, ORDER_READERS), request.query),
  );
  app.get('/api/console/orders/:id', { schema: { tags, params: Id, response: { 200: ConsoleOrderDetail } } }, (request) =>
    consoleOrders.get(consoleActor(request, ORDER_READERS), request.params.id),
  );
  app.post('/api/console/orders/:id/refunds', { schema: { tags, params: Id, body: ConsoleRefundRequest, response: { 200: ConsoleRefundResponse } } }, (request) =>
    consoleOrders.refund(consoleActor(request, ADMIN), request.params.id, request.body),
  );
  app.post('/api/console/orders/:id/refund-request/decline', { schema: { tags, params: Id, body: DeclineRefundRequest, response: { 200: ConsoleOrderDetail } } }, (request) =>
    consoleOrders.declineRefundRequest(consoleActor(request, ADMIN), request.params.id, request.body.reason),
  );
};
