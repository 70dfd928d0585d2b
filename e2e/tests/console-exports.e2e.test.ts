import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { graduateForm, review } from '../src/journey-api.js';
import { consoleShot } from '../src/console-kit.js';
import { paidStudent, type PaidStudent } from '../src/console-data.js';
import { xlsxTexts, zipEntries, zipRead } from '../src/zip.js';
import { consoleSuite } from '../src/console-suite.js';

/**
 * Console: a 学信网 export of one batch with the files named by 学号 (student number), chosen in the
 * export form; the ZIP is downloaded through the browser and opened: one <学号>.jpg per approved photo
 * and the manifest 名单.xlsx naming each file.
 */

let students: PaidStudent[] = [];
let batchId = '';
const downloads = mkdtempSync(path.join(tmpdir(), 'console-exports-'));

const suite = consoleSuite({
  prepare: async ({ server, browser, reviewer, batch }) => {
    batchId = batch.id;
    students = [
      await paidStudent(browser, server, batch.featureCode, { prints: false, name: '学号甲' }),
      await paidStudent(browser, server, batch.featureCode, { prints: false, name: '学号乙' }),
    ];
    const reviewerApi = await reviewer();
    for (const s of students) await review(reviewerApi, s.submissionId, 'approve');
  },
  close: async () => {
    for (const s of students) await s.close();
    rmSync(downloads, { recursive: true, force: true });
  },
});

describe('学信网 export named by 学号', () => {
  it('is chosen in the form, built with progress, and downloads as <学号>.jpg files with the manifest', async () => {
    await suite.page.goto(`/console/exports?batchId=${batchId}`);
    await suite.page.getByTestId('export-batch').getByText('2027 届毕业生图像采集').waitFor();
    await suite.page.getByTestId('export-naming').getByText('按学号命名').click();
    await suite.page.getByText('每张照片命名为 <学号>.jpg').waitFor();
    await suite.page.getByTestId('export-start').click();

    const table = suite.page.getByTestId('exports-table');
    await table.getByTestId('export-download').waitFor({ timeout: 120_000 });
    const row = table.locator('tbody tr').first();
    expect(await row.textContent()).toContain('按学号命名');
    expect(await row.getByTestId('export-status').textContent()).toContain('2 张照片');

    const download = suite.page.waitForEvent('download');
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
    await consoleShot(suite.page, 'exports-student-number');
  });
});
