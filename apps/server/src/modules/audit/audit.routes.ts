import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditListResponse, AuditQuery } from '@gradphoto/contracts/console-audit';
import { consoleActor } from '../schools/console-request.js';
import { ADMIN } from '../schools/school-scope.js';
import type { AuditService } from './audit.service.js';

/** Audit log search: admins only. */
export const auditRoutes: FastifyPluginAsyncZod<{ audit: AuditService }> = async (app, { audit }) => {
  app.get('/api/console/audit', { schema: { tags: ['console'], querystring: AuditQuery, response: { 200: AuditListResponse } } }, (request) => {
    consoleActor(request, ADMIN);
    return audit.search(request.query);
  });
};
