import { chromium, type Browser, type BrowserContext, type BrowserServer } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags CI uses for Debian's headless Chromium. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
];

/** The one Chromium of an e2e run (started by the vitest globalSetup, `src/global-setup.ts`). */
export function launchBrowserServer(): Promise<BrowserServer> {
  return chromium.launchServer({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** The globalSetup's Chromium endpoint, when running under vitest with it. */
async function sharedEndpoint(): Promise<string | undefined> {
  if (!process.env.VITEST) return undefined;
  const { inject } = await import('vitest');
  return inject('e2eBrowserWsEndpoint');
}

/**
 * A browser for one test file: a connection to the run's shared Chromium (vitest globalSetup), or, outside
 * vitest (`npm run screenshots`), a Chromium of its own. `close()` disconnects and closes this file's
 * contexts; the shared Chromium stays up for the next file.
 */
export async function connectBrowser(): Promise<Browser> {
  const ws = await sharedEndpoint();
  if (ws) return chromium.connect(ws, { timeout: 30_000 });
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** A phone-sized context (390×844) for the student app, in Chinese unless told otherwise. */
export function phoneContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
}

/**
 * A desktop context (1440×900) for the console, asking for reduced motion: the console then shows modals
 * and drawers without their zoom and slide, so a click can't land on a button that is still animating in
 * (on a loaded host the mouse-up fell outside a zooming modal and the click was lost).
 */
export function desktopContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    reducedMotion: 'reduce',
  });
}
