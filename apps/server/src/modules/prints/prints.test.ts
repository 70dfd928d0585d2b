import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrintPhotoError, type PrintSize } from '../../adapters/photo-engine.js';
import { createTestApp } from '../../test/harness.js';
import { fakePrintEngine } from '../../test/fake-print-engine.js';
import { seedGraduate } from '../reviews/console-fixtures.js';
import { expectAccess, setupConsole, type ConsoleKit } from '../schools/console-test-kit.js';

/** Records each call's sizes and background; `failNext` makes the engine find no face. */
const calls: Array<{ sizes: readonly PrintSize[]; background: string }> = [];
let failNext = false;
const fakeEngine = fakePrintEngine((_bytes, sizes, { background }) => {
  calls.push({ sizes, background });
  if (failNext) throw new PrintPhotoError('NO_FACE', { zh: '未检测到人脸', en: 'No face found' });
});

type App = Awaited<ReturnType<typeof createTestApp>>;
let t: App;
let k: ConsoleKit;
beforeAll(async () => {
  t = await createTestApp({}, { photoEngine: fakeEngine });
  k = await setupConsole(t);
}, 60_000);
afterAll(() => t.close());

const sql = (text: string, values: unknown[] = []) => t.container.database.executeSql(text, values);
const orderStatus = async (id: string | null) => (await sql('select status from orders where id = $1', [id])).rows[0]!.status;

