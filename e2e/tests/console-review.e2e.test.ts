import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { connectBrowser, desktopContext } from '../src/browser.js';
import { startServer, type TestServer } from '../src/server.js';
import { review, schoolPaidBatch, seededFeatureCode, staffApi } from '../src/journey-api.js';
import { consoleLogin, consoleShot, failureShot, pageApi } from '../src/console-kit.js';
import { waitingStudent, type WaitingStudent } from '../src/review-data.js';

/**
 * Console review: bulk approval of the all-green photos (batch filter, select all, confirmation, the
 * photos the server skipped and why, the list refreshed) and the reviewer statistics (a reviewer's own,
 * an admin's of everyone, in both languages); a coordinator sees none of it. Five students submit real
 * photos through the API: four pass every check, one only with advice (busy background).
 */

let server: TestServer;
let browser: Browser;
let ctx: BrowserContext;
let page: Page;
let admin: Awaited<ReturnType<typeof staffApi>>;
let reviewer: Awaited<ReturnType<typeof staffApi>>;
let green: WaitingStudent[] = []; // school-paid batch, every check green
let advised: WaitingStudent; // school-paid batch, verdict `warn`
let other: WaitingStudent; // the seeded batch (paid order), green
let schoolBatchId = '';

beforeAll(async () => {
  server = await startServer();
  browser = await connectBrowser();
  admin = await staffApi(server, 'admin');
  reviewer = await staffApi(server, 'reviewer');
  const seeded = await seededFeatureCode(admin.api);
  const schoolCode = await schoolPaidBatch(admin.api);
  const batches = await admin.api.get<{ items: Array<{ id: string; featureCode: string }> }>(
    '/api/console/batches?pageSize=100',
  );
  schoolBatchId = batches.items.find((b) => b.featureCode === schoolCode)!.id;
  const make = (name: string, photo: string, code = schoolCode) =>
    waitingStudent(browser, server, code, { name, photo, pay: code === seeded });
  green = [
    await make('李明', 'biden.jpg'),
    await make('王芳', 'obama-2.jpg'),
    await make('张伟', 'biden.jpg'),
  ];
  advised = await make('陈静', 'obama.jpg');
  other = await make('刘洋', 'obama-2.jpg', seeded);
  ctx = await desktopContext(browser, server.baseUrl);
  page = await ctx.newPage();
  await consoleLogin(page, 'reviewer');
}, 400_000);

afterAll(async () => {
  for (const s of [...green, advised, other]) await s?.close();
  await admin?.dispose();
  await reviewer?.dispose();
  await browser?.close();
  await server?.stop();
});

beforeEach((c) => {
  c.onTestFailed(() => failureShot(page, c.task.name));
});

const items = (p: Page) => p.getByTestId('green-item');
const statValue = (p: Page, key: string) =>
  p.getByTestId(`stats-total-${key}`).locator('.ant-statistic-content-value').textContent();

describe('bulk approval', () => {
  it('lists only the photos whose every check is green, and filters them by batch', async () => {
    expect(green.map((s) => s.verdict)).toEqual(['pass', 'pass', 'pass']);
    expect(other.verdict).toBe('pass');
    expect(advised.verdict).toBe('warn');
    await page.goto('/console/reviews/bulk');
    await expect.poll(() => items(page).count(), { timeout: 15_000 }).toBe(4);
    expect(await page.locator(`[data-id="${advised.submissionId}"]`).count()).toBe(0);
    await page.goto(`/console/reviews/bulk?batchId=${schoolBatchId}`);
    await page.getByTestId('bulk-batch').getByText('学校统一付费批次').waitFor();
    await expect.poll(() => items(page).count()).toBe(3);
    expect(await page.locator(`[data-id="${other.submissionId}"]`).count()).toBe(0);
    await page.locator(`[data-id="${green[0]!.submissionId}"]`).getByText('李明').waitFor();
  });

  it('approves the selection after a confirmation, reports the photo it skipped, and reloads the list', async () => {
    await page.getByTestId('bulk-select-all').click();
    await page.getByTestId('bulk-count').getByText('已选 3 / 3 张').waitFor();
    // meanwhile an admin approves one of them on its own
    await review(admin.api, green[2]!.submissionId, 'approve');
    await page.getByTestId('bulk-approve-open').click();
    await page.locator('.ant-popconfirm').getByText('通过选中的 3 张照片？').waitFor();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '确认通过' }).click();
    await page.getByTestId('bulk-result-title').getByText('已通过 2 张 · 跳过 1 张').waitFor();
    const skipped = page.getByTestId('bulk-skipped').locator('li');
    expect(await skipped.count()).toBe(1);
    expect(await skipped.getAttribute('data-reason')).toBe('not_pending');
    expect(await skipped.textContent()).toBe('张伟 — 已被审核或已撤回');
    await page.getByTestId('bulk-empty').waitFor();

    // the server agrees; the photo with advice and the other batch's photo still wait
    expect(await green[0]!.status()).toBe('approved');
    expect(await green[1]!.status()).toBe('approved');
    expect(await advised.status()).toBe('pending_review');
    expect(await other.status()).toBe('pending_review');

    // every batch again: only the other batch's photo is left
    await page.getByTestId('bulk-batch').hover();
    await page.getByTestId('bulk-batch').locator('.ant-select-clear').click();
    await expect.poll(() => items(page).count()).toBe(1);
    await page.locator(`[data-id="${other.submissionId}"]`).getByText('刘洋').waitFor();
    await page.getByTestId('bulk-result').waitFor();
    await page
      .locator(`[data-id="${other.submissionId}"] img`)
      .evaluate((img: HTMLImageElement) => (img.complete ? null : new Promise((r) => (img.onload = r))));
    await page.getByTestId('page-title').click(); // no focus ring on the batch picker
    await consoleShot(page, 'review-bulk');
  });
});

