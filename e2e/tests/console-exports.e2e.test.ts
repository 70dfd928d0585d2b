import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { connectBrowser, desktopContext } from '../src/browser.js';
import { startServer, type TestServer } from '../src/server.js';
import { graduateForm, review, seededFeatureCode, staffApi } from '../src/journey-api.js';
import { consoleLogin, consoleShot, failureShot } from '../src/console-kit.js';
import { paidStudent, type PaidStudent } from '../src/console-data.js';
import { xlsxTexts, zipEntries, zipRead } from '../src/zip.js';

/**
 * Console: a 学信网 export of one batch with the files named by 学号 (student number), chosen in the
 * export form; the ZIP is downloaded through the browser and opened: one <学号>.jpg per approved photo
 * and the manifest 名单.xlsx naming each file.
 */

let server: TestServer;
let browser: Browser;
let ctx: BrowserContext;
let page: Page;
let students: PaidStudent[] = [];
let batchId = '';
const downloads = mkdtempSync(path.join(tmpdir(), 'console-exports-'));

beforeAll(async () => {
  server = await startServer();
  browser = await connectBrowser();
  const admin = await staffApi(server, 'admin');
  const reviewer = await staffApi(server, 'reviewer');
  const featureCode = await seededFeatureCode(admin.api);
  batchId = (
    await admin.api.get<{ items: Array<{ id: string; featureCode: string }> }>(
      '/api/console/batches?pageSize=100',
    )
  ).items.find((b) => b.featureCode === featureCode)!.id;
  students = [
    await paidStudent(browser, server, featureCode, { prints: false, name: '学号甲' }),
    await paidStudent(browser, server, featureCode, { prints: false, name: '学号乙' }),
  ];
  for (const s of students) await review(reviewer.api, s.submissionId, 'approve');
  await admin.dispose();
  await reviewer.dispose();
  ctx = await desktopContext(browser, server.baseUrl);
  page = await ctx.newPage();
  await consoleLogin(page, 'admin');
}, 300_000);

afterAll(async () => {
  for (const s of students) await s.close();
  await browser?.close();
  await server?.stop();
  rmSync(downloads, { recursive: true, force: true });
});

beforeEach((c) => {
  c.onTestFailed(() => failureShot(page, c.task.name));
});

describe('学信网 export named by 学号', () => {
  it('is chosen in the form, built with progress, and downloads as <学号>.jpg files with the manifest', async () => {
    await page.goto(`/console/exports?batchId=${batchId}`);
    await page.getByTestId('export-batch').getByText('2027 届毕业生图像采集').waitFor();
    await page.getByTestId('export-naming').getByText('按学号命名').click();
    await page.getByText('每张照片命名为 <学号>.jpg').waitFor();
    await page.getByTestId('export-start').click();

    const table = page.getByTestId('exports-table');
    await table.getByTestId('export-download').waitFor({ timeout: 120_000 });
    const row = table.locator('tbody tr').first();
    expect(await row.textContent()).toContain('按学号命名');
    expect(await row.getByTestId('export-status').textContent()).toContain('2 张照片');

    const download = page.waitForEvent('download');
    await row.getByTestId('export-download').click();
    const file = path.join(downloads, 'export.zip');
    await (await download).saveAs(file);
    expect((await download).suggestedFilename()).toMatch(/^学信网照片-示范大学-.+\.zip$/);

    const zip = readFileSync(file);
    const names = zipEntries(zip).map((e) => e.name);
    const numbers = students.map((s) => graduateForm(s.student).studentNumber);
    expect(names.filter((n) => n.endsWith('.jpg')).sort()).toEqual(numbers.map((n) => `${n}.jpg`).sort());
    expect(names).toContain('名单.xlsx');
    for (const n of numbers) {
      const jpg = zipRead(zip, `${n}.jpg`);
      expect(jpg.subarray(0, 3).toString('hex')).toBe('ffd8ff');
    }

    // the manifest lists each graduate with the file name it got
    const manifest = xlsxTexts(zipRead(zip, '名单.xlsx'));
    for (const h of ['姓名', '学号', '身份证号', '文件名']) expect(manifest).toContain(h);
    for (const s of students) {
      const n = graduateForm(s.student).studentNumber;
      expect(manifest).toContain(s.student.name);
      expect(manifest).toContain(n);
      expect(manifest).toContain(`${n}.jpg`);
      expect(manifest).toContain(s.student.idNumber);
    }
    await consoleShot(page, 'exports-student-number');
  });
});
