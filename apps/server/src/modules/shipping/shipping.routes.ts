import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AddressLabelsQuery, ShipImportResponse, ShipRequest } from '@gradphoto/contracts/console-shipping';
import { consoleActor, sendFile } from '../schools/console-request.js';
import { ADMIN } from '../schools/school-scope.js';
import type { ShippingService } from './shipping.service.js';

const Id = z.object({ id: z.uuid() });
type ReadUpload = (request: FastifyRequest) => Promise<{ bytes: Buffer; filename: string; fields: Record<string, string> }>;

/** Shipping: centre admins only. */
export const shippingRoutes: FastifyPluginAsyncZod<{ shipping: ShippingService; readUpload: ReadUpload }> = async (app, { shipping, readUpload }) => {
  const tags = ['console'];
  app.post(
    '/api/console/orders/:id/ship',
    { schema: { tags, params: Id, body: ShipRequest, response: { 200: z.object({ orderNo: z.string(), status: z.string(), courier: z.string().nullable(), trackingNo: z.string().nullable() }) } } },
    (request) => shipping.ship(consoleActor(request, ADMIN), request.params.id, request.body),
  );
  app.post('/api/console/shipments/import', { schema: { tags, consumes: ['multipart/form-data'], response: { 200: ShipImportResponse } } }, async (request) => {
    const actor = consoleActor(request, ADMIN);
    const { bytes, filename } = await readUpload(request);
    return shipping.importFile(actor, { bytes, filename });
  });
  app.get('/api/console/batches/:id/address-labels.csv', { schema: { tags, params: Id, querystring: AddressLabelsQuery } }, async (request, reply) =>
    sendFile(reply, await shipping.labels(consoleActor(request, ADMIN), request.params.id, request.query.status)),
  );
};
