// The built studio in headless Chromium: the worker starts tfjs on WebGPU and the page says so.
import { mkdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import { serveStudioForFile } from './built-studio';

const studio = serveStudioForFile();

it('shows the WebGPU backend and the SwiftShader adapter chosen by the worker', async () => {
  const page = await studio.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(studio.url);
  const badge = page.locator('output.device[data-backend]');
  await badge.waitFor({ timeout: 120_000 });
  expect(await badge.getAttribute('data-backend')).toBe('webgpu');
  expect((await page.getByTestId('adapter').textContent())?.toLowerCase()).toContain('swiftshader');
  expect(errors).toEqual([]);
  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: 'test-results/studio-shell.png' });
});

it('falls back to the CPU backend when WebGPU and WebGL are not asked for, and says so', async () => {
  const page = await studio.newPage();
  await page.goto(`${studio.url}?backends=cpu`);
  const badge = page.locator('output.device[data-backend]');
  await badge.waitFor({ timeout: 120_000 });
  expect(await badge.getAttribute('data-backend')).toBe('cpu');
  expect(await badge.textContent()).toContain('training will be slow');
  // The preview server's COOP/COEP headers isolate the page, so the kernels get threads.
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  expect(await page.getByTestId('adapter').textContent()).toMatch(
    /WebAssembly \S+-shared, \d+ threads/,
  );
});
