import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeXlsx } from '../../adapters/spreadsheet.js';
import { createTestApp } from '../../test/harness.js';
import { multipart } from '../../test/journey-helpers.js';
import { seedGraduate } from '../reviews/console-fixtures.js';
import { expectAccess, setupConsole, type ConsoleKit } from '../schools/console-test-kit.js';
import { createShippingRepo } from './shipping.repo.js';

type App = Awaited<ReturnType<typeof createTestApp>>;
let t: App;
let k: ConsoleKit;
beforeAll(async () => {
  t = await createTestApp();
  k = await setupConsole(t);
}, 60_000);
afterAll(() => t.close());

const sql = (text: string, values: unknown[] = []) => t.container.database.executeSql(text, values);
const order = async (id: string | null) => (await sql('select status, courier, tracking_no from orders where id = $1', [id])).rows[0]!;
const inProduction = (name?: string) => seedGraduate(t, k.batchId, { name, submission: { status: 'approved' }, order: { withPrints: true, layout: 1, status: 'in_production' } });
const csv = (text: string, name = 'ship.csv') => multipart({}, { name, bytes: Buffer.from(text, 'utf8'), type: 'text/csv' });
const upload = (body: { payload: Buffer; contentType: string }, client = k.admin) => client.post('/api/console/shipments/import', body.payload, { contentType: body.contentType });

