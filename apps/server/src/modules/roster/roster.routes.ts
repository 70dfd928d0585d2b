import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { RevealIdResponse, RosterImportListResponse, RosterImportView, RosterListQuery, RosterListResponse } from '@gradphoto/contracts/console-roster';
import { consoleActor, sendFile } from '../schools/console-request.js';
import { ADMIN_OR_COORDINATOR } from '../schools/school-scope.js';
import type { RosterService } from './roster.service.js';

const Id = z.object({ id: z.uuid() });
type ReadUpload = (request: FastifyRequest) => Promise<{ bytes: Buffer; filename: string; fields: Record<string, string> }>;

/** Roster import/export and the roster list: admins, and coordinators for their own school. */
export const rosterRoutes: FastifyPluginAsyncZod<{ roster: RosterService; readUpload: ReadUpload }> = async (app, { roster, readUpload }) => {
  const tags = ['console'];
  app.post('/api/console/batches/:id/roster-imports', { schema: { tags, params: Id, consumes: ['multipart/form-data'], response: { 200: RosterImportView } } }, async (request) => {
    const actor = consoleActor(request, ADMIN_OR_COORDINATOR);
    const { bytes, filename, fields } = await readUpload(request);
    return roster.startImport(actor, request.params.id, { bytes, filename, mapping: fields.mapping });
  });
  app.get('/api/console/batches/:id/roster-imports', { schema: { tags, params: Id, response: { 200: RosterImportListResponse } } }, (request) =>
    roster.listImports(consoleActor(request, ADMIN_OR_COORDINATOR), request.params.id),
  );
  app.get('/api/console/roster-imports/:id', { schema: { tags, params: Id, response: { 200: RosterImportView } } }, (request) =>
    roster.getImport(consoleActor(request, ADMIN_OR_COORDINATOR), request.params.id),
  );
  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/api/console/roster-imports/:id/errors.${format}`, { schema: { tags, params: Id } }, async (request, reply) =>
      sendFile(reply, await roster.errorReport(consoleActor(request, ADMIN_OR_COORDINATOR), request.params.id, format)),
    );
  }
  app.get('/api/console/batches/:id/graduates', { schema: { tags, params: Id, querystring: RosterListQuery, response: { 200: RosterListResponse } } }, (request) =>
    roster.list(consoleActor(request, ADMIN_OR_COORDINATOR), request.params.id, request.query),
  );
  app.get('/api/console/batches/:id/roster.xlsx', { schema: { tags, params: Id } }, async (request, reply) =>
    sendFile(reply, await roster.exportRoster(consoleActor(request, ADMIN_OR_COORDINATOR), request.params.id)),
  );
  app.post('/api/console/graduates/:id/reveal-id', { schema: { tags, params: Id, response: { 200: RevealIdResponse } } }, (request) =>
    roster.revealIdNumber(consoleActor(request, ADMIN_OR_COORDINATOR), request.params.id),
  );
};
