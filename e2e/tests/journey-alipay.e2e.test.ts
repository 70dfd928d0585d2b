import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { connectBrowser, desktopContext, phoneContext } from '../src/browser.js';
import { consoleLogin, consoleShot } from '../src/console-kit.js';
import { startServer, type TestServer } from '../src/server.js';
import { newStudent } from '../src/people.js';
import { addCollection, registerViaApi, seededFeatureCode, staffApi, uploadPhoto } from '../src/journey-api.js';
import { journeyShot, waitTab } from '../src/journey-pages.js';

/**
 * 支付宝 in the sandbox: the student picks 支付宝 on the order page, the browser goes to the local
 * Alipay's gateway (which checks the RSA2 signature) and cashier, 确认付款 sends the signed notification,
 * and the return lands on the order, which turns paid. Inside WeChat only WeChat Pay is offered.
 */

let server: TestServer;
let browser: Browser;
const WAIT_MS = 60_000;

beforeAll(async () => {
  browser = await connectBrowser();
  server = await startServer();
});

afterAll(async () => {
  await server?.stop();
  await browser?.close();
});

describe('paying with Alipay', () => {
  it('order page → 支付宝 → sandbox cashier (zh/en) → 确认付款 → back on the order, paid; the console says 支付宝', { timeout: 300_000 }, async () => {
    const admin = await staffApi(server, 'admin');
    const featureCode = await seededFeatureCode(admin.api);
    const ctx = await phoneContext(browser, server.baseUrl);
    ctx.setDefaultTimeout(WAIT_MS);
    const s = newStudent('alipay');
    const api = await registerViaApi(ctx, server, s);
    const collectionId = await addCollection(api, featureCode, s);
    await uploadPhoto(api, collectionId);
    const { orderNo } = await api.post<{ orderNo: string }>('/api/orders', { collectionId, withPrints: false });

    // inside WeChat (simulated): WeChat Pay only, and how to reach Alipay
    const inWechat = await ctx.newPage();
    await inWechat.goto(`/orders/${orderNo}?wechat=sim`);
    await inWechat.getByTestId('alipay-in-wechat').waitFor();
    expect(await inWechat.getByTestId('pay-methods').count()).toBe(0);
    expect(await inWechat.getByTestId('pay').textContent()).toContain('微信支付');
    await journeyShot(inWechat, 'order-pay-in-wechat');
    await inWechat.close();

    const page = await ctx.newPage();
    await page.goto(`/orders/${orderNo}`);
    await page.getByTestId('pay-methods').waitFor();
    expect(await page.getByTestId('pay-method-wechat').getAttribute('aria-checked')).toBe('true');
    await page.getByTestId('pay-method-alipay').click();
    expect(await page.getByTestId('pay-method-alipay').getAttribute('aria-checked')).toBe('true');
    expect(await page.getByTestId('pay').textContent()).toContain('支付宝支付');
    await journeyShot(page, 'order-pay-methods');

    // 放弃付款: back on the order, still to pay
    await page.getByTestId('pay').click();
    await page.waitForURL(/\/sandbox\/alipay\/cashier\?token=/);
    await page.getByTestId('alipay-cancel').click();
    await page.waitForURL(new RegExp(`/orders/${orderNo}$`));
    await page.getByTestId('pay-waiting').waitFor({ state: 'detached' });
    await waitTab(page, 'pending_payment');

    await page.getByTestId('pay-method-alipay').click();
    await page.getByTestId('pay').click();
    await page.waitForURL(/\/sandbox\/alipay\/cashier\?token=/);
    expect(await page.getByTestId('alipay-amount').textContent()).toContain('20.00');
    await journeyShot(page, 'alipay-cashier');
    await page.getByTestId('alipay-lang').click();
    await page.getByRole('button', { name: 'Pay now' }).waitFor();
    await journeyShot(page, 'alipay-cashier-en');
    await page.getByTestId('alipay-pay').click();
    // Alipay's return carries its signed parameters; the page waits for the notification, not for them
    await page.waitForURL(new RegExp(`/orders/${orderNo}\\?.*method=alipay\\.trade\\.wap\\.pay\\.return`));
    await page.getByTestId('pay-success').waitFor();
    await waitTab(page, 'pending_review');
    await journeyShot(page, 'order-paid-alipay');

    const list = await admin.api.get<{ items: Array<{ orderNo: string; paymentProvider: string | null }> }>(`/api/console/orders?q=${orderNo}`);
    expect(list.items).toMatchObject([{ orderNo, paymentProvider: 'alipay' }]);
    await ctx.close();

    const consoleCtx = await desktopContext(browser, server.baseUrl);
    consoleCtx.setDefaultTimeout(WAIT_MS);
    const consolePage = await consoleCtx.newPage();
    await consoleLogin(consolePage, 'admin');
    await consolePage.goto('/console/orders');
    await consolePage.getByTestId('orders-table').getByText(orderNo).click();
    await consolePage.getByText('支付方式').waitFor();
    expect(await consolePage.getByTestId('orders-table').getByTestId('pay-provider').first().textContent()).toBe('支付宝');
    await consoleShot(consolePage, 'order-drawer-alipay');
    await consoleCtx.close();
    await admin.dispose();
  });
});
