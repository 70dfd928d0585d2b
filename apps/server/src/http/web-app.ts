import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';

/** Vite's content-hashed output (JS chunks, CSS, the QR reader's wasm): a new build gives new names. */
const HASHED = `${path.sep}assets${path.sep}`;

/**
 * The browser may keep a hashed asset forever; HTML it must revalidate on every load, or a phone would run
 * yesterday's index.html and ask for chunks the new build no longer has. Everything else (favicon, sample
 * photos) keeps an hour.
 */
function cacheHeaders(reply: FastifyReply, filePath: string): void {
  if (filePath.endsWith('.html')) void reply.header('cache-control', 'no-cache');
  else if (filePath.includes(HASHED)) void reply.header('cache-control', 'public, max-age=31536000, immutable');
}

/**
 * Serves the built web app: the student app at `/`, the console at `/console`, with SPA fallbacks.
 * API paths never fall back to HTML, nor do asset paths (a missing chunk is a 404, not a page of HTML).
 */
export async function registerWebApp(app: FastifyInstance, distDir: string): Promise<void> {
  if (!existsSync(path.join(distDir, 'index.html'))) {
    app.log.warn({ distDir }, 'web app not built; run `npm run build` (npm start does it)');
    return;
  }
  await app.register(fastifyStatic, {
    root: distDir,
    prefix: '/',
    index: ['index.html'],
    wildcard: false,
    maxAge: '1h',
    // the build writes .br and .gz beside each text file (apps/web/precompress.ts)
    preCompressed: true,
    setHeaders: cacheHeaders,
  });
  app.get('/console', (_req, reply) => reply.sendFile('console/index.html', { maxAge: 0 }));
  app.get('/console/*', (_req, reply) => reply.sendFile('console/index.html', { maxAge: 0 }));
  app.get('/*', (request, reply) => {
    if (request.url.startsWith('/api/') || request.url.startsWith('/assets/')) return reply.callNotFound();
    return reply.sendFile('index.html', { maxAge: 0 });
  });
}
