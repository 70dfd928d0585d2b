import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DashboardResponse, StaffLoginRequest, StaffProfile } from '@gradphoto/contracts/accounts';
import { clearSessionCookie, clientMeta, requireStaff, setSessionCookie } from '../../http/auth-context.js';
import type { StaffService } from './staff.service.js';

export const staffRoutes: FastifyPluginAsyncZod<{ staff: StaffService; secureCookie: boolean }> = async (app, { staff, secureCookie }) => {
  const tags = ['console'];

  app.post('/api/console/auth/login', { schema: { tags, body: StaffLoginRequest, response: { 200: z.object({ staff: StaffProfile }) } } }, async (request, reply) => {
    const result = await staff.login(request.body, clientMeta(request));
    setSessionCookie(reply, result.session.token, result.session.maxAgeSeconds, secureCookie);
    return { staff: result.staff };
  });

  app.post('/api/console/auth/logout', { schema: { tags, response: { 200: z.object({ ok: z.literal(true) }) } } }, async (request, reply) => {
    if (request.auth.session?.subjectType === 'staff') await staff.logout(request.auth.session.id);
    clearSessionCookie(reply);
    return { ok: true as const };
  });

  app.get('/api/console/me', { schema: { tags, response: { 200: z.object({ staff: StaffProfile }) } } }, (request) => ({
    staff: requireStaff(request),
  }));

  app.get('/api/console/dashboard', { schema: { tags, response: { 200: DashboardResponse } } }, (request) =>
    staff.dashboard(requireStaff(request)),
  );
};
