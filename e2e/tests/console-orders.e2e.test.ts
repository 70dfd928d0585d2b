import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { desktopContext } from '../src/browser.js';
import { review } from '../src/journey-api.js';
import { consoleLogin, consoleShot, pageApi, tempFile } from '../src/console-kit.js';
import { paidStudent, type PaidStudent } from '../src/console-data.js';
import { outboxCount } from '../src/outbox.js';
import { consoleSuite } from '../src/console-suite.js';

/**
 * Console: orders (search, drawer, partial and full refunds, refund requests), printing and shipping
 * (print run PDF, shipping CSV with a bad row then a good one, labels), 学信网 export, audit log,
 * dashboard, and the reviewer's and coordinator's limits. Three students pay through the real API.
 */

let withPrints: PaidStudent; // approved, with prints → print run → shipped
let digital: PaidStudent; // approved, no prints → partial refund, export
let asking: PaidStudent; // in review, asks for a refund → refunded in full
let batchId = '';

const suite = consoleSuite({
  prepare: async ({ server, browser, reviewer, batch }) => {
    batchId = batch.id;
    withPrints = await paidStudent(browser, server, batch.featureCode, { prints: true, name: '冲印学生' });
    digital = await paidStudent(browser, server, batch.featureCode, { prints: false, name: '电子学生' });
    asking = await paidStudent(browser, server, batch.featureCode, { prints: false, name: '退款学生' });
    const reviewerApi = await reviewer();
    await review(reviewerApi, withPrints.submissionId, 'approve');
    await review(reviewerApi, digital.submissionId, 'approve');
    await asking.api.post(`/api/orders/${asking.orderNo}/refund-request`, { reason: '拍错了，想重新拍' });
  },
  close: async () => {
    for (const s of [withPrints, digital, asking]) await s?.close();
  },
});

const button = (p: Page | Locator, text: string) =>
  p.getByRole('button', { name: new RegExp(text.split('').join('\\s*')) });

describe('orders', () => {
  it('finds an order by phone, shows its timeline, and refunds part of it with a reason (the student gets an SMS)', async () => {
    await suite.page.goto('/console/orders');
    await suite.page.getByTestId('orders-table').getByText(withPrints.orderNo).waitFor();
    await consoleShot(suite.page, 'orders');

    await suite.page.locator('input[name=order-q]').fill(digital.student.phone);
    await suite.page.locator('input[name=order-q]').press('Enter');
    await suite.page.getByTestId('matched-by').getByText('按手机号查找').waitFor();
    await expect.poll(() => suite.page.getByTestId('orders-table').locator('tbody tr').count()).toBe(1);
    await suite.page.getByTestId('orders-table').getByText(digital.orderNo).click();
    const drawer = suite.page.getByTestId('order-drawer');
    await drawer.getByTestId('order-timeline').getByText('已付款').waitFor();

    const smsBefore = outboxCount(suite.server.dataDir, 'sms');
    await drawer.getByTestId('refund-open').click();
    await suite.page.getByTestId('refund-kind').getByText('部分退款').click();
    await suite.page.locator('input#refund-amount').fill('5');
    await suite.page.locator('#refund-reason').fill('照片处理费不退');
    await consoleShot(suite.page, 'order-refund');
    await suite.page.getByTestId('refund-submit').click();
    await drawer.getByTestId('order-refunds').getByText('¥5.00').waitFor();
    // the provider completes the refund; the drawer follows it
    await drawer.getByTestId('order-refunds').getByText('已退款').waitFor({ timeout: 20_000 });
    // the timeline words the refund in Chinese, with the reason as typed
    await drawer.getByTestId('order-timeline').getByText('退款 ¥5.00：照片处理费不退').waitFor();
    await expect.poll(() => outboxCount(suite.server.dataDir, 'sms')).toBeGreaterThan(smsBefore);
    await consoleShot(suite.page, 'order-drawer');
    await suite.page.keyboard.press('Escape');
  });

  it("lists the students' refund requests and refunds one in full", async () => {
    await suite.page.goto('/console/orders/refund-requests');
    const table = suite.page.getByTestId('refund-requests-table');
    await table.getByText('拍错了，想重新拍').waitFor();
    expect(await table.getByText(digital.orderNo).count()).toBe(0);
    await consoleShot(suite.page, 'refund-requests');
    await table.getByText(asking.orderNo).click();
    const drawer = suite.page.getByTestId('order-drawer');
    await drawer.getByTestId('refund-request').waitFor();
    await drawer.getByTestId('refund-open').click();
    // the context asks for reduced motion, so the modal opens without its zoom (nothing to click mid-air)
    await suite.page.getByTestId('refund-submit').waitFor();
    expect(await suite.page.locator('.ant-modal[class*=zoom]').count()).toBe(0);
    await suite.page.getByTestId('refund-submit').click();
    await drawer.getByTestId('order-status').getByText('已退款').waitFor({ timeout: 20_000 });
  });

  it('prints a batch (300 dpi PDF), refuses a shipping file with a bad row, ships from a good one, exports labels', async () => {
    await suite.page.goto(`/console/orders/shipping?batchId=${batchId}`);
    await suite.page.getByTestId('print-create').click();
    await suite.page.getByTestId('print-runs').getByTestId('print-download').waitFor({ timeout: 120_000 });
    await consoleShot(suite.page, 'shipping');

    const bad = [
      '订单号,快递公司,快递单号',
      `${withPrints.orderNo},顺丰速运,SF1234567890`,
      '20990101000000000000,顺丰速运,SF0000000001',
    ].join('\n');
    await suite.page
      .getByTestId('ship-import')
      .locator('input[type=file]')
      .setInputFiles(tempFile('发货-有错.csv', bad));
    await suite.page.getByTestId('ship-import-rows').getByText('20990101000000000000').waitFor();
    await suite.page.getByTestId('ship-import-error').getByText('没有订单被发货').waitFor();
    await consoleShot(suite.page, 'shipping-import-errors');

    const good = ['订单号,快递公司,快递单号', `${withPrints.orderNo},顺丰速运,SF1234567890`].join('\n');
    await suite.page
      .getByTestId('ship-import')
      .locator('input[type=file]')
      .setInputFiles(tempFile('发货.csv', good));
    await suite.page.getByText('已发货 1 个订单').waitFor();

    const labels = suite.page.waitForEvent('download');
    await suite.page.getByTestId('labels-csv').click();
    expect((await labels).suggestedFilename()).toMatch(/\.csv$/);

    await suite.page.goto(`/console/orders?q=${withPrints.orderNo}`);
    await suite.page.getByTestId('orders-table').getByText('已发货').waitFor();
  });
});

