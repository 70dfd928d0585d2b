import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { consoleShot } from '../src/console-kit.js';
import { paidStudent, type PaidStudent } from '../src/console-data.js';
import { consoleSuite } from '../src/console-suite.js';

/**
 * Console in English: after the header's language switch, the menu, the header and each key screen's
 * titles, tabs, cards, table headers, form labels and buttons carry no Chinese. Data (school, batch and
 * people's names) stays as entered, so only the UI's own text is read.
 */

let buyer: PaidStudent;
let batchId = '';
let schoolId = '';

/** The UI's own text: chrome and labels, not table rows or other data. */
const UI_TEXT = [
  '.ant-layout-sider',
  '[data-testid=centre-name]',
  '[data-testid=staff-role]',
  '[data-testid=page-title]',
  '[data-testid=page-title] + *',
  '.ant-tabs-tab',
  '.ant-card-head-title',
  '.ant-table-thead',
  '.ant-form-item-label',
  '.ant-btn',
  '.ant-statistic-title',
  '.ant-descriptions-item-label',
  '.ant-divider-inner-text',
  '.ant-empty-description',
].join(', ');

/**
 * Chinese kept on purpose in the English UI: the name of 学信网 (the national registry, as staff know it)
 * and the language switch's own 中文.
 */
const KEPT = /学信网|中文/g;
const CJK = /[\u3400-\u9fff\uff00-\uffef]/;
/** The seeded school and batch: data, shown as entered. */
const SCHOOL = '示范大学';
const BATCH = '2027 届毕业生图像采集';

/** The UI texts of the page that still hold Chinese (an empty list when all is English), data aside. */
async function chineseLeft(p: Page): Promise<string[]> {
  const texts = await p
    .locator(UI_TEXT)
    .evaluateAll((els) =>
      els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => (e as HTMLElement).innerText),
    );
  const data = [SCHOOL, BATCH, buyer.student.name];
  const left = texts.filter((t) => CJK.test(data.reduce((x, d) => x.split(d).join(''), t).replace(KEPT, '')));
  return [...new Set(left.map((t) => t.trim()))];
}

/** Words (runs of non-spaces) in the elements' text that are split over two lines. */
function brokenWords(els: Element[]): string[] {
  const out: string[] = [];
  for (const el of els) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of (node.textContent ?? '').matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (lines.size > 1) out.push(m[0]);
      }
    }
  }
  return out;
}

const suite = consoleSuite({
  prepare: async ({ server, browser, batch }) => {
    batchId = batch.id;
    schoolId = batch.schoolId;
    buyer = await paidStudent(browser, server, batch.featureCode, { prints: true, name: '英文界面学生' });
  },
  close: async () => {
    await buyer?.close();
  },
});

describe('the console in English', () => {
  it('switches from the header and keeps English across pages and reloads', async () => {
    await suite.page.getByTestId('dashboard-title').getByText('中心工作台').waitFor();
    await suite.page.getByTestId('lang-switch').getByText('English').click();
    await suite.page.getByTestId('dashboard-title').getByText('Centre dashboard').waitFor();
    expect(await suite.page.getByTestId('centre-name').textContent()).toBe('Demo Photo Collection Centre');
    expect(await suite.page.locator('.ant-layout-sider').innerText()).toMatch(/Dashboard[\s\S]*Orders/);
    expect(await chineseLeft(suite.page)).toEqual([]);
    // long labels ("Photographed") stay whole in the funnel and the progress table's header
    await suite.page.getByTestId('progress-batches').locator('tbody tr.ant-table-row').first().waitFor();
    const labels = suite.page.locator('[data-testid=progress-funnel], [data-testid=progress-batches] thead');
    expect(await labels.count()).toBe(2);
    expect(await labels.evaluateAll(brokenWords)).toEqual([]);
    await consoleShot(suite.page, 'dashboard-en');
    await suite.page.reload();
    await suite.page.getByTestId('dashboard-title').getByText('Centre dashboard').waitFor();
  });

  const screens: Array<{ name: string; url: () => string; ready: (p: Page) => Promise<unknown> }> = [
    {
      name: 'schools',
      url: () => '/console/schools',
      ready: (p) => p.getByTestId('schools-table').getByText(SCHOOL).waitFor(),
    },
    {
      name: 'school',
      url: () => `/console/schools/${schoolId}`,
      ready: (p) => p.getByTestId('school-page').getByText(BATCH).first().waitFor(),
    },
    {
      name: 'batch',
      url: () => `/console/batches/${batchId}`,
      ready: (p) => p.getByTestId('batch-code-card').waitFor(),
    },
    {
      name: 'roster',
      url: () => `/console/batches/${batchId}/roster`,
      ready: (p) => p.getByTestId('page-title').waitFor(),
    },
    {
      name: 'codes',
      url: () => `/console/batches/${batchId}/codes`,
      ready: (p) => p.getByTestId('page-title').waitFor(),
    },
    {
      name: 'orders',
      url: () => '/console/orders',
      ready: (p) => p.getByTestId('orders-table').getByText(buyer.orderNo).waitFor(),
    },
    {
      name: 'refund-requests',
      url: () => '/console/orders/refund-requests',
      ready: (p) => p.getByTestId('refund-requests-table').waitFor(),
    },
    {
      name: 'shipping',
      url: () => `/console/orders/shipping?batchId=${batchId}`,
      ready: (p) => p.getByTestId('print-create').waitFor(),
    },
    {
      name: 'exports',
      url: () => `/console/exports?batchId=${batchId}`,
      ready: (p) => p.getByTestId('export-start').waitFor(),
    },
    {
      name: 'audit',
      url: () => '/console/audit',
      ready: (p) => p.getByTestId('audit-table').locator('tbody tr').first().waitFor(),
    },
  ];

  for (const s of screens) {
    it(`shows ${s.name} in English`, async () => {
      await suite.page.goto(s.url());
      await s.ready(suite.page);
      await suite.page.waitForLoadState('networkidle');
      expect(await chineseLeft(suite.page)).toEqual([]);
      await consoleShot(suite.page, `${s.name}-en`);
    });
  }

  it("shows an order's drawer in English", async () => {
    await suite.page.goto(`/console/orders?q=${buyer.orderNo}`);
    await suite.page.getByTestId('orders-table').getByText(buyer.orderNo).click();
    const drawer = suite.page.getByTestId('order-drawer');
    await drawer.getByTestId('order-status').getByText('Paid').waitFor();
    await drawer
      .getByTestId('order-timeline')
      .getByText(/^Transaction \d+$/)
      .waitFor();
    expect(await chineseLeft(suite.page)).toEqual([]);
    const title = await suite.page.locator('.ant-drawer-title').innerText();
    expect(title.replace(buyer.orderNo, '')).not.toMatch(CJK);
    await consoleShot(suite.page, 'order-drawer-en');
  });
});
