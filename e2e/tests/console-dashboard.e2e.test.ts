import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { connectBrowser, desktopContext, phoneContext } from '../src/browser.js';
import { startServer, type TestServer } from '../src/server.js';
import {
  addCollection,
  registerViaApi,
  review,
  schoolPaidBatch,
  seededFeatureCode,
  staffApi,
  uploadPhoto,
} from '../src/journey-api.js';
import { newStudent } from '../src/people.js';
import { paidStudent } from '../src/console-data.js';
import { waitingStudent } from '../src/review-data.js';
import { consoleLogin, consoleShot, failureShot, pageApi, tempFile } from '../src/console-kit.js';

/**
 * The progress dashboard per school and batch (registered, photographed, paid, pending review, approved,
 * rejected, shipped), its chart and CSV, for an admin and for a coordinator (only their school); and the
 * audit log: a coordinator's view of a full ID number, found by action, by target and by actor (username or
 * id). Six students go through the real student API, five in the seeded batch at different stages, one in
 * another school.
 */

const KEYS = [
  'graduates',
  'registered',
  'photographed',
  'paid',
  'pendingReview',
  'approved',
  'rejected',
  'shipped',
] as const;
type Counts = Record<(typeof KEYS)[number], number>;
const counts = (...n: number[]): Counts => Object.fromEntries(KEYS.map((k, i) => [k, n[i]])) as Counts;
// shipped (paid with prints, approved, shipped), pending, rejected, photo without payment, 学历 only
const SEEDED = counts(5, 5, 4, 3, 1, 1, 1, 1);
// one photo waiting for review; the school pays, so nothing is paid by the student
const OTHER = counts(1, 1, 1, 0, 1, 0, 0, 0);
const TOTAL = counts(6, 6, 5, 3, 2, 1, 1, 1);

let server: TestServer;
let browser: Browser;
let ctx: BrowserContext;
let page: Page;
const closers: Array<() => Promise<unknown>> = [];
let seeded: { id: string; name: string; schoolId: string; schoolName: string };
let other: { id: string; schoolId: string; schoolName: string };
let revealed: { name: string; idNumber: string; graduateId: string };
let coordinatorId = '';

beforeAll(async () => {
  server = await startServer();
  browser = await connectBrowser();
  const admin = await staffApi(server, 'admin');
  const reviewer = await staffApi(server, 'reviewer');
  closers.push(admin.dispose, reviewer.dispose);
  const code = await seededFeatureCode(admin.api);
  const otherCode = await schoolPaidBatch(admin.api);
  type Row = { id: string; name: string; featureCode: string; schoolId: string; schoolName: string };
  const batches = (await admin.api.get<{ items: Row[] }>('/api/console/batches?pageSize=100')).items;
  seeded = batches.find((b) => b.featureCode === code)!;
  other = batches.find((b) => b.featureCode === otherCode)!;

  const shipped = await paidStudent(browser, server, code, { prints: true, name: '发货同学' });
  closers.push(shipped.close);
  await review(reviewer.api, shipped.submissionId, 'approve');
  const order = (
    await admin.api.get<{ items: Array<{ id: string }> }>(`/api/console/orders?q=${shipped.orderNo}`)
  ).items[0]!;
  await admin.api.post('/api/console/print-runs', { batchId: seeded.id, orderIds: [order.id] });
  await admin.api.post(`/api/console/orders/${order.id}/ship`, {
    courier: '顺丰速运',
    trackingNo: 'SF1234567890',
  });

  const pending = await waitingStudent(browser, server, code, {
    name: '待审同学',
    photo: 'obama-2.jpg',
    pay: true,
  });
  const rejected = await waitingStudent(browser, server, code, {
    name: '退回同学',
    photo: 'biden.jpg',
    pay: true,
  });
  const elsewhere = await waitingStudent(browser, server, otherCode, {
    name: '外校同学',
    photo: 'biden.jpg',
    pay: false,
  });
  closers.push(pending.close, rejected.close, elsewhere.close);
  await review(reviewer.api, rejected.submissionId, 'reject');
  for (const [name, photo] of [
    ['未付同学', true],
    ['登记同学', false],
  ] as const) {
    const c = await phoneContext(browser, server.baseUrl);
    closers.push(() => c.close());
    const student = { ...newStudent('progress'), name };
    const api = await registerViaApi(c, server, student);
    const collectionId = await addCollection(api, code, student);
    if (photo) await uploadPhoto(api, collectionId, 'obama.jpg'); // submitted, waiting for the payment
    if (name === '登记同学') revealed = { name, idNumber: student.idNumber, graduateId: '' };
  }
  const roster = await admin.api.get<{ items: Array<{ id: string }> }>(
    `/api/console/batches/${seeded.id}/graduates?q=${encodeURIComponent(revealed.name)}`,
  );
  revealed.graduateId = roster.items[0]!.id;
  const staff = await admin.api.get<{ items: Array<{ id: string; username: string }> }>('/api/console/staff');
  coordinatorId = staff.items.find((s) => s.username === 'coordinator')!.id;

  ctx = await desktopContext(browser, server.baseUrl);
  page = await ctx.newPage();
  await consoleLogin(page, 'admin');
}, 400_000);

