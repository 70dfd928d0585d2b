import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const Health = z.object({ status: z.enum(['ok', 'error']), database: z.enum(['ok', 'error']), databaseKind: z.string() });

/** GET /api/health: 200 when the database answers, 503 otherwise (for load balancers and probes). */
export const healthRoutes: FastifyPluginAsyncZod<{ ping: () => Promise<boolean>; databaseKind: string }> = async (app, { ping, databaseKind }) => {
  app.get('/api/health', { schema: { tags: ['ops'], response: { 200: Health, 503: Health } } }, async (_request, reply) => {
    const ok = await ping().catch(() => false);
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'error', database: ok ? 'ok' : 'error', databaseKind });
  });
};
