import type { Browser } from 'playwright-core';
import { phoneContext } from './browser.js';
import type { TestServer } from './server.js';
import { newStudent } from './people.js';
import { addCollection, registerViaApi, uploadPhoto, type ApiClient } from './journey-api.js';
import { payOrder } from './console-data.js';

/** Review e2e data made through the real student API: a student whose photo waits for review. */

export interface WaitingStudent {
  api: ApiClient;
  name: string;
  submissionId: string;
  /** The engine's verdict: `pass` (every check green) or `warn` (advice only, still submittable). */
  verdict: string | null;
  status(): Promise<string>;
  close(): Promise<void>;
}

/**
 * Registers a student, adds a 学历 in the batch with `featureCode`, uploads `photo` (a portrait in
 * packages/photo/test-fixtures/portraits) and submits it; pays a digital-only order unless the school pays,
 * then waits until the photo is in `pending_review`.
 */
export async function waitingStudent(
  browser: Browser,
  server: TestServer,
  featureCode: string,
  opts: { name: string; photo: string; pay: boolean },
): Promise<WaitingStudent> {
  const ctx = await phoneContext(browser, server.baseUrl);
  const student = { ...newStudent('review'), name: opts.name };
  const api = await registerViaApi(ctx, server, student);
  const collectionId = await addCollection(api, featureCode, student);
  const sub = await uploadPhoto(api, collectionId, opts.photo);
  if (opts.pay) {
    const order = await api.post<{ orderNo: string }>('/api/orders', { collectionId, withPrints: false });
    await payOrder(server, api, order.orderNo);
  }
  const status = async () => (await api.get<{ status: string }>(`/api/submissions/${sub.id}`)).status;
  for (let i = 0; i < 100 && (await status()) !== 'pending_review'; i++)
    await new Promise((r) => setTimeout(r, 100));
  if ((await status()) !== 'pending_review') throw new Error(`${opts.name}: photo not in review`);
  return {
    api,
    name: opts.name,
    submissionId: sub.id,
    verdict: sub.verdict,
    status,
    close: () => ctx.close(),
  };
}
