/**
 * Saves a screenshot of every screen to docs/screenshots/ (student at 390×844, console at 1440×900).
 * Run: npm run build -w apps/web && npm run screenshots -w e2e
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { connectBrowser, desktopContext, phoneContext } from './browser.js';
import { REPO_ROOT, SEED, startServer } from './server.js';
import { newStudent } from './people.js';
import { registerByTyping } from './flows.js';

const out = path.join(REPO_ROOT, 'docs/screenshots');
mkdirSync(out, { recursive: true });

async function shot(page: Page, name: string, fullPage = false) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(out, `${name}.png`), fullPage });
  console.log(`docs/screenshots/${name}.png`);
}

const server = await startServer();
const browser = await connectBrowser();
try {
  const phone = await phoneContext(browser, server.baseUrl);
  const page = await phone.newPage();
  await page.goto('/login');
  await page.getByText('密码登录').waitFor();
  await shot(page, 'student-login');
  await page.getByText('验证码登录').click();
  await shot(page, 'student-login-code');
  await page.goto('/register');
  await page.locator('input[name=idNumber]').fill('11010519900307');
  await shot(page, 'student-register');
  await shot(page, 'student-register-full', true);
  await page.setViewportSize({ width: 360, height: 640 });
  await page.goto('/login');
  await shot(page, 'student-login-360x640');
  await page.goto('/register');
  await shot(page, 'student-register-360x640');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/reset-password');
  await shot(page, 'student-reset-password');
  const s = newStudent('shot');
  await registerByTyping(page, server, s);
  await page.locator('.adm-toast-mask').waitFor({ state: 'detached' });
  await shot(page, 'student-home');
  await page.setViewportSize({ width: 360, height: 640 });
  await shot(page, 'student-home-360x640');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/account');
  await shot(page, 'student-account');
  await page.goto('/help');
  await shot(page, 'student-help');
  await page.getByTestId('lang-switch').click();
  await page.goto('/');
  await shot(page, 'student-home-en');
  await page.getByTestId('logout').click();
  await page.waitForURL(/\/login$/);
  await page.goto('/register');
  await shot(page, 'student-register-en');
  await page.goto('/login');
  await page.locator('input[name=idNumber]').fill(s.idNumber);
  await page.locator('input[name=password]').fill(s.password);
  await page.locator('button[type=submit]').click();
  await page.getByTestId('greeting').waitFor();
  await page.getByTestId('lang-switch').click();
  await page.goto('/console');
  await shot(page, 'console-forbidden-student');
  await page.goto('/account');
  await page.getByTestId('logout').click();
  await page.waitForURL(/\/login$/);
  await page.locator('input[name=idNumber]').fill(s.idNumber);
  for (let i = 0; i < 3; i++) {
    await page.locator('input[name=password]').fill(`wrong-${i}-password`);
    const res = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
    await page.locator('button[type=submit]').click();
    await res;
  }
  await page.getByTestId('captcha-image').locator('img').waitFor();
  await shot(page, 'student-login-captcha');
  await phone.close();

  const desk = await desktopContext(browser, server.baseUrl);
  const cpage = await desk.newPage();
  await cpage.goto('/console/login');
  await shot(cpage, 'console-login');
  for (const role of ['admin', 'reviewer', 'coordinator'] as const) {
    await cpage.goto('/console/login');
    await cpage.locator('input[name=username]').fill(SEED[role].username);
    await cpage.locator('input[name=password]').fill(SEED[role].password);
    await cpage.getByRole('button', { name: /登\s*录/ }).click();
    await cpage.getByTestId('dashboard-title').waitFor();
    await shot(cpage, `console-dashboard-${role}`);
    await cpage.getByTestId('logout').click();
    await cpage.locator('input[name=username]').waitFor();
  }
  await desk.close();
} finally {
  await browser.close();
  await server.stop();
}
