import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { launchBrowserServer } from './browser.js';
import { prepareDataTemplate } from './server.js';

/**
 * Once per e2e run: one headless Chromium (`launchServer`; each test file `connect`s to it) and one data
 * directory the real server has migrated and seeded, which every `startServer()` copies.
 */
export default async function setup(project: TestProject) {
  const started = Date.now();
  const browser = await launchBrowserServer();
  let template;
  try {
    template = await prepareDataTemplate();
  } catch (err) {
    await browser.close();
    throw err;
  }
  project.provide('e2eBrowserWsEndpoint', browser.wsEndpoint());
  project.provide('e2eDataTemplate', { dir: template.dir, seedLog: template.seedLog });
  console.log(`e2e setup: shared Chromium and a seeded data template in ${Date.now() - started} ms`);
  return async () => {
    await browser.close();
    rmSync(template.root, { recursive: true, force: true });
  };
}
