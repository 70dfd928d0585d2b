import { request as playwrightRequest, type Page } from 'playwright-core';
import { apiClient, type ApiClient } from './journey-api.js';
import type { TestServer } from './server.js';

/** Staff accounts beyond the seeded three: made by an admin through the API, signed in by name and password. */

export interface StaffAccount {
  id: string;
  username: string;
  name: string;
  password: string;
}

/** An admin creates a staff account (`POST /api/console/staff`); a coordinator needs `schoolId`. */
export async function createStaff(
  admin: ApiClient,
  a: { username: string; name: string; role: 'admin' | 'reviewer' | 'school_coordinator'; schoolId?: string },
): Promise<StaffAccount> {
  const password = `e2e-${a.username}-Pass1`;
  const made = await admin.post<{ id: string }>('/api/console/staff', {
    username: a.username,
    name: a.name,
    role: a.role,
    schoolId: a.schoolId ?? null,
    password,
  });
  return { id: made.id, username: a.username, name: a.name, password };
}

/** Logs in on /console/login with this account and waits for the console frame. */
export async function loginAs(page: Page, a: StaffAccount) {
  await page.goto('/console/login');
  await page.locator('input[name=username]').fill(a.username);
  await page.locator('input[name=password]').fill(a.password);
  await page.locator('button[type=submit]').click();
  await page.getByTestId('staff-user').waitFor();
}

/** A signed-in API client for this account (its own cookie jar); dispose when done. */
export async function apiAs(
  server: TestServer,
  a: StaffAccount,
): Promise<{ api: ApiClient; dispose: () => Promise<void> }> {
  const request = await playwrightRequest.newContext({ baseURL: server.baseUrl });
  const api = apiClient(request);
  await api.post('/api/console/auth/login', { username: a.username, password: a.password });
  return { api, dispose: () => request.dispose() };
}
