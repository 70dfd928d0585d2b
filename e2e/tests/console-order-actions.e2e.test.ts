import { describe, expect, it } from 'vitest';
import { review } from '../src/journey-api.js';
import { consoleShot, pageApi } from '../src/console-kit.js';
import { paidStudent, type PaidStudent } from '../src/console-data.js';
import { waitTab } from '../src/journey-pages.js';
import { consoleSuite } from '../src/console-suite.js';

/**
 * Console: the order drawer's own actions. One order on a print run is marked shipped with a courier and
 * tracking number (a bad number is refused first); one student's refund request is declined with a
 * reason (the order stays paid, the student is told). The drawer's timeline words each entry in the
 * console's language, with the reasons as typed.
 */

let shipper: PaidStudent; // approved, with prints, on a print run → shipped from the drawer
let asker: PaidStudent; // in review, asks for a refund → declined

const suite = consoleSuite({
  prepare: async ({ server, browser, admin, reviewer, batch }) => {
    shipper = await paidStudent(browser, server, batch.featureCode, { prints: true, name: '发货学生' });
    asker = await paidStudent(browser, server, batch.featureCode, { prints: false, name: '申请退款学生' });
    await review(await reviewer(), shipper.submissionId, 'approve');
    // the print run puts the order in production (paid → in_production); the sheets render in the background
    await admin.post('/api/console/print-runs', { batchId: batch.id });
    await asker.api.post(`/api/orders/${asker.orderNo}/refund-request`, { reason: '家里已经拍过了' });
  },
  close: async () => {
    for (const s of [shipper, asker]) await s?.close();
  },
});

/** Words of two or more Latin letters in a Chinese timeline: English the server or the UI left in it. */
const ENGLISH_WORD = /[A-Za-z]{2,}/;

/** The console's language, from the header's switch (with no drawer open). */
async function switchLanguage(label: 'English' | '中文') {
  await suite.page.getByTestId('lang-switch').getByText(label, { exact: true }).click();
}

async function openOrder(orderNo: string) {
  await suite.page.goto(`/console/orders?q=${orderNo}`);
  await suite.page.getByTestId('orders-table').getByText(orderNo).click();
  const drawer = suite.page.getByTestId('order-drawer');
  await drawer.getByTestId('order-timeline').waitFor();
  return drawer;
}

