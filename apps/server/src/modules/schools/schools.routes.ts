import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SchoolInput, SchoolListQuery, SchoolListResponse, SchoolUpdate, SchoolView } from '@gradphoto/contracts/console-batches';
import { consoleActor } from './console-request.js';
import { ADMIN, ANY_STAFF } from './school-scope.js';
import type { SchoolsService } from './schools.service.js';

const Id = z.object({ id: z.uuid() });

/** Schools: every staff member lists (a coordinator sees only their own); admins create and edit. */
export const schoolsRoutes: FastifyPluginAsyncZod<{ schools: SchoolsService }> = async (app, { schools }) => {
  const tags = ['console'];
  app.get('/api/console/schools', { schema: { tags, querystring: SchoolListQuery, response: { 200: SchoolListResponse } } }, (request) =>
    schools.list(consoleActor(request, ANY_STAFF), request.query),
  );
  app.get('/api/console/schools/:id', { schema: { tags, params: Id, response: { 200: SchoolView } } }, (request) =>
    schools.get(consoleActor(request, ANY_STAFF), request.params.id),
  );
  app.post('/api/console/schools', { schema: { tags, body: SchoolInput, response: { 200: SchoolView } } }, (request) =>
    schools.create(consoleActor(request, ADMIN), request.body),
  );
  app.put('/api/console/schools/:id', { schema: { tags, params: Id, body: SchoolUpdate, response: { 200: SchoolView } } }, (request) =>
    schools.update(consoleActor(request, ADMIN), request.params.id, request.body),
  );
};
