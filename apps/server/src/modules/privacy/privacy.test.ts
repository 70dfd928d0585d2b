import { randomInt, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addresses, collectionCodes, collections, graduates, notifications, orderHistory, orders, payments, students, submissions } from '../../db/schema.js';
import { createJobHandlers } from '../../jobs/handlers.js';
import { createTestApp, lastSmsCode, readOutbox, type InjectClient } from '../../test/harness.js';
import { registerStudent } from '../../test/journey-helpers.js';
import { sampleJpeg } from '../reviews/console-fixtures.js';
import { setupConsole, type ConsoleKit } from '../schools/console-test-kit.js';
import { createExportsRepo } from '../exports/exports.repo.js';
import type { OrderStatus } from '../orders/orders.repo.js';
import type { SubmissionStatus } from '../submissions/submissions.repo.js';
import { PRINT_SIZES, printCacheKey } from '../prints/prints.service.js';

type App = Awaited<ReturnType<typeof createTestApp>>;
let t: App;
let k: ConsoleKit;
beforeAll(async () => {
  t = await createTestApp({ CODE_RESEND_SECONDS: '1' });
  k = await setupConsole(t);
}, 60_000);
afterAll(() => t.close());

const db = () => t.container.database.db;
const sql = (text: string, values: unknown[] = []) => t.container.database.executeSql(text, values);
const PASSWORD = 'student-pass-1';

interface Student {
  client: InjectClient;
  id: string;
  idNumber: string;
  phone: string;
  email: string;
}

async function student(): Promise<Student> {
  const r = await registerStudent(t);
  const me = (await r.client.get('/api/me')).json().student;
  return { ...r, id: me.id, email: me.email };
}

interface Data {
  collectionId: string;
  graduateId: string;
  submissionIds: string[];
  orders: Array<{ id: string; orderNo: string; status: OrderStatus; amountCents: number }>;
  files: string[];
}

/** The student's 学历 in the seeded batch, with photos (files stored), orders (payments for paid ones), an address, a notification, an avatar. */
async function addData(s: Student, opts: { submissions: SubmissionStatus[]; orders: Array<{ status: OrderStatus; withPrints?: boolean }> }): Promise<Data> {
  const idc = t.container.idCrypto;
  const storage = t.container.storage;
  const [g] = await db()
    .insert(graduates)
    .values({ batchId: k.batchId, source: 'form', name: '王小红', studentNumber: '2023001', idNumberEnc: idc.encrypt(s.idNumber), idNumberHash: idc.lookupHash(s.idNumber), idLast4: s.idNumber.slice(-4), department: '计算机学院', major: '软件工程', educationLevel: '本科', email: s.email, phone: s.phone })
    .returning();
  const [c] = await db().insert(collections).values({ studentId: s.id, batchId: k.batchId, graduateId: g!.id, identity: 'graduate' }).returning();
  await db().insert(collectionCodes).values({ token: randomUUID(), batchId: k.batchId, graduateId: g!.id, status: 'active' });
  const files: string[] = [];
  const submissionIds: string[] = [];
  for (const status of opts.submissions) {
    const id = randomUUID();
    const originalKey = `originals/${c!.id}/${id}`;
    const resultKey = `results/${c!.id}/${id}.jpg`;
    const printKey = printCacheKey(id, '#28BEFA', 'one_inch');
    for (const key of [originalKey, resultKey, printKey]) {
      await storage.put(key, await sampleJpeg());
      files.push(key);
    }
    await db().insert(submissions).values({ id, collectionId: c!.id, status, source: 'camera', originalKey, resultKey, verdict: 'pass', report: { checks: [], face: { box: [1, 2, 3, 4] } }, submittedAt: new Date() });
    submissionIds.push(id);
  }
  const made: Data['orders'] = [];
  for (const o of opts.orders) {
    const orderNo = `20260601${String(randomInt(1e11)).padStart(12, '0')}`;
    const amountCents = o.withPrints ? 3500 : 2000;
    const paid = o.status !== 'pending_payment' && o.status !== 'closed';
    const [row] = await db()
      .insert(orders)
      .values({
        orderNo,
        studentId: s.id,
        collectionId: c!.id,
        kind: o.withPrints ? 'prints' : 'collection',
        withPrints: o.withPrints ?? false,
        layout: o.withPrints ? 1 : null,
        shippingAddress: o.withPrints ? { recipient: '王小红', phone: s.phone, regionText: '浙江省 杭州市 西湖区', street: '文三路 1 号' } : null,
        amountCents,
        refundedCents: o.status === 'refunded' ? amountCents : 0,
        status: o.status,
        paidAt: paid ? new Date() : null,
        refundRequestReason: paid ? '不想要了' : null,
      })
      .returning();
    await db().insert(orderHistory).values({ orderId: row!.id, toStatus: o.status, actorType: 'system', note: 'seeded' });
    if (paid) await db().insert(payments).values({ orderId: row!.id, provider: 'sandbox', transactionId: `T${randomUUID()}`, amountCents, status: 'succeeded', raw: { payer: { openid: 'o-secret' }, amount: { total: amountCents } } });
    made.push({ id: row!.id, orderNo, status: o.status, amountCents });
  }
  await db().insert(addresses).values({ studentId: s.id, recipient: '王小红', phone: s.phone, provinceCode: '330000', cityCode: '330100', districtCode: '330106', regionText: '浙江省 杭州市 西湖区', street: '文三路 1 号', isDefault: true });
  await db().insert(notifications).values({ studentId: s.id, kind: 'test', title: { zh: '通知', en: 'Notice' }, body: { zh: '内容', en: 'Body' } });
  await storage.put(`avatars/${s.id}.jpg`, await sampleJpeg());
  files.push(`avatars/${s.id}.jpg`);
  return { collectionId: c!.id, graduateId: g!.id, submissionIds, orders: made, files };
}