describe('ship one order from its drawer', () => {
  it('refuses a bad tracking number with a clear message, then ships; the student sees the parcel', async () => {
    const drawer = await openOrder(shipper.orderNo);
    await drawer.getByTestId('order-status').getByText('冲印中').waitFor();
    const timeline = drawer.getByTestId('order-timeline');
    await timeline.getByText('已加入冲印批次').waitFor();
    await timeline.getByText(/^支付流水号 \d+$/).waitFor();
    expect(await timeline.innerText()).not.toMatch(ENGLISH_WORD);
    const form = drawer.getByTestId('ship-form');
    await form.locator('input#ship-courier').fill('顺丰速运');
    await form.locator('input#ship-tracking').fill('SF 123#');
    await form.getByTestId('ship-submit').click();
    await form.getByText('快递单号为 6–40 位字母或数字').waitFor();
    await consoleShot(suite.page, 'order-ship-invalid');

    // the server says the same to a client that skips the form's check
    const id = (
      await pageApi<{ items: Array<{ id: string }> }>(
        suite.page,
        'GET',
        `/api/console/orders?q=${shipper.orderNo}`,
      )
    ).json.items[0]!.id;
    const bad = await pageApi<{ error: { message: { zh: string } } }>(
      suite.page,
      'POST',
      `/api/console/orders/${id}/ship`,
      { courier: '顺丰速运', trackingNo: 'SF 123#' },
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('运单号为 6–40 位字母或数字');

    await form.locator('input#ship-tracking').fill('SF1234567890');
    await form.getByTestId('ship-submit').click();
    await suite.page.getByText('已发货，学生会收到通知').waitFor();
    await drawer.getByTestId('order-status').getByText('已发货').waitFor();
    await drawer.locator('.ant-descriptions').getByText('顺丰速运 SF1234567890').waitFor();
    expect(await drawer.getByTestId('ship-form').count()).toBe(0);
    await drawer.getByTestId('order-timeline').getByText('顺丰速运 SF1234567890').waitFor();
    await consoleShot(suite.page, 'order-shipped');
    await suite.page.keyboard.press('Escape');
    await suite.page.getByTestId('orders-table').getByText('已发货').waitFor();

    const again = await pageApi<{ error: { code: string } }>(
      suite.page,
      'POST',
      `/api/console/orders/${id}/ship`,
      {
        courier: '顺丰速运',
        trackingNo: 'SF1234567890',
      },
    );
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('ALREADY_SHIPPED');

    const student = await shipper.ctx.newPage();
    await student.goto(`/orders/${shipper.orderNo}`);
    await waitTab(student, 'shipped');
    expect(await student.getByTestId('tracking').textContent()).toContain('SF1234567890');
    await student.close();
  });
});

describe("decline a student's refund request", () => {
  it('clears the request with a reason; the order stays paid and the student is told why', async () => {
    await suite.page.goto('/console/orders/refund-requests');
    const table = suite.page.getByTestId('refund-requests-table');
    await table.getByText('家里已经拍过了').waitFor();
    await table.getByText(asker.orderNo).click();
    const drawer = suite.page.getByTestId('order-drawer');
    const request = drawer.getByTestId('refund-request');
    await request.getByText('家里已经拍过了').waitFor();
    const timeline = drawer.getByTestId('order-timeline');
    await timeline.getByText('学生申请退款：家里已经拍过了').waitFor();
    expect(await timeline.innerText()).not.toMatch(ENGLISH_WORD);
    await request.getByTestId('refund-decline').click();
    const reason = request.getByPlaceholder('拒绝原因（学生会看到）');
    await reason.fill('照');
    expect(await request.getByRole('button', { name: '拒绝申请' }).isDisabled()).toBe(true);
    await reason.fill('照片已在审核中，审核通过后不退款');
    await consoleShot(suite.page, 'refund-decline');
    await request.getByRole('button', { name: '拒绝申请' }).click();
    await suite.page.getByText('已拒绝退款申请').waitFor();
    await request.waitFor({ state: 'detached' });
    await drawer.getByTestId('order-status').getByText('已付款').waitFor();
    await timeline.getByText('拒绝退款申请：照片已在审核中，审核通过后不退款').waitFor();
    expect(await timeline.innerText()).not.toMatch(ENGLISH_WORD);
    expect(await drawer.getByTestId('refund-open').count()).toBe(1); // money can still go back later
    await suite.page.keyboard.press('Escape');

    // in English, the same entries in English and the reasons as typed
    await switchLanguage('English');
    const en = (await openOrder(asker.orderNo)).getByTestId('order-timeline');
    await en.getByText('Refund requested by the student: 家里已经拍过了').waitFor();
    await en.getByText('Refund request declined: 照片已在审核中，审核通过后不退款').waitFor();
    await consoleShot(suite.page, 'order-timeline-en');
    await suite.page.keyboard.press('Escape');
    await switchLanguage('中文');

    await suite.page.goto('/console/orders/refund-requests');
    await table.waitFor();
    await suite.page.waitForLoadState('networkidle');
    expect(await table.getByText(asker.orderNo).count()).toBe(0);

    expect((await asker.api.get<{ status: string }>(`/api/orders/${asker.orderNo}`)).status).toBe('paid');
    const student = await asker.ctx.newPage();
    await student.goto('/notifications');
    const note = student.locator('[data-testid=notification][data-kind="order.refund_declined"]');
    await note.waitFor();
    expect(await note.locator('.note__title').textContent()).toContain('退款申请未通过');
    expect(await note.locator('.note__text').textContent()).toContain('照片已在审核中，审核通过后不退款');
    await note.click();
    await student.waitForURL(new RegExp(`/orders/${asker.orderNo}$`));
    await student.getByTestId('order-timeline').getByText('退款申请未通过').waitFor();
    await student.getByTestId('order-timeline').getByText('家里已经拍过了').waitFor();
    await student.getByTestId('refund-open').waitFor(); // the student may ask again
    await student.close();
  });
});