afterAll(async () => {
  for (const close of closers) await close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

beforeEach((c) => {
  c.onTestFailed(() => failureShot(page, c.task.name));
});

const card = (p: Page, k: string) => p.getByTestId(`progress-${k}`).locator('.ant-statistic-content-value');
const cells = async (row: ReturnType<Page['locator']>) =>
  (await row.locator('td').allTextContents()).slice(1, 1 + KEYS.length).map(Number);
const asRow = (c: Counts) => KEYS.map((k) => c[k]);

/** Clicks the CSV button and reads the file: its name and its lines (without the BOM). */
async function downloadCsv(p: Page) {
  const download = p.waitForEvent('download');
  await p.getByTestId('progress-csv').click();
  const file = await download;
  const saved = tempFile(file.suggestedFilename(), ''); // the shared Chromium is remote: save a copy
  await file.saveAs(saved);
  const text = readFileSync(saved, 'utf8').replace(/^\uFEFF/, '');
  return { name: file.suggestedFilename(), lines: text.trim().split(/\r?\n/) };
}

const CSV_HEADER =
  '学校 School,批次 Batch,名单人数 Graduates,已登记 Registered,已拍照 Photographed,已付款 Paid,待审核 Pending review,已通过 Approved,已驳回 Rejected,已寄出 Shipped';

describe('progress dashboard', () => {
  it('shows an admin the totals, the funnel and the daily chart, matching the data and the API', async () => {
    const api = await pageApi<{ totals: Counts; daily: Array<{ registered: number; approved: number }> }>(
      page,
      'GET',
      '/api/console/progress',
    );
    expect(api.json.totals).toEqual(TOTAL);
    await page.goto('/console');
    await page.getByTestId('progress-panel').waitFor();
    for (const k of KEYS) expect(await card(page, k).textContent(), k).toBe(String(TOTAL[k]));

    // today's bars: six registrations (the highest bar) and one approval
    expect(api.json.daily.at(-1)).toEqual({ date: expect.any(String), registered: 6, approved: 1 });
    const today = page
      .getByTestId('daily-chart')
      .locator(':scope > div')
      .first()
      .locator(':scope > *')
      .last();
    const bars = today.locator('div');
    expect(await bars.nth(0).evaluate((d) => d.style.height)).toBe('100%');
    expect(parseFloat(await bars.nth(1).evaluate((d) => d.style.height))).toBeCloseTo(100 / 6, 1);
  });

  it('shows each batch and each school with its own counts', async () => {
    const table = page.getByTestId('progress-batches');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    expect(await table.locator('tbody tr.ant-table-row').count()).toBe(2);
    const seededRow = table.locator(`tr[data-row-key="${seeded.id}"]`);
    expect(await seededRow.locator('td').first().textContent()).toBe(`${seeded.name}${seeded.schoolName}`);
    expect(await cells(seededRow)).toEqual(asRow(SEEDED));
    expect(await cells(table.locator(`tr[data-row-key="${other.id}"]`))).toEqual(asRow(OTHER));
    // the approval rate: 1 of 5 graduates
    expect(await seededRow.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('20');

    await page.getByText('按学校', { exact: true }).click();
    const schools = page
      .locator('.ant-card', { hasText: '各学校 / 批次进度' })
      .locator('tbody tr.ant-table-row');
    await expect.poll(() => schools.count()).toBe(2);
    const otherSchool = schools.filter({ hasText: other.schoolName });
    expect(await cells(otherSchool)).toEqual(asRow(OTHER));
    await page.getByText('按批次', { exact: true }).click();
  });

  it('exports the same numbers as CSV, one row per batch and a total', async () => {
    const csv = await downloadCsv(page);
    expect(csv.name).toMatch(/^采集进度-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv.lines[0]).toBe(CSV_HEADER);
    expect(csv.lines).toContain([seeded.schoolName, seeded.name, ...asRow(SEEDED)].join(','));
    expect(csv.lines).toContain([other.schoolName, '学校统一付费批次', ...asRow(OTHER)].join(','));
    expect(csv.lines.at(-1)).toBe(['合计 Total', '', ...asRow(TOTAL)].join(','));
    expect(csv.lines).toHaveLength(4);
    await page.getByText(`已下载 ${csv.name}`).waitFor();
    await page.mouse.move(0, 0);
    await consoleShot(page, 'dashboard-csv', true);
  });

  it('shows a coordinator only their school, on screen, in the CSV and in the API', async () => {
    const c = await desktopContext(browser, server.baseUrl);
    const p = await c.newPage();
    closers.push(() => c.close());
    await consoleLogin(p, 'coordinator');
    await p.getByTestId('progress-panel').waitFor();
    for (const k of KEYS) expect(await card(p, k).textContent(), k).toBe(String(SEEDED[k]));
    const rows = p.getByTestId('progress-batches').locator('tbody tr.ant-table-row');
    expect(await rows.count()).toBe(1);
    expect(await cells(rows.first())).toEqual(asRow(SEEDED));
    expect(await p.getByText('按学校', { exact: true }).count()).toBe(0);
    expect(await p.getByPlaceholder('全部学校').count()).toBe(0);

    const csv = await downloadCsv(p);
    expect(csv.lines).toEqual([
      CSV_HEADER,
      [seeded.schoolName, seeded.name, ...asRow(SEEDED)].join(','),
      ['合计 Total', '', ...asRow(SEEDED)].join(','),
    ]);
    const progress = await pageApi<{ totals: Counts; batches: unknown[] }>(p, 'GET', '/api/console/progress');
    expect([progress.json.totals, progress.json.batches.length]).toEqual([SEEDED, 1]);
    expect((await pageApi(p, 'GET', `/api/console/progress?schoolId=${other.schoolId}`)).status).toBe(403);
    expect((await pageApi(p, 'GET', `/api/console/progress.csv?batchId=${other.id}`)).status).toBe(403);
  });
});

describe('audit log', () => {
  it("records a coordinator's view of a full ID number", async () => {
    const c = await desktopContext(browser, server.baseUrl);
    const p = await c.newPage();
    closers.push(() => c.close());
    await consoleLogin(p, 'coordinator');
    const views = () =>
      pageApi<{ total: number }>(page, 'GET', '/api/console/audit?action=graduate.id_number.view');
    expect((await views()).json.total).toBe(0);
    await p.goto(`/console/batches/${seeded.id}/roster`);
    const row = p.getByTestId('roster-table').locator('tr', { hasText: revealed.name });
    expect(await row.getByTestId('id-number').textContent()).not.toBe(revealed.idNumber);
    await row.getByTestId('reveal-id').click();
    await p
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /^查\s*看$/ })
      .click();
    await expect.poll(() => row.getByTestId('id-number').textContent()).toBe(revealed.idNumber);
    expect((await views()).json.total).toBe(1);
  });

  it('finds the view by action, by target and by actor', async () => {
    await page.goto('/console/audit');
    const rows = page.getByTestId('audit-table').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    const search = async (fill: Record<string, string>) => {
      await page.getByRole('button', { name: /^重\s*置$/ }).click();
      for (const [id, value] of Object.entries(fill)) await page.locator(`input#${id}`).fill(value);
      await page.keyboard.press('Escape');
      await page.getByTestId('audit-search').click();
      await page.getByTestId('audit-table').locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    };
    const view = rows.filter({ hasText: 'graduate.id_number.view' });

    await search({ targetType: 'graduate', targetId: revealed.graduateId });
    await expect.poll(() => rows.count()).toBe(1);
    expect(await view.count()).toBe(1);

    // the actor by username, as staff know each other, or by id
    for (const actor of ['coordinator', coordinatorId]) {
      await search({ actor });
      await view.waitFor();
      await rows.filter({ hasText: 'progress.export' }).first().waitFor(); // the coordinator's CSV
      expect(await rows.filter({ hasNotText: '学校联络员' }).count()).toBe(0);
    }

    await search({ action: 'graduate.id_number.view' });
    await expect.poll(() => rows.count()).toBe(1);
    const cellsText = await view.locator('td').allTextContents();
    expect(cellsText[1]).toContain('学校联络员');
    expect(cellsText[2]).toBe('查看完整身份证号graduate.id_number.view');
    expect(cellsText[3]).toBe(`graduate:${revealed.graduateId.slice(0, 8)}`);
    expect(cellsText[4]).toContain(seeded.id);
    expect(cellsText.join(' ')).not.toContain(revealed.idNumber);
    await page.mouse.move(0, 0);
    await consoleShot(page, 'audit-id-view');
  });
});