async function waitRun(id: string) {
  for (let i = 0; i < 200; i++) {
    const run = (await k.admin.get(`/api/console/print-runs/${id}`)).json();
    if (run.status === 'succeeded' || run.status === 'failed') return run;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('print run did not finish');
}

describe('print runs', () => {
  it('only admins make and download print runs', async () => {
    const calls2 = [
      (c: typeof k.admin) => c.get(`/api/console/batches/${k.batchId}/print-candidates`),
      (c: typeof k.admin) => c.post('/api/console/print-runs', { batchId: k.otherBatchId }),
      (c: typeof k.admin) => c.get('/api/console/print-runs'),
      (c: typeof k.admin) => c.get('/api/console/print-runs/00000000-0000-4000-8000-000000000000'),
      (c: typeof k.admin) => c.post('/api/console/print-runs/00000000-0000-4000-8000-000000000000/retry'),
      (c: typeof k.admin) => c.get('/api/console/print-runs/00000000-0000-4000-8000-000000000000/sheets.pdf'),
    ];
    for (const call of calls2) await expectAccess(k, call, { reviewer: 403, coordinator: 403, otherCoordinator: 403, student: 403, anonymous: 401 });
  });

  it('puts the approved, paid orders with prints of a batch on a run and renders one 300 dpi PDF', async () => {
    const approved = { status: 'approved' as const };
    const a = await seedGraduate(t, k.batchId, { name: '张伟', submission: approved, order: { withPrints: true, layout: 1 } });
    const b = await seedGraduate(t, k.batchId, { name: '欧阳娜娜', submission: approved, order: { kind: 'reprint', withPrints: true, layout: 2, copies: 2 } });
    const notApproved = await seedGraduate(t, k.batchId, { order: { withPrints: true, layout: 1 } });
    const noPrints = await seedGraduate(t, k.batchId, { submission: approved, order: { withPrints: false } });
    const otherBatch = await seedGraduate(t, k.otherBatchId, { submission: approved, order: { withPrints: true, layout: 1 } });

    const candidates = (await k.admin.get(`/api/console/batches/${k.batchId}/print-candidates`)).json();
    expect(candidates.items.map((c: { orderNo: string }) => c.orderNo)).toEqual([a.orderNo, b.orderNo]);

    calls.length = 0;
    const created = await k.admin.post('/api/console/print-runs', { batchId: k.batchId });
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({ orderCount: 2, sheetCount: 3, schoolName: '示范大学' });
    expect(await orderStatus(a.orderId)).toBe('in_production');
    expect(await orderStatus(b.orderId)).toBe('in_production');
    for (const untouched of [notApproved, noPrints, otherBatch]) expect(await orderStatus(untouched.orderId)).toBe('paid');
    const history = (await sql(`select from_status, to_status, actor_type, note, note_code, note_params from order_history where order_id = $1 order by created_at`, [a.orderId])).rows;
    expect(history.at(-1)).toEqual({ from_status: 'paid', to_status: 'in_production', actor_type: 'staff', note: null, note_code: 'print_run', note_params: { runId: created.json().id } });

    const run = await waitRun(created.json().id);
    expect(run).toMatchObject({ status: 'succeeded', doneOrders: 2, sheetCount: 3, downloadUrl: `/api/console/print-runs/${run.id}/sheets.pdf` });
    expect(run.orders.map((o: { orderNo: string; status: string }) => [o.orderNo, o.status])).toEqual([
      [a.orderNo, 'in_production'],
      [b.orderNo, 'in_production'],
    ]);
    // each original processed to the sizes its layout holds, on the batch's background
    expect(calls).toEqual([
      { sizes: ['one_inch', 'two_inch'], background: '#28BEFA' },
      { sizes: ['two_inch'], background: '#28BEFA' },
    ]);

    const pdf = await k.admin.get(run.downloadUrl);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain("filename*=UTF-8''");
    const doc = await PDFDocument.load(pdf.rawPayload);
    expect(doc.getPageCount()).toBe(3); // order a once, order b twice (2 copies)
    const { width, height } = doc.getPage(0).getSize();
    expect(width / (72 / 25.4)).toBeCloseTo(152, 0);
    expect(height / (72 / 25.4)).toBeCloseTo(102, 0);
    expect(pdf.rawPayload.length).toBe(run.fileBytes);

    // nothing left to print in that batch
    expect((await k.admin.post('/api/console/print-runs', { batchId: k.batchId })).json().error.code).toBe('NOTHING_TO_PRINT');
    expect((await sql(`select count(*)::int as n from audit_log where action in ('print_run.create', 'print_run.download')`)).rows[0]).toEqual({ n: 2 });
  });

  it('a double click makes one run; every order lands on exactly one run', async () => {
    const seeded = await Promise.all(Array.from({ length: 4 }, () => seedGraduate(t, k.otherBatchId, { submission: { status: 'approved' }, order: { withPrints: true, layout: 2 } })));
    const [r1, r2] = await Promise.all([k.admin.post('/api/console/print-runs', { batchId: k.otherBatchId }), k.admin.post('/api/console/print-runs', { batchId: k.otherBatchId })]);
    expect([r1.statusCode, r2.statusCode].sort()).toEqual([200, 409]);
    const ok = r1.statusCode === 200 ? r1 : r2;
    await waitRun(ok.json().id);
    const ids = seeded.map((s) => s.orderId);
    const onRuns = (await sql('select order_id, count(*)::int as n from print_run_orders where order_id = any($1::uuid[]) group by order_id', [ids])).rows;
    expect(onRuns).toHaveLength(4);
    expect(onRuns.every((r) => r.n === 1)).toBe(true);
  });

  it('picks only the orders asked for, and refuses ones that cannot be printed', async () => {
    const a = await seedGraduate(t, k.batchId, { submission: { status: 'approved' }, order: { withPrints: true, layout: 1 } });
    const b = await seedGraduate(t, k.batchId, { submission: { status: 'approved' }, order: { withPrints: true, layout: 1 } });
    const bad = await seedGraduate(t, k.batchId, { submission: { status: 'pending_review' }, order: { withPrints: true, layout: 1 } });
    const refused = await k.admin.post('/api/console/print-runs', { batchId: k.batchId, orderIds: [a.orderId, bad.orderId] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'ORDER_NOT_PRINTABLE', data: { orderIds: [bad.orderId] } });
    expect(await orderStatus(a.orderId)).toBe('paid');
    const run = await k.admin.post('/api/console/print-runs', { batchId: k.batchId, orderIds: [b.orderId] });
    expect(run.json().orderCount).toBe(1);
    await waitRun(run.json().id);
    expect(await orderStatus(a.orderId)).toBe('paid');
    expect(await orderStatus(b.orderId)).toBe('in_production');
  });

  it('a failure names the order and can be retried; processed sizes are reused', async () => {
    const a = await seedGraduate(t, k.batchId, { name: '失败一次', submission: { status: 'approved' }, order: { withPrints: true, layout: 1 } });
    failNext = true;
    const created = (await k.admin.post('/api/console/print-runs', { batchId: k.batchId, orderIds: [a.orderId] })).json();
    const failed = await waitRun(created.id);
    expect(failed.status).toBe('failed');
    expect(failed.failure.code).toBe('NO_FACE');
    expect(failed.failure.message.zh).toBe(`订单 ${a.orderNo}：未检测到人脸`);
    expect((await k.admin.get(`/api/console/print-runs/${created.id}/sheets.pdf`)).json().error.code).toBe('PRINT_RUN_NOT_READY');
    expect(await orderStatus(a.orderId)).toBe('in_production');

    failNext = false;
    calls.length = 0;
    expect((await k.admin.post(`/api/console/print-runs/${created.id}/retry`)).statusCode).toBe(200);
    const done = await waitRun(created.id);
    expect(done.status).toBe('succeeded');
    expect(calls).toHaveLength(1);
    // rendering again (a repeated job) reuses the stored print sizes
    calls.length = 0;
    await sql(`update print_runs set status = 'queued' where id = $1`, [created.id]);
    await t.container.prints.render(created.id);
    expect(calls).toHaveLength(0);
    expect((await k.admin.get(`/api/console/print-runs/${created.id}`)).json().status).toBe('succeeded');
    expect((await k.admin.post(`/api/console/print-runs/${created.id}/retry`)).json().error.code).toBe('PRINT_RUN_STATE');
    const list = (await k.admin.get(`/api/console/print-runs?batchId=${k.batchId}`)).json();
    expect(list.items[0].id).toBe(created.id);
  });
});
