import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../test/harness.js';
import { errors } from '../errors.js';

type App = Awaited<ReturnType<typeof createTestApp>>;
let t: App;
beforeAll(async () => {
  t = await createTestApp();
  t.app.get('/api/test/boom', () => {
    throw new Error('secret internal detail');
  });
  t.app.get('/api/test/conflict', () => {
    throw errors.conflict('SOMETHING_TAKEN', { zh: '已被占用', en: 'Already taken' });
  });
});
afterAll(() => t.close());

describe('the app', () => {
  it('reports health with the database', async () => {
    const res = await t.app.inject('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: 'ok' });
  });

  it('hides internals of 5xx errors and tags every error with a request id', async () => {
    const res = await t.app.inject('/api/test/boom');
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret internal detail');
    expect(res.json().error).toMatchObject({ code: 'INTERNAL', message: { zh: expect.any(String), en: expect.any(String) } });
    expect(res.json().error.requestId).toBeTruthy();
  });

  it('maps typed domain errors and unknown routes', async () => {
    expect((await t.app.inject('/api/test/conflict')).statusCode).toBe(409);
    const missing = await t.app.inject('/api/nope');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');
  });

  it('answers 413 for oversized bodies and 400 for malformed JSON', async () => {
    const c = t.client();
    const big = await c.post('/api/auth/login', { method: 'password', idNumber: 'x', password: 'y'.repeat(2 * 1024 * 1024) });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const res = await c.post('/api/auth/login', undefined);
    expect(res.statusCode).toBe(400);
  });

  it('sends helmet security headers and serves OpenAPI docs', async () => {
    const res = await t.app.inject('/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    const docs = await t.app.inject('/api/docs/json');
    expect(docs.statusCode).toBe(200);
    expect(Object.keys(docs.json().paths)).toContain('/api/auth/register');
  });
});
