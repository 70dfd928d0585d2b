import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { StaffAccountCreate, StaffAccountListQuery, StaffAccountListResponse, StaffAccountUpdate, StaffAccountView } from '@gradphoto/contracts/console-staff';
import { consoleActor } from '../schools/console-request.js';
import { ADMIN } from '../schools/school-scope.js';
import type { StaffAccountsService } from './staff-accounts.service.js';

const Id = z.object({ id: z.uuid() });

/** Staff accounts: admins only. */
export const staffAccountsRoutes: FastifyPluginAsyncZod<{ staffAccounts: StaffAccountsService }> = async (app, { staffAccounts }) => {
  const tags = ['console'];
  app.get('/api/console/staff', { schema: { tags, querystring: StaffAccountListQuery, response: { 200: StaffAccountListResponse } } }, (request) =>
    staffAccounts.list(consoleActor(request, ADMIN), request.query),
  );
  app.post('/api/console/staff', { schema: { tags, body: StaffAccountCreate, response: { 200: StaffAccountView } } }, (request) =>
    staffAccounts.create(consoleActor(request, ADMIN), request.body),
  );
  app.put('/api/console/staff/:id', { schema: { tags, params: Id, body: StaffAccountUpdate, response: { 200: StaffAccountView } } }, (request) =>
    staffAccounts.update(consoleActor(request, ADMIN), request.params.id, request.body),
  );
};
