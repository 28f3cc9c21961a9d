// The CPU fallback's WebAssembly kernels in Chromium, where the studio runs them: in a dedicated
// worker of a cross-origin-isolated page (the dev server's COOP/COEP headers), on kernel worker
// threads over shared memory, matching tfjs's stock CPU kernels (same 1e-5 as in Node).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/chromium';
import { type Served, serveDev } from '../../scripts/lib/server';

let server: Served;
let browser: Browser;

beforeAll(async () => {
  server = await serveDev();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('runs the convolutions on threaded WebAssembly SIMD in an isolated page', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}test/browser/cpu-kernels.html`);
  await page.waitForFunction(
    () => document.getElementById('status')?.textContent === 'ready',
    null,
    {
      timeout: 240_000,
    },
  );
  const report = await page.evaluate(
    () => (window as unknown as { cpuKernelsReport: unknown }).cpuKernelsReport,
  );
  expect(report).toMatchObject({ isolated: true });
  const { kernels, errors } = report as { kernels: string; errors: Record<string, number> };
  expect(kernels).toMatch(/^WebAssembly (relaxed|simd)-shared, \d+ threads$/);
  for (const error of Object.values(errors)) expect(error).toBeLessThan(1e-5);
});
