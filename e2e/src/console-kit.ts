import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { idCheckChar } from '@gradphoto/contracts/id-number';
import { REPO_ROOT, SEED } from './server.js';

/** Helpers for the console e2e tests: staff login, screenshots to docs/screenshots, roster files, API calls. */

export type StaffRoleName = keyof typeof SEED;

/** Logs in on /console/login and waits for the console frame. */
export async function consoleLogin(page: Page, role: StaffRoleName) {
  await page.goto('/console/login');
  await page.locator('input[name=username]').fill(SEED[role].username);
  await page.locator('input[name=password]').fill(SEED[role].password);
  await page.locator('button[type=submit]').click();
  await page.getByTestId('staff-user').waitFor();
}

const shotsDir = path.join(REPO_ROOT, 'docs/screenshots');

/** Saves `docs/screenshots/console-<name>.png` (the 1440×900 viewport, or the full page). */
export async function consoleShot(page: Page, name: string, fullPage = false) {
  mkdirSync(shotsDir, { recursive: true });
  await page.waitForLoadState('networkidle');
  // let antd's enter animations finish
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(shotsDir, `console-${name}.png`), fullPage });
}

let seq = 0;
/** A valid 18-digit ID number, unique in this process (Hangzhou region, born 2003). */
export function idNumber(): string {
  seq += 1;
  const first17 = `330106200304${String(1 + (seq % 28)).padStart(2, '0')}${String((Date.now() + seq) % 1000).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

/** Writes a file into a fresh temp folder and returns its path. */
export function tempFile(name: string, content: string | Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'console-e2e-'));
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

/** Calls the console API from inside the page (the session cookie and a CSRF token included). */
export async function pageApi<T = unknown>(
  page: Page,
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; json: T }> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (method !== 'GET') {
        const csrf = (await (await fetch('/api/csrf')).json()) as { token: string };
        headers['x-csrf-token'] = csrf.token;
      }
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      let json: unknown = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = null; // a file, not JSON
      }
      return { status: res.status, json: json as never };
    },
    { method, url, body },
  ) as Promise<{ status: number; json: T }>;
}

/** For `onTestFailed`: saves a full-page screenshot of the page to the temp folder and names it. */
export async function failureShot(page: Page | undefined, name: string) {
  if (!page || page.isClosed()) return;
  const file = path.join(
    tmpdir(),
    `console-e2e-failure-${name.replace(/\W+/g, '-').slice(0, 40)}-${Date.now()}.png`,
  );
  await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
  console.error(`failure screenshot: ${file}`);
}
