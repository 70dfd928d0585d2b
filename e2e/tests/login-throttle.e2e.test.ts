import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { connectBrowser, phoneContext } from '../src/browser.js';
import { startServer, type TestServer } from '../src/server.js';
import { newStudent } from '../src/people.js';
import { captchaAnswer } from '../src/outbox.js';
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

let lastCaptchaId = '';

/** Submits the password form (solving the captcha when shown); returns the API's status and error code. */
async function attempt(page: Page, password: string): Promise<{ status: number; code: string | null }> {
  await page.locator('input[name=password]').fill(password);
  const captcha = page.getByTestId('captcha-image');
  if (await captcha.isVisible()) {
    // Each failure brings a new challenge; wait for it rather than answer the used one.
    let id = '';
    await expect
      .poll(async () => {
        id = (await captcha.getAttribute('data-captcha-id')) ?? '';
        return id !== '' && id !== lastCaptchaId;
      })
      .toBe(true);
    lastCaptchaId = id;
    await page.locator('input[name=captchaAnswer]').fill(await captchaAnswer(server.dataDir, id));
  }
  const response = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
  await page.locator('button[type=submit]').click();
  const res = await response;
  const body = (await res.json()) as { error?: { code: string } };
  return { status: res.status(), code: body.error?.code ?? null };
}

describe('login throttling in the browser', () => {
  it('brings a captcha and growing delays after wrong passwords; the right password still works', async () => {
    const s = newStudent('throttle');
    const reg = await browser.newContext({ baseURL: server.baseUrl });
    await registerByTyping(await reg.newPage(), server, s);
    await reg.close();

    const ctx = await phoneContext(browser, server.baseUrl);
    const page = await ctx.newPage();
    await page.goto('/login');
    await page.locator('input[name=idNumber]').fill(s.idNumber);
    expect(await page.getByTestId('captcha-image').count()).toBe(0);

    const codes: Array<string | null> = [];
    let throttledSeen = false;
    for (let i = 0; i < 12 && !throttledSeen; i++) {
      const r = await attempt(page, `wrong-password-${i}`);
      codes.push(r.code);
      if (r.code === 'LOGIN_THROTTLED') {
        expect(r.status).toBe(429);
        throttledSeen = true;
      } else {
        expect(r.code).toBe('BAD_CREDENTIALS');
      }
      if (i === 2) await page.getByTestId('captcha-image').waitFor();
    }
    expect(throttledSeen, `codes: ${codes.join(',')}`).toBe(true);
    // The captcha came after the 3rd failure and stays; the countdown blocks the button.
    expect(await page.getByTestId('captcha-image').isVisible()).toBe(true);
    await page.getByTestId('login-throttled').waitFor();
    expect(await page.locator('button[type=submit]').isDisabled()).toBe(true);
    await page.getByTestId('login-throttled').waitFor({ state: 'detached', timeout: 70_000 });

    const ok = await attempt(page, s.password);
    expect(ok).toEqual({ status: 200, code: null });
    await page.getByTestId('greeting').waitFor();
    await ctx.close();
  });
});
