import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BatchCreate, BatchListQuery, BatchListResponse, BatchOptionsResponse, BatchUpdate, BatchView } from '@gradphoto/contracts/console-batches';
import { consoleActor } from '../schools/console-request.js';
import { ADMIN, ANY_STAFF } from '../schools/school-scope.js';
import type { BatchesService } from './batches.service.js';

const Id = z.object({ id: z.uuid() });

/** Batches: every staff member lists (a coordinator only their school's); admins create and edit. */
export const batchesRoutes: FastifyPluginAsyncZod<{ batches: BatchesService }> = async (app, { batches }) => {
  const tags = ['console'];
  app.get('/api/console/batch-options', { schema: { tags, response: { 200: BatchOptionsResponse } } }, (request) => {
    consoleActor(request, ADMIN);
    return batches.options();
  });
  app.get('/api/console/batches', { schema: { tags, querystring: BatchListQuery, response: { 200: BatchListResponse } } }, (request) =>
    batches.list(consoleActor(request, ANY_STAFF), request.query),
  );
  app.get('/api/console/batches/:id', { schema: { tags, params: Id, response: { 200: BatchView } } }, (request) =>
    batches.get(consoleActor(request, ANY_STAFF), request.params.id),
  );
  app.post('/api/console/batches', { schema: { tags, body: BatchCreate, response: { 200: BatchView } } }, (request) =>
    batches.create(consoleActor(request, ADMIN), request.body),
  );
  app.put('/api/console/batches/:id', { schema: { tags, params: Id, body: BatchUpdate, response: { 200: BatchView } } }, (request) =>
    batches.update(consoleActor(request, ADMIN), request.params.id, request.body),
  );
};
