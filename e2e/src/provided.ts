/** What the vitest globalSetup (`src/global-setup.ts`) hands to the test files (`inject`). */

/** A data directory the real server has migrated and seeded, and the demo-data block it printed then. */
export interface DataTemplate {
  dir: string;
  seedLog: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** `BrowserServer.wsEndpoint()` of the run's one Chromium. */
    e2eBrowserWsEndpoint?: string;
    e2eDataTemplate?: DataTemplate;
  }
}
