import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { connectBrowser, desktopContext, phoneContext } from '../src/browser.js';
import { SEED, startServer, type TestServer } from '../src/server.js';
import { newStudent } from '../src/people.js';
import { registerByTyping } from '../src/flows.js';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await connectBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function staffLogin(page: Page, username: string, password: string) {
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.locator('button[type=submit]').click();
}

describe('console in the browser', () => {
  it('sends a visitor without a session to the console login', async () => {
    const ctx = await desktopContext(browser, server.baseUrl);
    const page = await ctx.newPage();
    const dashboard = page.waitForResponse((r) => r.url().endsWith('/api/auth/session'));
    await page.goto('/console');
    expect((await dashboard).status()).toBe(200);
    await page.waitForURL(/\/console\/login$/);
    expect(await page.evaluate(async () => (await fetch('/api/console/dashboard')).status)).toBe(401);
    await ctx.close();
  });

  it('lets each staff role log in to its own dashboard and log out', async () => {
    const ctx = await desktopContext(browser, server.baseUrl);
    const page = await ctx.newPage();
    const roles = [
      { ...SEED.admin, role: 'admin', title: '中心工作台', tag: '中心管理员' },
      { ...SEED.reviewer, role: 'reviewer', title: '审核工作台', tag: '审核员' },
      { ...SEED.coordinator, role: 'school_coordinator', title: '学校工作台', tag: '学校联系人' },
    ];
    for (const r of roles) {
      await page.goto('/console/login');
      await expect.poll(() => page.getByTestId('centre-name').textContent()).toBe('示范图像采集中心');
      await staffLogin(page, r.username, r.password);
      await page.getByTestId(`dashboard-${r.role}`).waitFor();
      expect(new URL(page.url()).pathname).toBe('/console');
      expect(await page.getByTestId('dashboard-title').textContent()).toBe(r.title);
      expect(await page.getByTestId('staff-role').textContent()).toBe(r.tag);
      await page.getByTestId('logout').click();
      await page.waitForURL(/\/console\/login$/);
    }
    await ctx.close();
  });

  it('shows a wrong staff password in the chosen language', async () => {
    const ctx = await desktopContext(browser, server.baseUrl);
    const page = await ctx.newPage();
    await page.goto('/console/login');
    await page.getByText('English').click();
    await page.getByText('Staff login').waitFor();
    await staffLogin(page, SEED.reviewer.username, 'wrong-password-1');
    await page.getByText('Wrong username or password').waitFor();
    await staffLogin(page, SEED.reviewer.username, SEED.reviewer.password);
    await page.getByTestId('dashboard-title').getByText('Review dashboard').waitFor();
    await ctx.close();
  });

  it('answers 403 to a student who opens a console route, and says so', async () => {
    const ctx = await phoneContext(browser, server.baseUrl);
    const page = await ctx.newPage();
    await registerByTyping(page, server, newStudent('c403'));
    await page.goto('/console');
    await page.getByTestId('forbidden').getByText('无权限').waitFor();
    expect(await page.evaluate(async () => (await fetch('/api/console/dashboard')).status)).toBe(403);
    await page.goto('/console/anything/deeper');
    await page.getByTestId('forbidden').waitFor();
    await ctx.close();
  });
});
