import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './server.js';

const SHOTS = path.join(REPO_ROOT, 'docs/screenshots');

/** Saves docs/screenshots/journey-<name>.png once the page has settled (toasts gone). */
export async function journeyShot(page: Page, name: string, fullPage = false) {
  mkdirSync(SHOTS, { recursive: true });
  await page.waitForLoadState('networkidle');
  await page
    .locator('.adm-toast-mask')
    .waitFor({ state: 'detached', timeout: 5_000 })
    .catch(() => undefined);
  await page.waitForTimeout(250);
  await page.screenshot({ path: path.join(SHOTS, `journey-${name}.png`), fullPage });
}

/** Picks 省 / 市 / 区 in the antd-mobile cascade picker (items are clickable; the wheel need not scroll). */
export async function pickRegion(page: Page, names: [string, string, string]) {
  const popup = page.locator('.adm-picker-popup .adm-popup-body').last();
  await popup.waitFor();
  for (const [i, name] of names.entries()) {
    const item = popup
      .locator('.adm-picker-view-column')
      .nth(i)
      .locator('.adm-picker-view-column-item', { hasText: name })
      .first();
    await item.waitFor({ state: 'attached' });
    await item.dispatchEvent('click');
    await popup
      .locator('.adm-picker-view-column')
      .nth(i)
      .locator('.adm-picker-view-column-item-active', { hasText: name })
      .waitFor({ state: 'attached' });
  }
  await popup.locator('.adm-picker-header-button').last().click();
  await popup.waitFor({ state: 'hidden' });
}

/** Waits until the order page's status card shows `tab` (pending_payment, pending_review, to_ship, closed …). */
export async function waitTab(page: Page, tab: string, timeout = 60_000) {
  await page.locator(`[data-testid=order-status][data-tab="${tab}"]`).waitFor({ timeout });
}
