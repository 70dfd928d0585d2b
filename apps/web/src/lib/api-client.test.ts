import { describe, expect, it } from 'vitest';
import { ApiError, createApiClient } from './api-client.js';

type Call = { url: string; method: string; headers: Record<string, string>; body: unknown };

function fakeFetch(handler: (call: Call, n: number) => Response) {
  const calls: Call[] = [];
  const fn = ((url: string, init: RequestInit) => {
    const call = {
      url,
      method: init.method ?? 'GET',
      headers: init.headers as Record<string, string>,
      body: init.body,
    };
    calls.push(call);
    return Promise.resolve(handler(call, calls.length));
  }) as unknown as typeof fetch;
  return { fn, calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const errorBody = (code: string, data?: Record<string, unknown>) => ({
  error: { code, message: { zh: '中文', en: 'English' }, data },
});

describe('api client', () => {
  it('fetches the CSRF token once and sends it on every write', async () => {
    const { fn, calls } = fakeFetch((c) =>
      c.url === '/api/csrf' ? json(200, { token: 'tok1' }) : json(200, { ok: true }),
    );
    const api = createApiClient(fn);
    await api.post('/api/a', { x: 1 });
    await api.post('/api/b');
    expect(calls.map((c) => c.url)).toEqual(['/api/csrf', '/api/a', '/api/b']);
    expect(calls[1]!.headers['x-csrf-token']).toBe('tok1');
    expect(calls[1]!.headers['content-type']).toBe('application/json');
    expect(calls[1]!.body).toBe('{"x":1}');
    expect(calls[2]!.headers['x-csrf-token']).toBe('tok1');
    expect(calls[2]!.headers['content-type']).toBeUndefined();
  });

  it('sends PUT with a JSON body and DELETE without one, both with the token', async () => {
    const { fn, calls } = fakeFetch((c) =>
      c.url === '/api/csrf' ? json(200, { token: 't' }) : json(200, { ok: true }),
    );
    const api = createApiClient(fn);
    await api.put('/api/addresses/1', { street: 'x' });
    await api.delete('/api/addresses/1');
    expect(
      calls.slice(1).map((c) => [c.method, c.headers['x-csrf-token'], c.headers['content-type'], c.body]),
    ).toEqual([
      ['PUT', 't', 'application/json', '{"street":"x"}'],
      ['DELETE', 't', undefined, undefined],
    ]);
  });

  it('does not send a token on reads', async () => {
    const { fn, calls } = fakeFetch(() => json(200, { student: null, staff: null }));
    const api = createApiClient(fn);
    expect(await api.get('/api/auth/session')).toEqual({ student: null, staff: null });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.headers['x-csrf-token']).toBeUndefined();
  });

  it('refetches the token once and retries after a CSRF 403', async () => {
    let tokens = 0;
    const { fn, calls } = fakeFetch((c) => {
      if (c.url === '/api/csrf') return json(200, { token: `tok${++tokens}` });
      return c.headers['x-csrf-token'] === 'tok2' ? json(200, { done: true }) : json(403, errorBody('CSRF'));
    });
    const api = createApiClient(fn);
    expect(await api.post('/api/x', {})).toEqual({ done: true });
    expect(calls.map((c) => c.url)).toEqual(['/api/csrf', '/api/x', '/api/csrf', '/api/x']);
  });

  it('gives up after one CSRF retry', async () => {
    const { fn, calls } = fakeFetch((c) =>
      c.url === '/api/csrf' ? json(200, { token: 't' }) : json(403, errorBody('CSRF')),
    );
    const api = createApiClient(fn);
    await expect(api.post('/api/x', {})).rejects.toMatchObject({ status: 403, code: 'CSRF' });
    expect(calls.filter((c) => c.url === '/api/x')).toHaveLength(2);
  });

  it('turns error bodies into ApiError with bilingual message, data and fields', async () => {
    const { fn } = fakeFetch((c) =>
      c.url === '/api/csrf'
        ? json(200, { token: 't' })
        : json(429, errorBody('LOGIN_THROTTLED', { retryAfterSeconds: 4.2, captchaRequired: true })),
    );
    const api = createApiClient(fn);
    const err = await api.post('/api/auth/login', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect(e.status).toBe(429);
    expect(e.bi).toEqual({ zh: '中文', en: 'English' });
    expect(e.retryAfterSeconds).toBe(5);
    expect(e.captchaRequired).toBe(true);
  });

  it('reports network failures as status 0', async () => {
    const fn = (() => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof fetch;
    const err = (await createApiClient(fn)
      .get('/api/centre')
      .catch((e: unknown) => e)) as ApiError;
    expect(err.status).toBe(0);
    expect(err.code).toBe('NETWORK');
    expect(err.bi).toBeNull();
  });

  it('handles non-JSON error bodies', async () => {
    const fn = (() =>
      Promise.resolve(new Response('<html>bad gateway</html>', { status: 502 }))) as unknown as typeof fetch;
    const err = (await createApiClient(fn)
      .get('/api/centre')
      .catch((e: unknown) => e)) as ApiError;
    expect(err.status).toBe(502);
    expect(err.code).toBe('HTTP_502');
  });
});