describe('reviewer statistics', () => {
  it('a reviewer sees their own decisions: two bulk approvals and a rejection', async () => {
    await review(reviewer.api, advised.submissionId, 'reject');
    await page.goto('/console/reviews/stats');
    await page.getByTestId('stats-chart').waitFor();
    expect(await statValue(page, 'decisions')).toBe('3');
    expect(await statValue(page, 'approved')).toBe('2');
    expect(await statValue(page, 'bulk')).toBe('2');
    expect(await statValue(page, 'rejected')).toBe('1');
    expect(await statValue(page, 'undone')).toBe('0');
    const rows = page.getByTestId('stats-table').locator('tbody tr.ant-table-row');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().locator('td').allTextContents()).toEqual(
      expect.arrayContaining(['审核员', '3', '2', '2', '1', '0']),
    );
  });

  it('an admin sees every reviewer, with a total row, in Chinese and in English', async () => {
    const c = await desktopContext(browser, server.baseUrl);
    const p = await c.newPage();
    await consoleLogin(p, 'admin');
    // the one-by-one queue is the first tab; leaving it releases the claim for the other reviewers
    await p.goto('/console/reviews');
    await p.getByTestId('review-graduate').getByText('刘洋').waitFor();
    const released = p.waitForResponse((r) => r.url().endsWith('/release'));
    await p.getByRole('tab', { name: '批量通过' }).click();
    expect((await released).status()).toBe(200);
    await expect.poll(() => items(p).count()).toBe(1);
    await page.goto('/console/reviews/bulk');
    await expect.poll(() => items(page).count()).toBe(1);

    await p.getByRole('tab', { name: '审核统计' }).click();
    await p.getByTestId('stats-chart').waitFor();
    expect(await statValue(p, 'decisions')).toBe('4');
    expect(await statValue(p, 'approved')).toBe('3');
    expect(await statValue(p, 'bulk')).toBe('2');
    expect(await statValue(p, 'rejected')).toBe('1');
    const table = p.getByTestId('stats-table');
    expect(await table.locator('tbody tr.ant-table-row').count()).toBe(2);
    expect(await table.locator('.ant-table-summary').textContent()).toContain('合计');
    await consoleShot(p, 'review-stats');

    await p.evaluate(() => localStorage.setItem('gradphoto.lang', 'en'));
    await p.reload();
    await p.getByTestId('stats-chart').waitFor();
    await p.getByTestId('stats-total-decisions').getByText('Decisions').waitFor();
    expect(await table.locator('.ant-table-summary').textContent()).toContain('All reviewers');
    await p.getByRole('tab', { name: 'Bulk approval' }).waitFor();
    await c.close();
  });
});

describe('limits', () => {
  it('a coordinator has no review menu, no review pages and no review API', async () => {
    const c = await desktopContext(browser, server.baseUrl);
    const p = await c.newPage();
    await consoleLogin(p, 'coordinator');
    expect(await p.getByRole('menuitem', { name: '照片审核' }).count()).toBe(0);
    for (const path of ['/console/reviews', '/console/reviews/bulk', '/console/reviews/stats']) {
      await p.goto(path);
      await p.getByTestId('forbidden').waitFor();
    }
    expect((await pageApi(p, 'GET', '/api/console/reviews/green')).status).toBe(403);
    expect((await pageApi(p, 'GET', '/api/console/reviews/stats')).status).toBe(403);
    const bulk = await pageApi(p, 'POST', '/api/console/reviews/bulk-approve', {
      submissionIds: [other.submissionId],
    });
    expect(bulk.status).toBe(403);
    expect(await other.status()).toBe('pending_review');
    await c.close();
  });
});
