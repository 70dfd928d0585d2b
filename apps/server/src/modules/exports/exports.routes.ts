import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreateExportRequest, ExportListQuery, ExportListResponse, ExportView } from '@gradphoto/contracts/console-exports';
import { sendStream } from '../prints/stream-file.js';
import { consoleActor } from '../schools/console-request.js';
import { ADMIN_OR_COORDINATOR } from '../schools/school-scope.js';
import type { ExportsService } from './exports.service.js';

const Id = z.object({ id: z.uuid() });

/** 学信网 exports: admins, and school coordinators for their own school. */
export const exportsRoutes: FastifyPluginAsyncZod<{ exports: ExportsService }> = async (app, { exports }) => {
  const tags = ['console'];
  app.post('/api/console/exports', { schema: { tags, body: CreateExportRequest, response: { 200: ExportView } } }, (request) =>
    exports.create(consoleActor(request, ADMIN_OR_COORDINATOR), request.body),
  );
  app.get('/api/console/exports', { schema: { tags, querystring: ExportListQuery, response: { 200: ExportListResponse } } }, (request) =>
    exports.list(consoleActor(request, ADMIN_OR_COORDINATOR), request.query),
  );
  app.get('/api/console/exports/:id', { schema: { tags, params: Id, response: { 200: ExportView } } }, (request) =>
    exports.get(consoleActor(request, ADMIN_OR_COORDINATOR), request.params.id),
  );
  app.get('/api/console/exports/:id/download', { schema: { tags, params: Id } }, async (request, reply) =>
    sendStream(reply, await exports.download(consoleActor(request, ADMIN_OR_COORDINATOR), request.params.id)),
  );
};