describe('shipping', () => {
  it('only admins ship, import and export labels', async () => {
    const g = await inProduction();
    const file = csv(`订单号,快递公司,快递单号\n${g.orderNo},顺丰速运,SF1234567890\n`);
    await expectAccess(k, (c) => c.post(`/api/console/orders/${g.orderId}/ship`, { courier: '顺丰速运', trackingNo: 'SF1234567890' }), { reviewer: 403, coordinator: 403, otherCoordinator: 403, student: 403, anonymous: 401 });
    await expectAccess(k, (c) => upload(file, c), { reviewer: 403, coordinator: 403, otherCoordinator: 403, student: 403, anonymous: 401 });
    await expectAccess(k, (c) => c.get(`/api/console/batches/${k.batchId}/address-labels.csv`), { reviewer: 403, coordinator: 403, otherCoordinator: 403, student: 403, anonymous: 401 });
    expect((await order(g.orderId)).status).toBe('in_production');
  });

  it('ships one order: courier and tracking number, the student told; twice or too early is refused', async () => {
    const g = await inProduction();
    const [a, b] = await Promise.all([
      k.admin.post(`/api/console/orders/${g.orderId}/ship`, { courier: '顺丰速运', trackingNo: 'SF1234567890' }),
      k.admin.post(`/api/console/orders/${g.orderId}/ship`, { courier: '顺丰速运', trackingNo: 'SF1234567890' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.statusCode === 409)!.json().error.code).toBe('ALREADY_SHIPPED');
    expect(await order(g.orderId)).toEqual({ status: 'shipped', courier: '顺丰速运', tracking_no: 'SF1234567890' });
    const shipped = (await k.admin.get(`/api/console/orders/${g.orderId}`)).json().history.at(-1);
    expect(shipped).toMatchObject({ to: 'shipped', note: null, noteCode: 'shipped', noteParams: { courier: '顺丰速运', trackingNo: 'SF1234567890' } });
    const note = (await sql(`select body from notifications where student_id = $1 and kind = 'order.shipped'`, [g.studentId])).rows;
    expect(note).toHaveLength(1);
    expect((note[0]!.body as { zh: string }).zh).toContain('SF1234567890');
    expect((await sql(`select count(*)::int as n from audit_log where action = 'order.ship' and target_id = $1`, [g.orderId])).rows[0]).toEqual({ n: 1 });

    const paid = await seedGraduate(t, k.batchId, { submission: { status: 'approved' }, order: { withPrints: true, status: 'paid' } });
    expect((await k.admin.post(`/api/console/orders/${paid.orderId}/ship`, { courier: '顺丰速运', trackingNo: 'SF1234567891' })).json().error.code).toBe('ORDER_STATE');
    expect((await k.admin.post(`/api/console/orders/${paid.orderId}/ship`, { courier: '顺丰速运', trackingNo: '12' })).statusCode).toBe(400);
  });

  it('a CSV with a bad row ships nothing and reports every bad row', async () => {
    const ok1 = await inProduction();
    const ok2 = await inProduction();
    const paid = await seedGraduate(t, k.batchId, { submission: { status: 'approved' }, order: { withPrints: true, status: 'paid' } });
    const file = csv(
      [
        '订单号,快递公司,快递单号',
        `${ok1.orderNo},顺丰速运,SF0000000001`,
        `${ok2.orderNo},中通快递,ZT00000002`,
        `${paid.orderNo},中通快递,ZT00000003`,
        `${ok1.orderNo},顺丰速运,SF0000000004`,
        '20269999999999999999,邮政,EMS0000005',
        '123,邮政,EMS0000006',
        `${ok2.orderNo!.slice(0, 19)}9,,x`,
      ].join('\n'),
    );
    const res = await upload(file);
    expect(res.statusCode).toBe(400);
    const err = res.json().error;
    expect(err.code).toBe('SHIP_IMPORT_INVALID');
    const codes = err.data.rows.map((r: { row: number; code: string }) => `${r.row}:${r.code}`);
    expect(codes).toEqual(['4:ORDER_STATE', '5:DUPLICATE', '6:ORDER_NOT_FOUND', '7:ORDER_NO', '8:COURIER', '8:TRACKING_NO']);
    expect(err.data.rows[0].message.zh).toContain('已支付');
    for (const g of [ok1, ok2, paid]) expect((await order(g.orderId)).status).not.toBe('shipped');

    const fixed = csv(`订单号,快递公司,快递单号\r\n${ok1.orderNo},顺丰速运,SF0000000001\r\n${ok2.orderNo},中通快递,ZT00000002\r\n`);
    const done = await upload(fixed);
    expect(done.json()).toEqual({ shipped: 2 });
    expect(await order(ok1.orderId)).toEqual({ status: 'shipped', courier: '顺丰速运', tracking_no: 'SF0000000001' });
    expect(await order(ok2.orderId)).toEqual({ status: 'shipped', courier: '中通快递', tracking_no: 'ZT00000002' });
    const history = (await sql(`select from_status, to_status, actor_type, note, note_code, note_params from order_history where order_id = $1 order by created_at desc limit 1`, [ok2.orderId])).rows[0];
    expect(history).toEqual({ from_status: 'in_production', to_status: 'shipped', actor_type: 'staff', note: null, note_code: 'shipped_import', note_params: { courier: '中通快递', trackingNo: 'ZT00000002' } });
  });

  it('reads XLSX too, and refuses files it cannot use', async () => {
    const g = await inProduction();
    const xlsx = await writeXlsx('发货', ['订单号', '快递公司', '运单号'], [[g.orderNo!, '京东物流', 'JD0001234567']]);
    const res = await upload(multipart({}, { name: '发货.xlsx', bytes: xlsx, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
    expect(res.json()).toEqual({ shipped: 1 });
    expect((await upload(csv('a,b,c\n1,2,3\n'))).json().error.code).toBe('SHIP_IMPORT_COLUMNS');
    expect((await upload(csv('订单号,快递公司,快递单号\n'))).json().error.code).toBe('FILE_EMPTY');
    expect((await upload(multipart({}, { name: 'x.pdf', bytes: Buffer.from('%PDF-1.4'), type: 'application/pdf' }))).json().error.code).toBe('FILE_TYPE');
  });

  it('ships all rows or none even when an order changes state at the last moment', async () => {
    const a = await inProduction();
    const b = await seedGraduate(t, k.batchId, { submission: { status: 'approved' }, order: { withPrints: true, status: 'refunded' } });
    const staffId = (await sql(`select id from staff where username = 'admin'`)).rows[0]!.id as string;
    const result = await createShippingRepo(t.container.database.db).shipAll(
      [
        { orderNo: a.orderNo!, courier: '顺丰速运', trackingNo: 'SF1111111111' },
        { orderNo: b.orderNo!, courier: '顺丰速运', trackingNo: 'SF2222222222' },
      ],
      staffId,
      new Date(),
    );
    expect(result).toEqual({ failedOrderNo: b.orderNo });
    expect((await order(a.orderId)).status).toBe('in_production');
  });

  it('exports address labels as a CSV Excel opens (UTF-8 with BOM)', async () => {
    const g = await inProduction('欧阳娜娜');
    const res = await k.admin.get(`/api/console/batches/${k.batchId}/address-labels.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.rawPayload.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('订单号,收件人,电话,省市区,详细地址,姓名,学号,学校,批次,版式,份数,快递公司,快递单号');
    const mine = lines.find((l) => l.startsWith(g.orderNo!))!;
    expect(mine).toContain('欧阳娜娜');
    expect(mine).toContain('浙江省 杭州市 西湖区');
    expect(mine).toContain('版式一');
    const shipped = (await k.admin.get(`/api/console/batches/${k.batchId}/address-labels.csv?status=shipped`)).rawPayload.toString('utf8');
    expect(shipped).not.toContain(g.orderNo!);
    expect((await sql(`select count(*)::int as n from audit_log where action = 'order.labels_export'`)).rows[0]!.n).toBeGreaterThanOrEqual(2);
  });

  it('completes shipped orders automatically after the configured days', async () => {
    const old = await seedGraduate(t, k.batchId, { submission: { status: 'approved' }, order: { withPrints: true, status: 'shipped' } });
    const recent = await seedGraduate(t, k.batchId, { submission: { status: 'approved' }, order: { withPrints: true, status: 'shipped' } });
    const days = t.container.config.orders.autoCompleteDays;
    await sql(`update orders set shipped_at = now() - make_interval(days => $2::int) - interval '1 hour' where id = $1`, [old.orderId, days]);
    await sql(`update orders set shipped_at = now() - interval '1 day' where id = $1`, [recent.orderId]);
    expect(await t.container.shipping.autoComplete()).toBeGreaterThanOrEqual(1);
    expect((await order(old.orderId)).status).toBe('completed');
    expect((await order(recent.orderId)).status).toBe('shipped');
    const h = (await sql(`select actor_type, note, note_code, note_params from order_history where order_id = $1 order by created_at desc limit 1`, [old.orderId])).rows[0];
    expect(h).toEqual({ actor_type: 'system', note: null, note_code: 'auto_completed', note_params: { days } });
    expect((await sql(`select kind from notifications where student_id = $1`, [old.studentId])).rows.map((r) => r.kind)).toContain('order.completed');
    // running it again changes nothing
    expect(await t.container.shipping.autoComplete()).toBe(0);
  });
});
