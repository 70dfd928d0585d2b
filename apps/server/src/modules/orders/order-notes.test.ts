import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/harness.js';
import { seedGraduate } from '../reviews/console-fixtures.js';
import { setupConsole, type ConsoleKit } from '../schools/console-test-kit.js';

type App = Awaited<ReturnType<typeof createTestApp>>;
let t: App;
let k: ConsoleKit;
beforeAll(async () => {
  t = await createTestApp();
  k = await setupConsole(t);
}, 60_000);
afterAll(() => t.close());

const sql = (text: string, values: unknown[] = []) => t.container.database.executeSql(text, values);
const backfill = readFileSync(path.join(import.meta.dirname, '../../db/migrations/0004_order_note_backfill.sql'), 'utf8');

describe('order history notes from before the codes', () => {
  it('the migration turns each English text the server wrote into its code, keeps reasons as typed and leaves other text alone', async () => {
    const g = await seedGraduate(t, k.batchId, { order: { status: 'refunded', withPrints: true } });
    const refundNo = 'RF20260601120000123456';
    await sql(`insert into refunds (order_id, refund_no, amount_cents, reason, status) values ($1, $2, 1500, '部分退款: 少印 (一版)', 'succeeded')`, [g.orderId, refundNo]);
    const legacy: Array<[string, string, string]> = [
      ['paid', 'provider', '4200000000202606010000000001'],
      ['paid', 'student', 'refund requested: 不想要了：拍错了'],
      ['paid', 'staff', 'refund request declined: 照片已提交审核'],
      ['paid', 'staff', `refund ${refundNo}: 部分退款: 少印 (一版) (-1500)`],
      ['in_production', 'staff', 'print run 0a6f3a56-2a8e-4b43-9a43-5d3c1e0f9b11'],
      ['shipped', 'staff', '顺丰速运 SF1234567890'],
      ['shipped', 'staff', 'China Post EMS 1234567890 (import)'],
      ['completed', 'student', 'delivery confirmed'],
      ['completed', 'system', 'completed automatically 10 days after shipping'],
      ['completed', 'system', '学信网 export 7d1c2d33-6a37-4f0e-b0a6-8e9b7f2f4a10'],
      ['closed', 'system', 'payment timeout'],
      ['closed', 'student', 'account erased'],
      ['paid', 'staff', 'a note nobody wrote in code'],
    ];
    let i = 0;
    for (const [to, actor, note] of legacy) {
      await sql(`insert into order_history (order_id, to_status, actor_type, note, created_at) values ($1, $2, $3, $4, now() + make_interval(secs => $5))`, [g.orderId, to, actor, note, ++i]);
    }
    await sql(backfill);

    const history = (await k.admin.get(`/api/console/orders/${g.orderId}`)).json().history as Array<{ noteCode: string | null; noteParams: unknown; note: string | null }>;
    expect(history.slice(-legacy.length).map((h) => [h.noteCode, h.noteParams, h.note])).toEqual([
      ['payment', { transactionId: '4200000000202606010000000001' }, null],
      ['refund_requested', null, '不想要了：拍错了'],
      ['refund_declined', null, '照片已提交审核'],
      ['refund', { refundNo, amountCents: 1500 }, '部分退款: 少印 (一版)'],
      ['print_run', { runId: '0a6f3a56-2a8e-4b43-9a43-5d3c1e0f9b11' }, null],
      ['shipped', { courier: '顺丰速运', trackingNo: 'SF1234567890' }, null],
      ['shipped_import', { courier: 'China Post EMS', trackingNo: '1234567890' }, null],
      ['delivery_confirmed', null, null],
      ['auto_completed', { days: 10 }, null],
      ['exported', { exportId: '7d1c2d33-6a37-4f0e-b0a6-8e9b7f2f4a10' }, null],
      ['payment_timeout', null, null],
      ['account_erased', null, null],
      [null, null, 'a note nobody wrote in code'],
    ]);
  });
});
