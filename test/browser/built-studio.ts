// The production build of the studio served to a fresh headless Chromium for one test file:
// registers the file's beforeAll/afterAll and hands out pages and the served URL.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../../scripts/lib/chromium';
import { type Served, serveBuiltApp } from '../../scripts/lib/server';

export interface BuiltStudio {
  /** The served app's URL (ends with '/'); valid once the file's tests run. */
  readonly url: string;
  newPage(): Promise<Page>;
}

export function serveStudioForFile(): BuiltStudio {
  let server: Served | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await serveBuiltApp();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = () => {
    if (!server || !browser) throw new Error('the built studio is not served yet (beforeAll)');
    return { server, browser };
  };
  return {
    get url() {
      return started().server.url;
    },
    newPage: () => started().browser.newPage(),
  };
}
