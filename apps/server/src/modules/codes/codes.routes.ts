import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CodeListQuery, CodeListResponse, CodeSheetQuery, IssueBlankCodesRequest, IssueCodesRequest, IssueCodesResponse } from '@gradphoto/contracts/console-codes';
import { consoleActor, sendFile } from '../schools/console-request.js';
import { ADMIN_OR_COORDINATOR } from '../schools/school-scope.js';
import type { CodesService } from './codes.service.js';

const Id = z.object({ id: z.uuid() });
const SheetQuery = CodeSheetQuery.extend({ part: z.coerce.number().int().min(1).optional() });

/** 图像采集码: admins, and coordinators for their own school. */
export const codesRoutes: FastifyPluginAsyncZod<{ codes: CodesService }> = async (app, { codes }) => {
  const tags = ['console'];
  app.post('/api/console/batches/:id/codes', { schema: { tags, params: Id, body: IssueCodesRequest, response: { 200: IssueCodesResponse } } }, (request) =>
    codes.issueForGraduates(consoleActor(request, ADMIN_OR_COORDINATOR), request.params.id, request.body),
  );
  app.post('/api/console/batches/:id/codes/blank', { schema: { tags, params: Id, body: IssueBlankCodesRequest, response: { 200: IssueCodesResponse } } }, (request) =>
    codes.issueBlank(consoleActor(request, ADMIN_OR_COORDINATOR), request.params.id, request.body.count),
  );
  app.get('/api/console/batches/:id/codes', { schema: { tags, params: Id, querystring: CodeListQuery, response: { 200: CodeListResponse } } }, (request) =>
    codes.list(consoleActor(request, ADMIN_OR_COORDINATOR), request.params.id, request.query),
  );
  app.post('/api/console/codes/:id/revoke', { schema: { tags, params: Id, response: { 200: z.object({ ok: z.literal(true) }) } } }, (request) =>
    codes.revoke(consoleActor(request, ADMIN_OR_COORDINATOR), request.params.id),
  );
  app.get('/api/console/batches/:id/codes.pdf', { schema: { tags, params: Id, querystring: SheetQuery } }, async (request, reply) => {
    const { file, parts } = await codes.sheet(consoleActor(request, ADMIN_OR_COORDINATOR), { batchId: request.params.id }, request.query);
    void reply.header('x-sheet-parts', String(parts));
    return sendFile(reply, file);
  });
  app.get('/api/console/schools/:id/codes.pdf', { schema: { tags, params: Id, querystring: SheetQuery } }, async (request, reply) => {
    const { file, parts } = await codes.sheet(consoleActor(request, ADMIN_OR_COORDINATOR), { schoolId: request.params.id }, request.query);
    void reply.header('x-sheet-parts', String(parts));
    return sendFile(reply, file);
  });
};
