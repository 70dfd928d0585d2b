import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ProgressQuery, ProgressResponse } from '@gradphoto/contracts/console-progress';
import { consoleActor, sendFile } from '../schools/console-request.js';
import { ADMIN_OR_COORDINATOR } from '../schools/school-scope.js';
import type { ProgressService } from './progress.service.js';

/** The progress dashboard: admins see every school, a coordinator only their own. */
export const progressRoutes: FastifyPluginAsyncZod<{ progress: ProgressService }> = async (app, { progress }) => {
  const tags = ['console'];
  app.get('/api/console/progress', { schema: { tags, querystring: ProgressQuery, response: { 200: ProgressResponse } } }, (request) =>
    progress.get(consoleActor(request, ADMIN_OR_COORDINATOR), request.query),
  );
  app.get('/api/console/progress.csv', { schema: { tags, querystring: ProgressQuery } }, async (request, reply) =>
    sendFile(reply, await progress.csv(consoleActor(request, ADMIN_OR_COORDINATOR), request.query)),
  );
};
