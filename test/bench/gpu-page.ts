// Opens test/browser/gpu.html (window.gpuHarness) in headless Chromium for the GPU benches:
// SwiftShader by default, the machine's GPU with --gpu. Node-only.
import type { Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/chromium';
import { serveDev } from '../../scripts/lib/server';

export interface GpuPage {
  page: Page;
  adapter: string;
  timestampQuery: boolean;
  close(): Promise<void>;
}

export async function openGpuPage(adapter: 'swiftshader' | 'gpu'): Promise<GpuPage> {
  const server = await serveDev();
  const browser = await launchChromium(adapter);
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error(`[chromium] ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      console.error(`[chromium] ${message.text().slice(0, 400)}`);
  });
  await page.goto(`${server.url}test/browser/gpu.html`);
  await page.waitForFunction(
    () => document.getElementById('status')?.textContent === 'ready',
    null,
    { timeout: 240_000 },
  );
  const features = await page.evaluate(() => window.gpuHarness.adapterFeatures());
  return {
    page,
    ...features,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
