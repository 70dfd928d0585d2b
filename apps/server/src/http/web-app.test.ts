import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWebApp } from './web-app.js';

let dist: string;
let app: FastifyInstance;

beforeAll(async () => {
  dist = mkdtempSync(path.join(tmpdir(), 'web-dist-'));
  mkdirSync(path.join(dist, 'assets'));
  mkdirSync(path.join(dist, 'console'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>student</title>');
  writeFileSync(path.join(dist, 'console/index.html'), '<!doctype html><title>console</title>');
  writeFileSync(path.join(dist, 'assets/home-AbC123xy.js'), 'export {};');
  writeFileSync(path.join(dist, 'assets/student-AbC123xy.css'), 'body{}');
  writeFileSync(path.join(dist, 'favicon.svg'), '<svg/>');
  // what the build's precompress step writes beside a chunk
  const chunk = `export const words = ${JSON.stringify('照片 photo '.repeat(400))};`;
  writeFileSync(path.join(dist, 'assets/vendor-Zz9Yy8Xx.js'), chunk);
  writeFileSync(path.join(dist, 'assets/vendor-Zz9Yy8Xx.js.br'), brotliCompressSync(chunk));
  writeFileSync(path.join(dist, 'assets/vendor-Zz9Yy8Xx.js.gz'), gzipSync(chunk));
  app = Fastify();
  await registerWebApp(app, dist);
  await app.ready();
});

afterAll(async () => {
  await app.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('the built web app', () => {
  it('serves HTML for revalidation on every load: the entry, SPA routes and the console', async () => {
    for (const url of ['/', '/index.html', '/login', '/orders/GP123', '/console', '/console/schools/1']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toContain('text/html');
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
    expect((await app.inject('/console/schools')).body).toContain('console');
    expect((await app.inject('/login')).body).toContain('student');
  });

  it('lets browsers keep hashed assets for a year, other files for an hour', async () => {
    const js = await app.inject('/assets/home-AbC123xy.js');
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toContain('javascript');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const css = await app.inject('/assets/student-AbC123xy.css');
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const icon = await app.inject('/favicon.svg');
    expect(icon.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('sends the precompressed copy the browser accepts, with the same caching', async () => {
    const br = await app.inject({ url: '/assets/vendor-Zz9Yy8Xx.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toContain('javascript');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(br.rawPayload).toString()).toContain('照片 photo');
    expect(br.rawPayload.byteLength).toBeLessThan(1000);
    const gz = await app.inject({ url: '/assets/vendor-Zz9Yy8Xx.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await app.inject('/assets/vendor-Zz9Yy8Xx.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toContain('照片 photo');
  });

  it('answers 404 for a chunk that is not there (an old build), never the HTML page', async () => {
    const res = await app.inject('/assets/home-OldHash1.js');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type'] ?? '').not.toContain('text/html');
    expect((await app.inject('/api/nothing')).statusCode).toBe(404);
  });
});
