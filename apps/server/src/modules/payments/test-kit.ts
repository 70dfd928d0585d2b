import { createPrivateKey, type KeyObject } from 'node:crypto';
import { batches, collections, graduates, schools } from '../../db/schema.js';
import { createTestApp, lastSmsCode, makeIdNumber, type InjectClient } from '../../test/harness.js';
import { createPaymentProvider, paymentNotifyUrls } from './payment-provider.js';
import { createPaymentsRepo } from './payments.repo.js';
import { generateAlipaySandboxKeys, type AlipaySandboxKeys } from './sandbox/alipay-keys.js';
import { generateSandboxKeys, type SandboxKeys } from './sandbox/sandbox-keys.js';
import { notificationBody, notificationHeaders, type NotificationEvent } from './sandbox/sandbox-notification.js';
import type { Deliver } from './sandbox/sandbox-notification.js';

/** Test helpers for the payments module (not a test file). */

let sharedKeys: SandboxKeys | null = null;
export const testKeys = () => (sharedKeys ??= generateSandboxKeys());
let sharedAlipayKeys: AlipaySandboxKeys | null = null;
export const testAlipayKeys = () => (sharedAlipayKeys ??= generateAlipaySandboxKeys());

/**
 * The real app on PGlite with the sandbox provider and the payments routes mounted, wired the way the
 * container should wire them. `deliveries` records every notification the sandbox sends.
 */
export async function createPaymentsTestApp() {
  const keys = testKeys();
  const urls = paymentNotifyUrls(undefined, 3000);
  const alipayKeys = testAlipayKeys();
  const deliveries: Array<{ url: string; headers: Record<string, string>; body: string; status: number; answer: string }> = [];
  let merchantDown = false;
  const holder: { app?: Awaited<ReturnType<typeof createTestApp>>['app'] } = {};
  const deliver: Deliver = async (url, req) => {
    const u = new URL(url);
    const res = merchantDown || !holder.app ? { statusCode: 503, body: '' } : await holder.app.inject({ method: 'POST', url: u.pathname + u.search, headers: req.headers, payload: req.body });
    deliveries.push({ url, ...req, status: res.statusCode, answer: res.body });
    return { status: res.statusCode, body: res.body };
  };
  const provider = createPaymentProvider(
    { provider: 'sandbox', dataDir: '/nonexistent-keys-are-given', merchantName: '示范图像采集中心', ...urls },
    {
      sandboxKeys: keys,
      sandbox: { deliver, retryDelaysMs: [20, 40], refundDelayMs: 20 },
      alipaySandboxKeys: alipayKeys,
      // Two late re-sends as well: a notification lost while the merchant is down must still have one
      // to come after it is back, however long the student's 我已支付 takes on a loaded machine (with
      // only 20 and 40 ms, CI on PostgreSQL once used both up before the merchant came back).
      alipaySandbox: { deliver, retryDelaysMs: [20, 40, 500, 2000] },
    },
  );
  // the app wired by the real container, with this provider
  const t = await createTestApp({}, { paymentProvider: provider });
  holder.app = t.app;
  const repo = createPaymentsRepo(t.container.database.db);
  return {
    ...t,
    keys,
    sandbox: provider.sandbox!,
    alipayKeys,
    alipaySandbox: provider.alipaySandbox!,
    client0: provider.client!,
    payments: t.container.payments,
    refunds: t.container.refunds,
    repo,
    deliveries,
    setMerchantDown(down: boolean) {
      merchantDown = down;
    },
  };
}
export type PaymentsTestApp = Awaited<ReturnType<typeof createPaymentsTestApp>>;

let seq = 0;
/** A registered, logged-in student with one collection in a student-paid batch, and its pending order. */
export async function studentWithOrder(t: PaymentsTestApp, priceCents = 3000) {
  seq += 1;
  const n = String(seq).padStart(3, '0');
  const phone = `1390000${String(1000 + seq).slice(-4)}`;
  const idNumber = makeIdNumber(`44010619980115${n}`);
  const client: InjectClient = t.client(`10.77.${seq}.1`);
  await client.post('/api/auth/codes', { purpose: 'register', channel: 'sms', target: phone });
  const reg = await client.post('/api/auth/register', {
    idType: 'id_card', idNumber, name: `付款${n}`, gender: 'male', phone, email: `pay${n}@example.com`, password: 'student-pass-1', code: lastSmsCode(t, phone), agreed: true,
  });
  if (reg.statusCode !== 200) throw new Error(`register failed: ${reg.body}`);
  const studentId = reg.json<{ student: { id: string } }>().student.id;
  const { db } = t.container.database;
  const [school] = await db.insert(schools).values({ name: `测试大学${n}`, code: `PAY${n}` }).returning();
  const [batch] = await db
    .insert(batches)
    .values({ schoolId: school!.id, name: '2025届', mode: 'centralized', featureCode: `P${n}`, priceNoPrintsCents: priceCents, priceWithPrintsCents: priceCents + 1500 })
    .returning();
  const [graduate] = await db
    .insert(graduates)
    .values({ batchId: batch!.id, source: 'form', name: `付款${n}`, idNumberEnc: Buffer.from('x'), idNumberHash: `h${n}`, idLast4: idNumber.slice(-4) })
    .returning();
  const [collection] = await db.insert(collections).values({ studentId, batchId: batch!.id, graduateId: graduate!.id, identity: 'graduate' }).returning();
  const order = await t.container.orders.createForCollection(studentId, { collectionId: collection!.id, withPrints: false });
  return { client, studentId, order, collectionId: collection!.id };
}

/** A notification as the platform would send it, with knobs to forge, tamper or age it. */
export function craftNotification(
  keys: SandboxKeys,
  event: NotificationEvent,
  opts: { now?: Date; platformKey?: KeyObject; apiV3Key?: string } = {},
): { headers: Record<string, string>; body: string } {
  const now = opts.now ?? new Date();
  const body = notificationBody({ apiV3Key: opts.apiV3Key ?? keys.apiV3Key }, event, now);
  const headers = notificationHeaders({ serial: keys.platformSerial, privateKey: opts.platformKey ?? createPrivateKey(keys.platformPrivateKeyPem) }, body, now);
  return { headers, body };
}

export function transactionResource(keys: SandboxKeys, orderNo: string, totalCents: number, transactionId = `4200${Date.now()}${Math.floor(Math.random() * 1e9)}`) {
  return {
    mchid: keys.mchid,
    appid: keys.appid,
    out_trade_no: orderNo,
    transaction_id: transactionId,
    trade_type: 'MWEB',
    trade_state: 'SUCCESS',
    trade_state_desc: '支付成功',
    bank_type: 'OTHERS',
    success_time: '2025-06-01T12:00:00+08:00',
    payer: { openid: 'oTest' },
    amount: { total: totalCents, payer_total: totalCents, currency: 'CNY', payer_currency: 'CNY' },
  };
}
