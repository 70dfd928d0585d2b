import type { Page } from 'playwright-core';
import { outboxCount, smsCode } from './outbox.js';
import type { TestServer } from './server.js';
import type { newStudent } from './people.js';

export type Student = ReturnType<typeof newStudent>;

/** Fills the registration form except the ID number (typed or read by OCR beforehand). */
export async function fillRegisterRest(
  page: Page,
  server: TestServer,
  s: Student,
  opts: { name?: boolean } = {},
) {
  if (opts.name !== false) await page.locator('input[name=name]').fill(s.name);
  await page.getByTestId('gender').getByText('女').click();
  await page.locator('input[name=phone]').fill(s.phone);
  await page.locator('input[name=email]').fill(s.email);
  const before = outboxCount(server.dataDir, 'sms');
  await page.getByTestId('send-code').click();
  const code = await smsCode(server.dataDir, s.phone, before);
  await page.locator('input[name=code]').fill(code);
  await page.locator('input[name=password]').fill(s.password);
  await page.locator('input[name=confirm]').fill(s.password);
  await page.getByTestId('agree').click();
}

/** Registers `s` through the form, typing the ID number; ends on the home page. */
export async function registerByTyping(page: Page, server: TestServer, s: Student) {
  await page.goto('/register');
  await page.locator('input[name=idNumber]').fill(s.idNumber);
  await fillRegisterRest(page, server, s);
  await page.locator('button[type=submit]').click();
  await page.getByTestId('greeting').waitFor();
}

/** Logs in on /login with ID number + password (no captcha); ends on the home page. */
export async function loginWithPassword(page: Page, idNumber: string, password: string) {
  await page.goto('/login');
  await page.locator('input[name=idNumber]').fill(idNumber);
  await page.locator('input[name=password]').fill(password);
  await page.locator('button[type=submit]').click();
  await page.getByTestId('greeting').waitFor();
}
