import type { ApiErrorBody } from '@gradphoto/contracts/errors';

export type BiMessage = { zh: string; en: string };

/** An error answered by the API (with the server's bilingual body) or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly bi: BiMessage | null;
  readonly fields: Array<{ path: string; message: BiMessage }>;
  readonly data: Record<string, unknown>;

  constructor(status: number, body: ApiErrorBody['error'] | null) {
    super(body?.message.en ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = body?.code ?? (status === 0 ? 'NETWORK' : 'HTTP_' + String(status));
    this.bi = body?.message ?? null;
    this.fields = body?.fields ?? [];
    this.data = body?.data ?? {};
  }

  /** `data.retryAfterSeconds` as a whole number of seconds, when the server sent one. */
  get retryAfterSeconds(): number | null {
    const v = this.data.retryAfterSeconds;
    return typeof v === 'number' && Number.isFinite(v) ? Math.max(0, Math.ceil(v)) : null;
  }

  get captchaRequired(): boolean {
    return (
      this.code === 'CAPTCHA_REQUIRED' || this.code === 'CAPTCHA_WRONG' || this.data.captchaRequired === true
    );
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

type Fetch = typeof fetch;

export interface ApiClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  postForm<T>(path: string, form: FormData): Promise<T>;
  put<T>(path: string, body?: unknown): Promise<T>;
  delete<T>(path: string): Promise<T>;
  /** Forget the CSRF token (e.g. after logout); the next write fetches a fresh one. */
  resetCsrf(): void;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** JSON API client: cookies carry the session; writes send `x-csrf-token` (fetched once, refetched on a CSRF 403). */
export function createApiClient(fetchImpl: Fetch = (...args) => fetch(...args), base = ''): ApiClient {
  let csrf: Promise<string> | null = null;

  const fetchCsrf = (): Promise<string> => {
    csrf ??= send<{ token: string }>('GET', '/api/csrf', undefined, false).then(
      (r) => r.token,
      (e: unknown) => {
        csrf = null;
        throw e;
      },
    );
    return csrf;
  };

  async function send<T>(
    method: string,
    path: string,
    body: BodyInit | undefined,
    json: boolean,
    retried = false,
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (json && body !== undefined) headers['content-type'] = 'application/json';
    if (UNSAFE.has(method)) headers['x-csrf-token'] = await fetchCsrf();
    let res: Response;
    try {
      res = await fetchImpl(base + path, { method, headers, body, credentials: 'same-origin' });
    } catch {
      throw new ApiError(0, null);
    }
    if (res.ok) {
      if (res.status === 204) return undefined as T;
      const text = await res.text();
      return (text ? JSON.parse(text) : undefined) as T;
    }
    let parsed: ApiErrorBody | null = null;
    try {
      parsed = (await res.json()) as ApiErrorBody;
    } catch {
      parsed = null;
    }
    const err = new ApiError(res.status, parsed?.error ?? null);
    if (err.status === 403 && err.code === 'CSRF' && UNSAFE.has(method) && !retried) {
      csrf = null;
      return send<T>(method, path, body, json, true);
    }
    throw err;
  }

  return {
    get: (path) => send('GET', path, undefined, false),
    post: (path, body) => send('POST', path, body === undefined ? undefined : JSON.stringify(body), true),
    postForm: (path, form) => send('POST', path, form, false),
    put: (path, body) => send('PUT', path, body === undefined ? undefined : JSON.stringify(body), true),
    delete: (path) => send('DELETE', path, undefined, false),
    resetCsrf: () => {
      csrf = null;
    },
  };
}

export const api = createApiClient();
