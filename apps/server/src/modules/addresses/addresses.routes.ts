import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AddressInput, AddressView } from '@gradphoto/contracts/journey';
import { requireStudent } from '../../http/auth-context.js';
import type { AddressesService } from './addresses.service.js';

const Id = z.object({ id: z.uuid() });

export const addressesRoutes: FastifyPluginAsyncZod<{ addresses: AddressesService }> = async (app, { addresses }) => {
  const tags = ['addresses'];
  app.get('/api/addresses', { schema: { tags, response: { 200: z.object({ items: z.array(AddressView) }) } } }, async (request) => ({
    items: await addresses.list(requireStudent(request)),
  }));
  app.post('/api/addresses', { schema: { tags, body: AddressInput, response: { 200: AddressView } } }, (request) =>
    addresses.create(requireStudent(request), request.body),
  );
  app.put('/api/addresses/:id', { schema: { tags, params: Id, body: AddressInput, response: { 200: AddressView } } }, (request) =>
    addresses.update(requireStudent(request), request.params.id, request.body),
  );
  app.delete('/api/addresses/:id', { schema: { tags, params: Id, response: { 200: z.object({ ok: z.literal(true) }) } } }, (request) =>
    addresses.remove(requireStudent(request), request.params.id),
  );
};