describe('学信网 export, audit log and dashboard', () => {
  it('exports the batch with progress and offers the ZIP', async () => {
    await suite.page.goto(`/console/exports?batchId=${batchId}`);
    await suite.page.getByTestId('export-batch').getByText('2027 届毕业生图像采集').waitFor();
    await suite.page.getByTestId('export-start').click();
    await suite.page
      .getByTestId('exports-table')
      .getByTestId('export-download')
      .waitFor({ timeout: 120_000 });
    const status = await suite.page
      .getByTestId('exports-table')
      .getByTestId('export-status')
      .first()
      .textContent();
    expect(status).toContain('2 张照片');
    await consoleShot(suite.page, 'exports');
    const zip = await pageApi(
      suite.page,
      'GET',
      (await suite.page.getByTestId('export-download').first().getAttribute('href'))!,
    );
    expect(zip.status).toBe(200);
  });

  it('finds the refunds in the audit log', async () => {
    await suite.page.goto('/console/audit');
    await suite.page.locator('input#action').fill('order.refund');
    await suite.page.keyboard.press('Escape');
    await suite.page.getByTestId('audit-search').click();
    await expect
      .poll(() => suite.page.getByTestId('audit-table').locator('tbody tr.ant-table-row').count())
      .toBe(2);
    await consoleShot(suite.page, 'audit');
  });

  it('shows the progress of the batch on the dashboard', async () => {
    await suite.page.goto('/console');
    await suite.page.getByTestId('progress-panel').waitFor();
    await expect
      .poll(() =>
        suite.page.getByTestId('progress-approved').locator('.ant-statistic-content-value').textContent(),
      )
      .toBe('2');
    await consoleShot(suite.page, 'dashboard-progress', true);
  });
});

describe('limits', () => {
  it('a reviewer reads orders but cannot refund', async () => {
    const c = await desktopContext(suite.browser, suite.server.baseUrl);
    const p = await c.newPage();
    await consoleLogin(p, 'reviewer');
    await p.goto('/console/orders');
    await p.getByTestId('orders-table').getByText(digital.orderNo).click();
    await p.getByTestId('order-drawer').getByTestId('order-timeline').waitFor();
    expect(await p.getByTestId('refund-open').count()).toBe(0);
    expect(await button(p, '冲印与发货').count()).toBe(0);
    const id = (
      await pageApi<{ items: Array<{ id: string }> }>(p, 'GET', `/api/console/orders?q=${digital.orderNo}`)
    ).json.items[0]!.id;
    const refund = await pageApi(p, 'POST', `/api/console/orders/${id}/refunds`, {
      amountCents: 100,
      reason: '测试',
      idempotencyKey: crypto.randomUUID(),
    });
    expect(refund.status).toBe(403);
    await c.close();
  });

  it('a coordinator has no orders page and cannot refund', async () => {
    const c = await desktopContext(suite.browser, suite.server.baseUrl);
    const p = await c.newPage();
    await consoleLogin(p, 'coordinator');
    await p.goto('/console/orders');
    await p.getByTestId('forbidden').waitFor();
    const refund = await pageApi(p, 'POST', `/api/console/orders/${crypto.randomUUID()}/refunds`, {
      amountCents: 100,
      reason: '测试',
      idempotencyKey: crypto.randomUUID(),
    });
    expect(refund.status).toBe(403);
    await p.goto('/console');
    await p.getByTestId('progress-panel').waitFor();
    await consoleShot(p, 'dashboard-coordinator-progress');
    await c.close();
  });
});