const login = (client: InjectClient, idNumber: string, password = PASSWORD) => client.post('/api/auth/login', { method: 'password', idNumber, password });

describe('data deletion: access', () => {
  it('needs a logged-in student, and CSRF for the writes', async () => {
    const s = await student();
    for (const c of [k.anonymous]) {
      expect((await c.get('/api/me/erasure')).statusCode).toBe(401);
      expect((await c.post('/api/me/erasure/code')).statusCode).toBe(401);
      expect((await c.post('/api/me/erasure', { method: 'password', password: PASSWORD })).statusCode).toBe(401);
    }
    for (const c of [k.admin, k.reviewer]) {
      expect((await c.get('/api/me/erasure')).statusCode).toBe(403);
      expect((await c.post('/api/me/erasure', { method: 'password', password: PASSWORD })).statusCode).toBe(403);
    }
    const noCsrf = await s.client.post('/api/me/erasure', { method: 'password', password: PASSWORD }, { csrf: false });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('CSRF');
    expect((await s.client.post('/api/me/erasure/code', undefined, { csrf: false })).statusCode).toBe(403);
    const bad = await s.client.post('/api/me/erasure', { method: 'code', code: '12' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION');
    // still there
    expect((await s.client.get('/api/me')).statusCode).toBe(200);
  });

  it('refuses a wrong password or code and changes nothing', async () => {
    const s = await student();
    const wrong = await s.client.post('/api/me/erasure', { method: 'password', password: 'not-my-password' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({ code: 'BAD_PASSWORD', message: { zh: '密码不正确', en: 'The password is wrong' }, fields: [{ path: 'password' }] });
    const wrongCode = await s.client.post('/api/me/erasure', { method: 'code', code: '000000' });
    expect(wrongCode.statusCode).toBe(400);
    expect(wrongCode.json().error.code).toBe('CODE_INVALID');
    expect((await s.client.get('/api/me')).json().student.name).not.toBe('');
    expect((await sql('select erased_at from students where id = $1', [s.id])).rows[0]).toEqual({ erased_at: null });
  });
});

describe('data deletion: blocked by a paid open order', () => {
  it('names the orders in both languages and keeps everything', async () => {
    const s = await student();
    const data = await addData(s, { submissions: ['pending_review'], orders: [{ status: 'paid' }, { status: 'shipped', withPrints: true }, { status: 'completed', withPrints: true }] });
    const [paid, shipped, completed] = data.orders;

    const status = (await s.client.get('/api/me/erasure')).json();
    expect(status).toMatchObject({
      allowed: false,
      blockingOrders: [
        { orderNo: paid!.orderNo, status: 'paid' },
        { orderNo: shipped!.orderNo, status: 'shipped' },
      ],
      keptOrders: [{ orderNo: completed!.orderNo, status: 'completed' }],
      closedOrders: [],
      codeChannel: 'sms',
      codeTargetMasked: `${s.phone.slice(0, 3)}****${s.phone.slice(-4)}`,
    });

    const res = await s.client.post('/api/me/erasure', { method: 'password', password: PASSWORD });
    expect(res.statusCode).toBe(409);
    const error = res.json().error;
    expect(error.code).toBe('ERASURE_BLOCKED');
    expect(error.data).toEqual({ orderNos: [paid!.orderNo, shipped!.orderNo] });
    for (const lang of ['zh', 'en'] as const) {
      expect(error.message[lang]).toContain(paid!.orderNo);
      expect(error.message[lang]).toContain(shipped!.orderNo);
      expect(error.message[lang]).not.toContain(completed!.orderNo);
    }
    expect(error.message.zh).toContain('已支付但尚未完成或退款');
    expect(error.message.en).toContain('paid but not yet completed or refunded');

    // nothing happened
    expect((await s.client.get('/api/me')).statusCode).toBe(200);
    for (const f of data.files) expect(await t.container.storage.exists(f)).toBe(true);
    expect((await sql('select status from submissions where id = $1', [data.submissionIds[0]])).rows[0]).toEqual({ status: 'pending_review' });
    // a blocked student does not spend a code either
    const code = await s.client.post('/api/me/erasure', { method: 'code', code: '123456' });
    expect(code.json().error.code).toBe('ERASURE_BLOCKED');
  });
});

describe('data deletion', () => {
  it('erases the personal data and files, keeps the orders for accounting, and the account can register again', async () => {
    const s = await student();
    const data = await addData(s, {
      submissions: ['rejected', 'approved'],
      orders: [{ status: 'completed', withPrints: true }, { status: 'refunded' }, { status: 'pending_payment' }],
    });
    const [completed, refunded, unpaid] = data.orders;
    const status = (await s.client.get('/api/me/erasure')).json();
    expect(status).toMatchObject({ allowed: true, blockingOrders: [], closedOrders: [{ orderNo: unpaid!.orderNo }] });
    expect(status.keptOrders.map((o: { orderNo: string }) => o.orderNo)).toEqual([completed!.orderNo, refunded!.orderNo]);
    const exportsRepo = createExportsRepo(db());
    const approvedBefore = await exportsRepo.countApproved({ schoolId: k.schoolId, batchId: k.batchId });

    const res = await s.client.post('/api/me/erasure', { method: 'password', password: PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(res.cookies.find((c) => c.name === 'gp_sid')?.value).toBe('');

    // logged out everywhere, and no way back in
    expect((await s.client.get('/api/me')).statusCode).toBe(401);
    expect((await sql(`select count(*)::int as n from sessions where subject_id = $1`, [s.id])).rows[0]).toEqual({ n: 0 });
    const again = await login(t.client('10.55.0.1'), s.idNumber);
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('BAD_CREDENTIALS');
    // nobody is found by the phone or email any more (code login, reset)
    expect((await sql(`select count(*)::int as n from students where phone = $1 or email = $2`, [s.phone, s.email])).rows[0]).toEqual({ n: 0 });

    // files gone: originals, results, print sizes, avatar
    for (const f of data.files) expect(await t.container.storage.exists(f), f).toBe(false);

    // the account row: nothing personal left
    const [row] = await db().select().from(students).where(eq(students.id, s.id));
    expect(row).toMatchObject({ name: '', phone: null, idLast4: '', passwordHash: '', avatarKey: null, idNumberHash: `erased:${s.id}`, email: `${s.id}@erased.invalid` });
    expect(row!.erasedAt).toBeInstanceOf(Date);
    expect(t.container.idCrypto.decrypt(row!.idNumberEnc)).toBe('');
    const [g] = await db().select().from(graduates).where(eq(graduates.id, data.graduateId));
    expect(g).toMatchObject({ name: '', studentNumber: '', idLast4: '', email: '', phone: '', department: '', major: '', idNumberHash: `erased:${data.graduateId}` });
    expect(t.container.idCrypto.decrypt(g!.idNumberEnc)).toBe('');
    expect((await sql(`select status from collection_codes where graduate_id = $1`, [data.graduateId])).rows).toEqual([{ status: 'revoked' }]);
    const subs = (await sql(`select status, result_key, report, original_deleted_at from submissions where collection_id = $1`, [data.collectionId])).rows;
    expect(subs).toHaveLength(2);
    for (const sub of subs) expect(sub).toMatchObject({ result_key: null, report: null, original_deleted_at: expect.anything() });
    expect((await sql(`select count(*)::int as n from addresses where student_id = $1`, [s.id])).rows[0]).toEqual({ n: 0 });
    expect((await sql(`select count(*)::int as n from notifications where student_id = $1`, [s.id])).rows[0]).toEqual({ n: 0 });
    expect((await sql(`select count(*)::int as n from verification_codes where target = $1`, [s.phone])).rows[0]).toEqual({ n: 0 });

    // orders: numbers, amounts, payments and refunds kept; the address and the student's words gone; unpaid closed
    const kept = (await sql(`select order_no, status, amount_cents, refunded_cents, shipping_address, refund_request_reason from orders where student_id = $1 order by created_at`, [s.id])).rows;
    expect(kept).toEqual([
      { order_no: completed!.orderNo, status: 'completed', amount_cents: 3500, refunded_cents: 0, shipping_address: null, refund_request_reason: null },
      { order_no: refunded!.orderNo, status: 'refunded', amount_cents: 2000, refunded_cents: 2000, shipping_address: null, refund_request_reason: null },
      { order_no: unpaid!.orderNo, status: 'closed', amount_cents: 2000, refunded_cents: 0, shipping_address: null, refund_request_reason: null },
    ]);
    expect((await sql(`select note, note_code, actor_type from order_history where order_id = $1 order by created_at desc limit 1`, [unpaid!.id])).rows[0]).toEqual({ note: null, note_code: 'account_erased', actor_type: 'student' });
    const pays = (await sql(`select amount_cents, raw from payments where order_id = any($1::uuid[]) order by amount_cents`, [[completed!.id, refunded!.id]])).rows;
    expect(pays).toEqual([
      { amount_cents: 2000, raw: { amount: { total: 2000 } } },
      { amount_cents: 3500, raw: { amount: { total: 3500 } } },
    ]);

    // staff see an erased student in the order list, amounts intact
    const list = (await k.admin.get(`/api/console/orders?q=${completed!.orderNo}`)).json();
    expect(list.items[0]).toMatchObject({ orderNo: completed!.orderNo, studentErased: true, studentName: '', graduateName: '', phoneMasked: '', idNumberMasked: '', amountCents: 3500 });
    const detail = (await k.admin.get(`/api/console/orders/${completed!.id}`)).json();
    expect(detail).toMatchObject({ studentErased: true, shippingAddress: null });
    // the photos are out of the exports and unreadable
    expect(await exportsRepo.countApproved({ schoolId: k.schoolId, batchId: k.batchId })).toBe(approvedBefore - 1);
    const photo = await k.admin.get(`/api/submissions/${data.submissionIds[1]}/result.jpg`);
    expect(photo.statusCode).toBe(404);
    expect(photo.json().error.code).toBe('PHOTO_DELETED');

    // audited, and confirmed to the phone
    const audit = (await sql(`select actor_type, actor_id, target_type, target_id, details from audit_log where action = 'student.erased' and target_id = $1`, [s.id])).rows;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_type: 'student', actor_id: s.id, target_type: 'student', details: { method: 'password', closedOrders: [unpaid!.orderNo], keptOrders: [completed!.orderNo, refunded!.orderNo, unpaid!.orderNo], submissions: 2, confirmation: 'sms' } });
    const sms = readOutbox<{ to: string; template: string; text: string }>(t.container.config.sms.outboxDir).filter((m) => m.to === s.phone && m.template === 'account_erased');
    expect(sms).toHaveLength(1);
    expect(sms[0]!.text).toContain('已按您的申请删除');
    expect(sms[0]!.text).toContain(completed!.orderNo);

    // the file job is harmless to repeat
    await createJobHandlers(t.container)['privacy.erase-files']({ studentId: s.id }, 'job-1');
    expect((await t.container.privacy.eraseFiles(s.id)).files).toBeGreaterThan(0);

    // the same ID number and phone register again, and add the same 学历 again by the form
    const fresh = t.client('10.55.0.3');
    expect((await fresh.post('/api/auth/codes', { purpose: 'register', channel: 'sms', target: s.phone })).statusCode).toBe(200);
    const reg = await fresh.post('/api/auth/register', { idType: 'id_card', idNumber: s.idNumber, name: '王小红', gender: 'female', phone: s.phone, email: s.email, password: 'new-pass-123', code: lastSmsCode(t, s.phone), agreed: true });
    expect(reg.statusCode).toBe(200);
    expect(reg.json().student.id).not.toBe(s.id);
    expect((await login(t.client('10.55.0.4'), s.idNumber, 'new-pass-123')).statusCode).toBe(200);
  });

  it('confirms with an SMS code sent to the student’s own phone, and withdraws photos from review', async () => {
    const s = await student();
    const data = await addData(s, { submissions: ['pending_review'], orders: [] });
    await new Promise((r) => setTimeout(r, 1100)); // CODE_RESEND_SECONDS after the registration code
    const sent = await s.client.post('/api/me/erasure/code');
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toMatchObject({ sent: true, channel: 'sms', targetMasked: `${s.phone.slice(0, 3)}****${s.phone.slice(-4)}` });
    const code = lastSmsCode(t, s.phone);
    expect((await s.client.post('/api/me/erasure', { method: 'code', code })).statusCode).toBe(200);
    expect((await sql(`select status from submissions where id = $1`, [data.submissionIds[0]])).rows[0]).toEqual({ status: 'withdrawn' });
    expect((await sql(`select note, from_status from submission_history where submission_id = $1 order by created_at desc limit 1`, [data.submissionIds[0]])).rows[0]).toEqual({ note: 'account erased', from_status: 'pending_review' });
    expect((await s.client.get('/api/me')).statusCode).toBe(401);
    // a second request from the old cookie cannot do anything
    expect((await s.client.post('/api/me/erasure', { method: 'code', code })).statusCode).toBe(401);
  });

  it('the public code endpoint cannot send a deletion code', async () => {
    const s = await student();
    const res = await t.client('10.55.0.9').post('/api/auth/codes', { purpose: 'delete_account', channel: 'sms', target: s.phone });
    expect(res.statusCode).toBe(400);
  });

  it('a student without a phone confirms by email and is told by email', async () => {
    const s = await student();
    await sql(`update students set phone = null where id = $1`, [s.id]);
    const status = (await s.client.get('/api/me/erasure')).json();
    expect(status).toMatchObject({ codeChannel: 'email', codeTargetMasked: `${s.email.slice(0, 2)}***${s.email.slice(s.email.indexOf('@'))}` });
    expect((await s.client.post('/api/me/erasure/code')).json()).toMatchObject({ channel: 'email' });
    const mails = readOutbox<{ to: string; subject: string; text: string }>(t.container.config.mail.outboxDir).filter((m) => m.to === s.email);
    const code = /(\d{6})/.exec(mails.at(-1)!.subject)![1]!;
    expect((await s.client.post('/api/me/erasure', { method: 'code', code })).statusCode).toBe(200);
    const confirmation = readOutbox<{ to: string; subject: string; text: string }>(t.container.config.mail.outboxDir).filter((m) => m.to === s.email).at(-1)!;
    expect(confirmation.subject).toContain('Your account and data have been deleted');
    expect(confirmation.text).toContain('已按您的申请删除');
    expect(confirmation.text).toContain('have been deleted as you asked');
  });

  it('the file job does nothing for a live account', async () => {
    const s = await student();
    const data = await addData(s, { submissions: ['approved'], orders: [] });
    expect(await t.container.privacy.eraseFiles(s.id)).toEqual({ files: 0 });
    for (const f of data.files) expect(await t.container.storage.exists(f)).toBe(true);
    expect(PRINT_SIZES.length).toBeGreaterThan(0);
  });
});
