import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreatePrintRunRequest, PrintCandidatesResponse, PrintRunDetail, PrintRunListQuery, PrintRunListResponse, PrintRunView } from '@gradphoto/contracts/console-shipping';
import { consoleActor } from '../schools/console-request.js';
import { ADMIN } from '../schools/school-scope.js';
import type { PrintsService } from './prints.service.js';
import { sendStream } from './stream-file.js';

const Id = z.object({ id: z.uuid() });

/** Print runs: centre admins only (reviewers read orders; coordinators see progress). */
export const printsRoutes: FastifyPluginAsyncZod<{ prints: PrintsService }> = async (app, { prints }) => {
  const tags = ['console'];
  app.get('/api/console/batches/:id/print-candidates', { schema: { tags, params: Id, response: { 200: PrintCandidatesResponse } } }, (request) =>
    prints.candidates(consoleActor(request, ADMIN), request.params.id),
  );
  app.post('/api/console/print-runs', { schema: { tags, body: CreatePrintRunRequest, response: { 200: PrintRunView } } }, (request) =>
    prints.create(consoleActor(request, ADMIN), request.body),
  );
  app.get('/api/console/print-runs', { schema: { tags, querystring: PrintRunListQuery, response: { 200: PrintRunListResponse } } }, (request) =>
    prints.list(consoleActor(request, ADMIN), request.query),
  );
  app.get('/api/console/print-runs/:id', { schema: { tags, params: Id, response: { 200: PrintRunDetail } } }, (request) =>
    prints.get(consoleActor(request, ADMIN), request.params.id),
  );
  app.post('/api/console/print-runs/:id/retry', { schema: { tags, params: Id, response: { 200: PrintRunView } } }, (request) =>
    prints.retry(consoleActor(request, ADMIN), request.params.id),
  );
  app.get('/api/console/print-runs/:id/sheets.pdf', { schema: { tags, params: Id } }, async (request, reply) =>
    sendStream(reply, await prints.download(consoleActor(request, ADMIN), request.params.id)),
  );
};
