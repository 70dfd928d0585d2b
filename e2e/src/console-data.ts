import type { Browser, BrowserContext } from 'playwright-core';
import type { TestServer } from './server.js';
import { newStudent } from './people.js';
import { addCollection, registerViaApi, uploadPhoto, type ApiClient } from './journey-api.js';
import { phoneContext } from './browser.js';

/** Console e2e data made through the real student API: a student with a 学历, a submitted photo and a paid order. */

export interface PaidStudent {
  /** The student's phone-sized browser context, signed in (open the student's pages in it). */
  ctx: BrowserContext;
  api: ApiClient;
  student: ReturnType<typeof newStudent>;
  collectionId: string;
  submissionId: string;
  orderNo: string;
  amountCents: number;
  close(): Promise<void>;
}

/** Pays an order through the sandbox cashier (as the student's "确认支付" does), then waits for the notification. */
export async function payOrder(server: TestServer, api: ApiClient, orderNo: string) {
  const { payUrl } = await api.post<{ payUrl: string }>(`/api/orders/${orderNo}/pay`, {
    returnUrl: `/orders/${orderNo}`,
  });
  const cashier = new URL(payUrl, server.baseUrl);
  const res = await fetch(`${server.baseUrl}${cashier.pathname}/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ prepay: cashier.searchParams.get('prepay') ?? '' }).toString(),
  });
  if (!res.ok) throw new Error(`sandbox cashier → ${res.status}`);
  for (let i = 0; i < 100; i++) {
    if ((await api.get<{ status: string }>(`/api/orders/${orderNo}`)).status === 'paid') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`order ${orderNo} not paid`);
}

export async function paidStudent(
  browser: Browser,
  server: TestServer,
  featureCode: string,
  opts: { prints: boolean; name?: string },
): Promise<PaidStudent> {
  const ctx = await phoneContext(browser, server.baseUrl);
  const student = { ...newStudent('console'), ...(opts.name ? { name: opts.name } : {}) };
  const api = await registerViaApi(ctx, server, student);
  const collectionId = await addCollection(api, featureCode, student);
  const sub = await uploadPhoto(api, collectionId);
  let addressId: string | undefined;
  if (opts.prints) {
    const address = await api.post<{ id: string }>('/api/addresses', {
      recipient: student.name,
      phone: student.phone,
      provinceCode: '330000',
      cityCode: '330100',
      districtCode: '330106',
      street: '文三路 90 号',
      isDefault: true,
    });
    addressId = address.id;
  }
  const order = await api.post<{ orderNo: string; amountCents: number }>('/api/orders', {
    collectionId,
    withPrints: opts.prints,
    ...(opts.prints ? { layout: 1, addressId } : {}),
  });
  await payOrder(server, api, order.orderNo);
  return {
    ctx,
    api,
    student,
    collectionId,
    submissionId: sub.id,
    orderNo: order.orderNo,
    amountCents: order.amountCents,
    close: () => ctx.close(),
  };
}
