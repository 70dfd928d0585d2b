import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

/**
 * Serves the built web app: the student app at `/`, the console at `/console`, with SPA fallbacks.
 * API paths never fall back to HTML.
 */
export async function registerWebApp(app: FastifyInstance, distDir: string): Promise<void> {
  if (!existsSync(path.join(distDir, 'index.html'))) {
    app.log.warn({ distDir }, 'web app not built; run `npm run build` (npm start does it)');
    return;
  }
  await app.register(fastifyStatic, { root: distDir, prefix: '/', index: ['index.html'], wildcard: false, maxAge: '1h' });
  app.get('/console', (_req, reply) => reply.sendFile('console/index.html', { maxAge: 0 }));
  app.get('/console/*', (_req, reply) => reply.sendFile('console/index.html', { maxAge: 0 }));
  app.get('/*', (request, reply) => {
    if (request.url.startsWith('/api/')) return reply.callNotFound();
    return reply.sendFile('index.html', { maxAge: 0 });
  });
}
