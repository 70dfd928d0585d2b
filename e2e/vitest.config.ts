import { defineConfig } from 'vitest/config';

/**
 * e2e in Debian's headless Chromium against the real server; files run one after another (2-core CI).
 * The globalSetup starts one Chromium and makes one migrated, seeded data directory for the whole run.
 */
export default defineConfig({
  test: {
    include: ['tests/**/*.e2e.test.ts'],
    globalSetup: ['src/global-setup.ts'],
    environment: 'node',
    testTimeout: 90_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
    reporters: ['default', '../tools/summary-reporter.ts'],
  },
});
