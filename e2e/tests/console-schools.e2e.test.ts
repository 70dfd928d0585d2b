import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { connectBrowser, desktopContext } from '../src/browser.js';
import { startServer, type TestServer } from '../src/server.js';
import { consoleLogin, consoleShot, idNumber, pageApi, tempFile } from '../src/console-kit.js';

/** Console: schools and batches, roster import (bad file, then good), the audited ID reveal, 图像采集码, and a coordinator's limits. */

let server: TestServer;
let browser: Browser;
let admin: BrowserContext;
let page: Page;
let batchUrl = '';

beforeAll(async () => {
  server = await startServer();
  browser = await connectBrowser();
  admin = await desktopContext(browser, server.baseUrl);
  page = await admin.newPage();
  await consoleLogin(page, 'admin');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const button = (p: Page | Locator, text: string) =>
  p.getByRole('button', { name: new RegExp(text.split('').join('\\s*')) });

describe('schools and batches', () => {
  it('creates a school and a batch with prices, colour, policy and window, then edits it', async () => {
    await page.goto('/console/schools');
    await page.getByTestId('schools-table').getByText('示范大学').waitFor();
    await consoleShot(page, 'schools');

    await page.getByTestId('school-create').click();
    await page.locator('input[name=name]').fill('杭州测试理工大学');
    await page.locator('input[name=code]').fill(`E2E${Date.now() % 100000}`);
    await page.locator('input[name=region]').fill('330100');
    await page.getByTestId('school-save').click();
    await page.waitForURL(/\/console\/schools\/[0-9a-f-]{36}$/);
    await page.getByTestId('page-title').getByText('杭州测试理工大学').waitFor();

    await page.getByTestId('batch-create').click();
    await page.locator('input[name=name]').fill('2027 届本科毕业生');
    await page.locator('input#batch-priceNoPrints').fill('25');
    await page.locator('input#batch-priceWithPrints').fill('39.9');
    await page.getByText('学校统一付款').click();
    await page.getByText('仅限现场拍摄').click();
    await page.getByTestId('batch-background').getByText('白色').click();
    await consoleShot(page, 'batch-form');
    await page.getByTestId('batch-save').click();
    await page.waitForURL(/\/console\/batches\/[0-9a-f-]{36}$/);
    batchUrl = new URL(page.url()).pathname.replace(/^\/console/, '');
    const code = await page.getByTestId('batch-code-card').getByTestId('feature-code').textContent();
    expect(code).toMatch(/^[0-9A-Z]{4}$/);
    await page.getByText('¥39.90').waitFor();
    await page.getByText('仅限现场拍摄').waitFor();
    await page.getByText('学校统一付款').waitFor();

    await page.getByTestId('batch-edit').click();
    await page.locator('input#batch-priceWithPrints').fill('20');
    await page.getByTestId('batch-save').click();
    // with prints cheaper than without: the server refuses, on the field
    await page.getByText('含冲印的价格不能低于不含冲印的价格').waitFor();
    await page.locator('input#batch-priceWithPrints').fill('45');
    await page.getByTestId('batch-save').click();
    await page.getByText('¥45.00').waitFor();
    await consoleShot(page, 'batch');
    await page.getByRole('link', { name: '杭州测试理工大学' }).click();
    await page.getByTestId('batches-table').getByText('2027 届本科毕业生').waitFor();
    await consoleShot(page, 'school');
  });
});

describe('roster import', () => {
  it('shows every bad row with a downloadable report and imports nothing, then imports a good file', async () => {
    await page.goto(`/console${batchUrl}/roster`);
    await page.getByTestId('roster-table').waitFor();

    const good = [idNumber(), idNumber(), idNumber()];
    const bad = good[0]!.slice(0, 17) + (good[0]!.endsWith('0') ? '1' : '0');
    const badCsv = [
      '序号,考生姓名,身份证号（18位）,学号,专业',
      `1,张三,${good[0]},S001,软件工程`,
      `2,李四,${bad},S002,软件工程`,
      `3,,${good[1]},S003,软件工程`,
      `4,王五,${good[0]},S004,软件工程`,
    ].join('\n');
    await page.getByTestId('roster-import').click();
    await page.locator('.ant-modal input[type=file]').setInputFiles(tempFile('名单-有错.csv', badCsv));
    await page.getByTestId('mapping-table').waitFor();
    // "考生姓名" is not a known header: map it by hand
    await page.getByTestId('map-name').click();
    await page.locator('.ant-select-dropdown:visible').getByText('考生姓名', { exact: true }).click();
    await consoleShot(page, 'roster-mapping');
    await page.getByTestId('import-start').click();
    await page.getByTestId('import-failed').waitFor({ timeout: 30_000 });
    const errors = page.getByTestId('row-errors');
    await errors.getByText('3', { exact: true }).first().waitFor();
    expect(await errors.locator('tbody tr').count()).toBeGreaterThanOrEqual(3);
    const download = page.waitForEvent('download');
    await page.getByTestId('error-report-xlsx').click();
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
    await consoleShot(page, 'roster-import-errors');

    await button(page, '再导入一个文件').click();
    const goodCsv = [
      '姓名,身份证号,学号,院系,专业,学历层次',
      `张三,${good[0]},S001,计算机学院,软件工程,本科`,
      `李四,${good[1]},S002,计算机学院,软件工程,本科`,
      `王五,${good[2]},S003,外国语学院,英语,本科`,
    ].join('\r\n');
    await page.locator('.ant-modal input[type=file]').setInputFiles(tempFile('名单.csv', '\uFEFF' + goodCsv));
    await page.getByTestId('mapping-table').waitFor();
    await page.getByTestId('import-start').click();
    await page.getByTestId('import-succeeded').getByText('导入成功：3 人').waitFor({ timeout: 30_000 });
    await page.getByTestId('import-close').click();
    await page.getByTestId('roster-table').getByText('王五').waitFor();
    expect(await page.getByTestId('roster-table').locator('tbody tr').count()).toBe(3);

    // the full ID number: asked first, shown, and written to the audit log
    const row = page.getByTestId('roster-table').locator('tr', { hasText: '李四' });
    expect(await row.getByTestId('id-number').textContent()).toMatch(/^\d{4}\*+\w{4}$/);
    await row.getByTestId('reveal-id').click();
    await button(page.locator('.ant-popconfirm'), '查看').click();
    await expect.poll(() => row.getByTestId('id-number').textContent()).toBe(good[1]);
    const audit = await pageApi<{ total: number }>(
      page,
      'GET',
      '/api/console/audit?action=graduate.id_number.view',
    );
    expect(audit.json.total).toBeGreaterThanOrEqual(1);
    await consoleShot(page, 'roster');

    // a code for one chosen graduate (the rest get theirs on the codes tab)
    await row.locator('input[type=checkbox]').check();
    await page.getByTestId('roster-issue-codes').click();
    await page.getByText('已签发 1 个采集码').waitFor();
    await row.getByText('未使用').waitFor();

    const exported = page.waitForEvent('download');
    await page.getByTestId('roster-export').click();
    expect((await exported).suggestedFilename()).toMatch(/名单\.xlsx$/);
  });
});

describe('图像采集码', () => {
  it('issues codes for the roster and blank ones, revokes one and prints the QR sheet', async () => {
    await page.goto(`/console${batchUrl}/codes`);
    await page.getByTestId('codes-table').waitFor();
    await page.getByTestId('codes-issue').click();
    await page.locator('#issue-submit').click();
    await page
      .getByTestId('codes-issued')
      .getByText(/已签发 2 个采集码/)
      .waitFor();

    await page.getByTestId('codes-issue').click();
    await page.getByTestId('issue-mode').getByText('空白邀请码').click();
    await page.locator('input#issue-count').fill('5');
    await page.locator('#issue-submit').click();
    await page.getByTestId('codes-issued').getByText('已签发 5 个采集码').waitFor();
    await expect.poll(() => page.getByTestId('codes-table').locator('tbody tr').count()).toBe(8);

    await page.getByTestId('code-revoke').first().click();
    await button(page.locator('.ant-popconfirm'), '作废').click();
    await page.getByTestId('codes-table').getByText('已作废').first().waitFor();

    const pdf = page.waitForEvent('download');
    await page.getByTestId('codes-pdf').click();
    expect((await pdf).suggestedFilename()).toMatch(/\.pdf$/);
    await consoleShot(page, 'codes');
  });
});

describe('a school coordinator', () => {
  it('sees only their school and is refused another school and refunds', async () => {
    const ctx = await desktopContext(browser, server.baseUrl);
    const p = await ctx.newPage();
    await consoleLogin(p, 'coordinator');
    await p.goto('/console/schools');
    await p.getByTestId('schools-table').getByText('示范大学').waitFor();
    expect(await p.getByTestId('schools-table').locator('tbody tr').count()).toBe(1);
    expect(await p.getByRole('menuitem', { name: /订单/ }).count()).toBe(0);

    await p.goto(`/console${batchUrl}/roster`);
    await p.getByTestId('query-error').getByText('无权限').waitFor();
    await p.getByText('只能查看和管理本校的数据').waitFor();
    await consoleShot(p, 'coordinator-forbidden');
    const batchId = batchUrl.split('/').pop()!;
    expect((await pageApi(p, 'GET', `/api/console/batches/${batchId}/graduates`)).status).toBe(403);
    const refund = await pageApi(p, 'POST', `/api/console/orders/${batchId}/refunds`, {
      amountCents: 100,
      reason: '测试退款',
      idempotencyKey: crypto.randomUUID(),
    });
    expect(refund.status).toBe(403);
    await ctx.close();
  });
});
