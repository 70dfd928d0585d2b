import { SEED, type TestServer } from './server.js';

/** A tiny API client for test setup (cookie jar + CSRF), as a signed-in staff member. */
export interface ApiSession {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
}

export async function staffSession(
  server: TestServer,
  role: keyof typeof SEED = 'admin',
): Promise<ApiSession> {
  const jar = new Map<string, string>();
  let csrf = '';
  const send = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (method !== 'GET') headers['x-csrf-token'] = csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(server.baseUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  csrf = (await send<{ token: string }>('GET', '/api/csrf')).token;
  await send('POST', '/api/console/auth/login', {
    username: SEED[role].username,
    password: SEED[role].password,
  });
  return { get: (p) => send('GET', p), post: (p, b) => send('POST', p, b) };
}

export interface TestBatch {
  id: string;
  featureCode: string;
}

/** A new school with one batch (centralized by default; school-paid or not, live camera only or not). */
export async function createBatch(
  admin: ApiSession,
  opts: {
    school: string;
    code: string;
    payer?: 'student' | 'school';
    capturePolicy?: 'live_only' | 'album_allowed';
    mode?: 'centralized' | 'scattered';
    regionCode?: string;
  },
): Promise<TestBatch> {
  const school = await admin.post<{ id: string }>('/api/console/schools', {
    name: opts.school,
    code: opts.code,
    region: '330100',
  });
  const batch = await admin.post<{ id: string; featureCode: string }>('/api/console/batches', {
    schoolId: school.id,
    name: '2027 届毕业生图像采集',
    mode: opts.mode ?? 'centralized',
    regionCode: opts.regionCode ?? '',
    priceNoPrintsCents: 2000,
    priceWithPrintsCents: 3500,
    payer: opts.payer ?? 'student',
    capturePolicy: opts.capturePolicy ?? 'album_allowed',
  });
  return { id: batch.id, featureCode: batch.featureCode };
}

/** Issues `count` blank invitation codes for a batch and returns their tokens (newest first). */
export async function blankCodes(
  admin: ApiSession,
  batchId: string,
  count: number,
): Promise<Array<{ id: string; token: string }>> {
  await admin.post(`/api/console/batches/${batchId}/codes/blank`, { count });
  const list = await admin.get<{ items: Array<{ id: string; token: string; kind: string; status: string }> }>(
    `/api/console/batches/${batchId}/codes?kind=blank&status=active`,
  );
  return list.items.map((c) => ({ id: c.id, token: c.token }));
}
