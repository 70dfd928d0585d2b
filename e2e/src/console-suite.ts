import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { connectBrowser, desktopContext } from './browser.js';
import { startServer, type TestServer } from './server.js';
import { seededBatch, staffApi, type ApiClient } from './journey-api.js';
import { consoleLogin, failureShot } from './console-kit.js';

/** What a console suite's data set-up gets: the server, Chromium, staff APIs and the seeded batch. */
export interface ConsoleSetup {
  server: TestServer;
  browser: Browser;
  admin: ApiClient;
  /** The reviewer's API, logged in on first use. */
  reviewer: () => Promise<ApiClient>;
  batch: { id: string; schoolId: string; featureCode: string };
}

/** A console suite's server, browser and the page the admin is logged in on; filled in by its beforeAll. */
export interface ConsoleSuite {
  server: TestServer;
  browser: Browser;
  ctx: BrowserContext;
  page: Page;
}

/**
 * Registers a console e2e file's hooks: before all, the server and Chromium start, `prepare` makes the
 * file's data through the staff APIs (the staff sessions end after it), and the admin logs in to the
 * console on a desktop page; after all, `close` runs, then the browser and server stop; a failed test
 * leaves a screenshot of the page.
 */
export function consoleSuite(opts: {
  prepare: (setup: ConsoleSetup) => Promise<void>;
  close?: () => Promise<void>;
}): ConsoleSuite {
  const suite = {} as ConsoleSuite;
  beforeAll(async () => {
    const server = (suite.server = await startServer());
    const browser = (suite.browser = await connectBrowser());
    const admin = await staffApi(server, 'admin');
    let reviewer: Awaited<ReturnType<typeof staffApi>> | undefined;
    const batch = await seededBatch(admin.api);
    await opts.prepare({
      server,
      browser,
      admin: admin.api,
      reviewer: async () => (reviewer ??= await staffApi(server, 'reviewer')).api,
      batch,
    });
    await admin.dispose();
    await reviewer?.dispose();
    suite.ctx = await desktopContext(browser, server.baseUrl);
    suite.page = await suite.ctx.newPage();
    await consoleLogin(suite.page, 'admin');
  }, 300_000);

  afterAll(async () => {
    await opts.close?.();
    await suite.browser?.close();
    await suite.server?.stop();
  });

  beforeEach((c) => {
    c.onTestFailed(() => failureShot(suite.page, c.task.name));
  });
  return suite;
}
