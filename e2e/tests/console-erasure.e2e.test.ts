import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../src/journey-api.js';
import { review } from '../src/journey-api.js';
import { consoleShot, pageApi } from '../src/console-kit.js';
import { paidStudent, type PaidStudent } from '../src/console-data.js';
import { consoleSuite } from '../src/console-suite.js';

/**
 * Console: files built before a student's data deletion. Four students with prints are approved; two print
 * runs and a 学信网 export are made; three parcels are delivered, and two of those students delete their
 * accounts. The export's ZIP and the printed run's PDF are gone (文件已删除, with 重新导出 / 重新生成), the run
 * still to print is rebuilt without the student, and a new export leaves them out.
 */

let gone: PaidStudent; // delivered, then deletes their account
let waiting: PaidStudent; // on gone's print run, still in production
let gone2: PaidStudent; // delivered, then deletes their account
let printed: PaidStudent; // on gone2's print run, delivered
let batchId = '';
const runIds: string[] = [];
let exportId = '';

type FileView = { status: string; purgedAt: string | null };
/** Waits until `read` of the console's view of an export or print run says `want` (in beforeAll: no expect.poll). */
async function poll(admin: ApiClient, url: string, want: string, read = (x: FileView) => x.status) {
  let got = '';
  for (let i = 0; i < 600 && got !== want; i++) {
    if (i) await new Promise((r) => setTimeout(r, 200));
    got = read(await admin.get<FileView>(url));
  }
  if (got !== want) throw new Error(`${url}: ${got}, not ${want}`);
}

const suite = consoleSuite({
  prepare: async ({ server, browser, admin, reviewer, batch }) => {
    batchId = batch.id;
    const student = (name: string) => paidStudent(browser, server, batch.featureCode, { prints: true, name });
    [gone, waiting, gone2, printed] = [
      await student('注销同学'),
      await student('待印同学'),
      await student('注销同学乙'),
      await student('已印同学'),
    ];
    const reviewerApi = await reviewer();
    for (const s of [gone, waiting, gone2, printed]) await review(reviewerApi, s.submissionId, 'approve');
    const orderId = async (s: PaidStudent) =>
      (await admin.get<{ items: Array<{ id: string }> }>(`/api/console/orders?q=${s.orderNo}`)).items[0]!.id;

    for (const pair of [
      [gone, waiting],
      [gone2, printed],
    ]) {
      const orderIds = [await orderId(pair[0]!), await orderId(pair[1]!)];
      const run = await admin.post<{ id: string }>('/api/console/print-runs', { batchId, orderIds });
      await poll(admin, `/api/console/print-runs/${run.id}`, 'succeeded');
      runIds.push(run.id);
    }
    exportId = (await admin.post<{ id: string }>('/api/console/exports', { batchId })).id;
    await poll(admin, `/api/console/exports/${exportId}`, 'succeeded');

    // three parcels delivered; two of those students delete their accounts
    for (const s of [gone, gone2, printed]) {
      const parcel = { courier: '顺丰速运', trackingNo: `SF${s.orderNo.slice(-10)}` };
      await admin.post(`/api/console/orders/${await orderId(s)}/ship`, parcel);
      await s.api.post(`/api/orders/${s.orderNo}/confirm-delivery`);
    }
    for (const s of [gone, gone2]) {
      await s.api.post('/api/me/erasure', { method: 'password', password: s.student.password });
    }
    // the erasure's job: the export and the printed run deleted, the other run rebuilt
    await poll(admin, `/api/console/exports/${exportId}`, 'purged');
    await poll(admin, `/api/console/print-runs/${runIds[0]}`, 'succeeded, rebuilt', (r) =>
      r.purgedAt ? `${r.status}, rebuilt` : r.status,
    );
  },
  close: async () => {
    for (const s of [gone, waiting, gone2, printed]) await s?.close();
  },
});

describe('files built before a student’s data deletion', () => {
  it('the export shows its file deleted, refuses the old link, and exports again without the student', async () => {
    await suite.page.goto(`/console/exports?batchId=${batchId}`);
    const table = suite.page.getByTestId('exports-table');
    const row = table.locator('tbody tr.ant-table-row').first();
    await row.getByText('文件已删除').waitFor();
    expect(await row.getByTestId('export-status').textContent()).toContain('含已注销学生的个人信息');
    expect(await row.getByTestId('export-download').count()).toBe(0);
    const old = await pageApi<{ error: { code: string } }>(
      suite.page,
      'GET',
      `/api/console/exports/${exportId}/download`,
    );
    expect([old.status, old.json.error.code]).toEqual([404, 'EXPORT_FILE_DELETED']);
    await suite.page.mouse.move(0, 0);
    await consoleShot(suite.page, 'exports-erased');

    await row.getByTestId('export-again').click();
    await suite.page.getByText('已开始新的导出').waitFor();
    const fresh = table.locator('tbody tr.ant-table-row').first();
    await fresh.getByTestId('export-download').waitFor({ timeout: 120_000 });
    expect(await fresh.getByTestId('export-status').textContent()).toContain('2 张照片');
  });

  it('the printed run shows its PDF deleted and can be rebuilt; the run still to print was rebuilt without the student', async () => {
    await suite.page.goto(`/console/orders/shipping?batchId=${batchId}`);
    const runs = suite.page.getByTestId('print-runs').locator('tbody tr.ant-table-row');
    const [rebuilt, printed] = [runs.nth(1), runs.nth(0)]; // newest first
    await printed.getByText('文件已删除').waitFor();
    expect(await printed.getByTestId('print-status').textContent()).toContain('照片已冲印');
    expect(await rebuilt.getByTestId('print-status').textContent()).toContain('此文件不含该学生');
    expect(await rebuilt.getByTestId('print-download').count()).toBe(1);
    const old = await pageApi<{ error: { code: string } }>(
      suite.page,
      'GET',
      `/api/console/print-runs/${runIds[1]}/sheets.pdf`,
    );
    expect([old.status, old.json.error.code]).toEqual([404, 'PRINT_RUN_FILE_DELETED']);
    await consoleShot(suite.page, 'shipping-erased');

    await printed.getByTestId('print-retry').click();
    await printed.getByTestId('print-download').waitFor({ timeout: 120_000 });
    const run = await pageApi<{ sheetCount: number }>(
      suite.page,
      'GET',
      `/api/console/print-runs/${runIds[1]}`,
    );
    expect(run.json.sheetCount).toBe(1);
  });

  it('says the same in English', async () => {
    await suite.page.getByTestId('lang-switch').getByText('English').click();
    await suite.page.goto(`/console/exports?batchId=${batchId}`);
    await suite.page.getByTestId('exports-table').getByText('File deleted').waitFor();
    expect(await suite.page.getByTestId('export-again').textContent()).toBe('Export again');
    await consoleShot(suite.page, 'exports-erased-en');
    await suite.page.goto(`/console/orders/shipping?batchId=${batchId}`);
    await suite.page.getByTestId('print-runs').getByText('this one leaves them out').first().waitFor();
    await consoleShot(suite.page, 'shipping-erased-en');
  });
});
