import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { CheckCode } from '@gradphoto/photo/check-codes';
import { createTestApp, readOutbox, type InjectClient } from '../../test/harness.js';
import { graduateForm, multipart, portrait, registerStudent, waitProcessed } from '../../test/journey-helpers.js';
import { createSchoolsRepo } from '../schools/schools.repo.js';

type App = Awaited<ReturnType<typeof createTestApp>>;
let t: App;
let featureCode: string;
let schoolPaidCode: string;
let reviewer: InjectClient;

beforeAll(async () => {
  t = await createTestApp();
  const seed = await t.container.seed.seedIfEmpty({ centreName: '测试中心', adminPassword: 'admin-pass-1', reviewerPassword: 'reviewer-pass-1' });
  featureCode = seed!.featureCode;
  const schools = createSchoolsRepo(t.container.database.db);
  const school = await schools.insertSchool({ name: '学校付费学院', code: '20000' });
  schoolPaidCode = 'SP26';
  await schools.insertBatch({ schoolId: school.id, name: '学校统一付费批次', mode: 'centralized', featureCode: schoolPaidCode, priceNoPrintsCents: 2000, priceWithPrintsCents: 3500, payer: 'school' });
  reviewer = t.client('10.8.0.1');
  expect((await reviewer.post('/api/console/auth/login', { username: 'reviewer', password: 'reviewer-pass-1' })).statusCode).toBe(200);
}, 120_000);
afterAll(() => t.close());

async function addCollection(client: InjectClient, idNumber: string, code = featureCode) {
  const last4 = idNumber.slice(-4);
  const found = await client.post('/api/collections/find-batch', { mode: 'centralized', featureCode: code.toLowerCase(), idLast4: last4 });
  expect(found.statusCode).toBe(200);
  const batchId = found.json().batches[0].id as string;
  const form = graduateForm(idNumber);
  const preview = await client.post('/api/collections/identify', { method: 'form', form, batchId, idLast4: last4 });
  expect(preview.json().graduate).toMatchObject({ name: '王小红', major: '软件工程', idNumberMasked: `${idNumber.slice(0, 4)}**********${last4}` });
  const created = await client.post('/api/collections', { method: 'form', form, batchId, idLast4: last4, identity: 'graduate' });
  expect(created.statusCode).toBe(200);
  return { collectionId: created.json().id as string, batchId };
}

async function upload(client: InjectClient, collectionId: string, file = 'obama.jpg', source = 'album') {
  const body = multipart({ source }, { name: file, bytes: portrait(file), type: 'image/jpeg' });
  const res = await client.post(`/api/collections/${collectionId}/photos`, body.payload, { contentType: body.contentType });
  expect(res.statusCode).toBe(200);
  return waitProcessed(client, res.json().id);
}

async function reviewNext(decision: 'approve' | 'reject', reason = '头顶位置不符合要求') {
  const next = await reviewer.post('/api/console/reviews/next');
  const item = next.json().item;
  expect(item).not.toBeNull();
  const res = await reviewer.post(`/api/console/submissions/${item.submission.id}/${decision}`, decision === 'reject' ? { reason } : undefined);
  expect(res.statusCode).toBe(200);
  return item.submission.id as string;
}

