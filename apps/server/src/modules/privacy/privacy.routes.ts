import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { EraseAccountRequest, EraseAccountResponse, ErasureCodeResponse, ErasureStatus } from '@gradphoto/contracts/privacy';
import { clearSessionCookie, requireStudent } from '../../http/auth-context.js';
import type { PrivacyService } from './privacy.service.js';

/** The student's data deletion, from the account page: what it would do, a confirmation code, the deletion. */
export const privacyRoutes: FastifyPluginAsyncZod<{ privacy: PrivacyService }> = async (app, { privacy }) => {
  const tags = ['account'];
  app.get('/api/me/erasure', { schema: { tags, response: { 200: ErasureStatus } } }, (request) => privacy.status(requireStudent(request)));

  app.post('/api/me/erasure/code', { schema: { tags, response: { 200: ErasureCodeResponse } } }, (request) =>
    privacy.sendCode(requireStudent(request), request.ip),
  );

  app.post(
    '/api/me/erasure',
    { schema: { tags, body: EraseAccountRequest, response: { 200: EraseAccountResponse } }, config: { rateLimit: { max: 5, timeWindow: '10 minutes' } } },
    async (request, reply) => {
      const result = await privacy.erase(requireStudent(request), request.body, { ip: request.ip });
      clearSessionCookie(reply);
      return result;
    },
  );
};