describe('the student journey', () => {
  it('a student who pays and wants prints: photo → order → payment → review → reprint', async () => {
    const { client, idNumber } = await registerStudent(t);
    const { collectionId } = await addCollection(client, idNumber);

    const draft = await upload(client, collectionId);
    expect(draft.status).toBe('draft');
    expect(['pass', 'warn']).toContain(draft.verdict);
    expect(draft.checks.length).toBeGreaterThan(5);
    const jpg = await client.get(draft.resultUrl);
    const meta = await sharp(jpg.rawPayload).metadata();
    expect([meta.width, meta.height, meta.format]).toEqual([480, 640, 'jpeg']);

    const submitted = await client.post(`/api/submissions/${draft.id}/submit`);
    expect(submitted.json().status).toBe('submitted');

    const address = await client.post('/api/addresses', { recipient: '王小红', phone: '13700001111', provinceCode: '330000', cityCode: '330100', districtCode: '330106', street: '文三路 100 号 3 幢', isDefault: true });
    expect(address.statusCode).toBe(200);
    expect(address.json().regionText).toBe('浙江省 杭州市 西湖区');
    const [o1, o2] = await Promise.all([
      client.post('/api/orders', { collectionId, withPrints: true, layout: 1, addressId: address.json().id }),
      client.post('/api/orders', { collectionId, withPrints: true, layout: 1, addressId: address.json().id }),
    ]);
    expect(o1.json().orderNo).toMatch(/^\d{20}$/);
    expect(o2.json().orderNo).toBe(o1.json().orderNo);
    expect(o1.json().amountCents).toBe(3500);

    const pay = await t.container.orders.applyPayment({ orderNo: o1.json().orderNo, provider: 'sandbox', transactionId: 'T-1', amountCents: 3500, paidAt: new Date(), raw: {} });
    expect(pay.outcome).toBe('paid');
    const again = await t.container.orders.applyPayment({ orderNo: o1.json().orderNo, provider: 'sandbox', transactionId: 'T-1', amountCents: 3500, paidAt: new Date(), raw: {} });
    expect(again.outcome).toBe('duplicate');
    expect((await client.get(`/api/submissions/${draft.id}`)).json().status).toBe('pending_review');
    expect((await client.get('/api/orders')).json().items[0].tab).toBe('pending_review');

    await reviewNext('approve');
    expect((await client.get(`/api/submissions/${draft.id}`)).json().status).toBe('approved');
    const order = (await client.get(`/api/orders/${o1.json().orderNo}`)).json();
    expect(order.tab).toBe('to_ship');
    expect(order.timeline.map((h: { status: string }) => h.status)).toEqual(['pending_payment', 'paid']);
    const retake = multipart({ source: 'album' }, { name: 'obama.jpg', bytes: portrait('obama.jpg'), type: 'image/jpeg' });
    const refused = await client.post(`/api/collections/${collectionId}/photos`, retake.payload, { contentType: retake.contentType });
    expect(refused.json().error.code).toBe('ALREADY_APPROVED');
    expect((await client.post(`/api/orders/${o1.json().orderNo}/refund-request`, { reason: '不想要了' })).json().error.code).toBe('REFUND_NOT_ALLOWED');

    const mailed = await client.post(`/api/submissions/${draft.id}/email`, { to: 'office@school.example' });
    expect(mailed.statusCode).toBe(200);
    const mails = readOutbox<{ to: string; attachments: string[] }>(t.container.config.mail.outboxDir).filter((mm) => mm.to === 'office@school.example');
    expect(mails.at(-1)?.attachments).toEqual(['diploma-photo.jpg']);
    const download = await client.get(`${draft.resultUrl}?download=1`);
    expect(download.headers['content-disposition']).toContain('attachment');

    const reprint = await client.post('/api/orders/reprint', { collectionId, layout: 2, addressId: address.json().id, copies: 2 });
    expect(reprint.json().amountCents).toBe(3000);
    const notes = (await client.get('/api/notifications')).json();
    expect(notes.items.map((n: { kind: string }) => n.kind)).toEqual(expect.arrayContaining(['order.paid', 'submission.pending_review', 'submission.approved']));
  });

  it('a school-paid batch: rejected, then fixed without paying', async () => {
    const { client, idNumber } = await registerStudent(t);
    const { collectionId } = await addCollection(client, idNumber, schoolPaidCode);
    expect((await client.post('/api/orders', { collectionId, withPrints: false })).json().error.code).toBe('ORDER_NOT_NEEDED');
    const first = await upload(client, collectionId, 'biden.jpg', 'camera');
    expect((await client.post(`/api/submissions/${first.id}/submit`)).json().status).toBe('pending_review');
    await reviewNext('reject', '衣服颜色与背景相近');
    const rejected = (await client.get(`/api/collections/${collectionId}`)).json().submission;
    expect(rejected).toMatchObject({ status: 'rejected', rejectReason: '衣服颜色与背景相近' });
    const second = await upload(client, collectionId, 'obama.jpg');
    expect((await client.post(`/api/submissions/${second.id}/submit`)).json().status).toBe('pending_review');
  });

  it('a student who withdraws and retakes; a double submit applies once', async () => {
    const { client, idNumber } = await registerStudent(t);
    const { collectionId } = await addCollection(client, idNumber, schoolPaidCode);
    const first = await upload(client, collectionId);
    const [a, b] = await Promise.all([client.post(`/api/submissions/${first.id}/submit`), client.post(`/api/submissions/${first.id}/submit`)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const body = multipart({ source: 'album' }, { name: 'obama.jpg', bytes: portrait('obama.jpg'), type: 'image/jpeg' });
    expect((await client.post(`/api/collections/${collectionId}/photos`, body.payload, { contentType: body.contentType })).json().error.code).toBe('SUBMISSION_ACTIVE');
    expect((await client.post(`/api/submissions/${first.id}/withdraw`)).json().status).toBe('withdrawn');
    const second = await upload(client, collectionId);
    expect(second.status).toBe('draft');
    const history = await t.container.submissions.history(first.id);
    expect(history.map((h) => h.toStatus)).toEqual(['processing', 'draft', 'pending_review', 'withdrawn']);
  });

  it('an order that times out is closed by its job, and a late payment is flagged for refund', async () => {
    const { client, idNumber } = await registerStudent(t);
    const { collectionId } = await addCollection(client, idNumber);
    const order = (await client.post('/api/orders', { collectionId, withPrints: false })).json();
    expect(order.amountCents).toBe(2000);
    await t.container.database.executeSql(`update orders set expires_at = now() - interval '1 second' where order_no = $1`, [order.orderNo]);
    const row = (await t.container.ordersRepo.findByOrderNo(order.orderNo))!;
    await t.container.jobs.send('orders.close-expired', { orderId: row.id });
    for (let i = 0; i < 100 && (await t.container.ordersRepo.findByOrderNo(order.orderNo))!.status !== 'closed'; i++) await new Promise((r) => setTimeout(r, 50));
    const detail = (await client.get(`/api/orders/${order.orderNo}`)).json();
    expect(detail.status).toBe('closed');
    expect(detail.tab).toBe('closed');
    const late = await t.container.orders.applyPayment({ orderNo: order.orderNo, provider: 'sandbox', transactionId: 'T-late', amountCents: 2000, paidAt: new Date(), raw: {} });
    expect(late.outcome).toBe('late');
    expect((await client.get(`/api/orders/${order.orderNo}`)).json().status).toBe('closed');
    const fresh = await client.post('/api/orders', { collectionId, withPrints: false });
    expect(fresh.json().orderNo).not.toBe(order.orderNo);
  });

  it('refuses bad, revoked and used collection codes with clear messages', async () => {
    const { client, idNumber } = await registerStudent(t);
    const batchId = (await client.post('/api/collections/find-batch', { mode: 'centralized', featureCode, idLast4: idNumber.slice(-4) })).json().batches[0].id;
    const unknown = await client.post('/api/collections/identify', { method: 'code', code: 'not-a-code', batchId, idLast4: idNumber.slice(-4) });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'CODE_UNKNOWN', message: { zh: expect.stringContaining('图像采集码') } });
    const [blank, revoked] = await t.container.collectionCodes.issueBlank(batchId, 2);
    await t.container.collectionCodes.revoke(revoked!.id);
    expect((await client.post('/api/collections/identify', { method: 'code', code: revoked!.token, batchId, idLast4: idNumber.slice(-4) })).json().error.code).toBe('CODE_REVOKED');
    const preview = await client.post('/api/collections/identify', { method: 'code', code: `https://centre.example/c/${blank!.token}`, batchId, idLast4: idNumber.slice(-4) });
    expect(preview.json().graduate.needsForm).toBe(true);
    const created = await client.post('/api/collections', { method: 'code', code: blank!.token, form: graduateForm(idNumber), batchId, idLast4: idNumber.slice(-4), identity: 'freshman' });
    expect(created.statusCode).toBe(200);
    const other = await registerStudent(t);
    const used = await other.client.post('/api/collections/identify', { method: 'code', code: blank!.token, batchId, idLast4: other.idNumber.slice(-4) });
    expect(used.json().error.code).toBe('CODE_USED');
    const wrongLast4 = await client.post('/api/collections/find-batch', { mode: 'centralized', featureCode: 'ZZZZ', idLast4: '1234' });
    expect(wrongLast4.statusCode).toBe(404);
  });

  it('a photo of two people is rejected with the several-faces check', async () => {
    const { client, idNumber } = await registerStudent(t);
    const { collectionId } = await addCollection(client, idNumber, schoolPaidCode);
    const s = await upload(client, collectionId, 'two-people.jpg');
    expect(s.verdict).toBe('reject');
    const failed = s.checks.filter((c: { passed: boolean; severity: string }) => !c.passed && c.severity === 'reject').map((c: { code: string }) => c.code);
    expect(failed).toContain(CheckCode.MULTIPLE_FACES);
    expect((await client.post(`/api/submissions/${s.id}/submit`)).json().error.code).toBe('PHOTO_NOT_COMPLIANT');
    const corrupt = multipart({ source: 'album' }, { name: 'x.jpg', bytes: Buffer.from('%PDF-1.4 not a photo'), type: 'image/jpeg' });
    const bad = await client.post(`/api/collections/${collectionId}/photos`, corrupt.payload, { contentType: corrupt.contentType });
    const processed = await waitProcessed(client, bad.json().id);
    expect(processed.verdict).toBe('error');
    expect(processed.error.message.en.length).toBeGreaterThan(5);
  });
});
