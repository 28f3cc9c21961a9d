// The built studio in headless Chromium: the worker starts tfjs on WebGPU and the page says so.
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from './chromium';
import { type Served, serveBuiltApp } from './server';

let server: Served;
let browser: Browser;

beforeAll(async () => {
  server = await serveBuiltApp();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('shows the WebGPU backend and the SwiftShader adapter chosen by the worker', async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(server.url);
  const badge = page.locator('output.device[data-backend]');
  await badge.waitFor({ timeout: 120_000 });
  expect(await badge.getAttribute('data-backend')).toBe('webgpu');
  expect((await page.getByTestId('adapter').textContent())?.toLowerCase()).toContain('swiftshader');
  expect(errors).toEqual([]);
  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: 'test-results/studio-shell.png' });
});

it('falls back to the CPU backend when WebGPU and WebGL are not asked for, and says so', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}?backends=cpu`);
  const badge = page.locator('output.device[data-backend]');
  await badge.waitFor({ timeout: 120_000 });
  expect(await badge.getAttribute('data-backend')).toBe('cpu');
  expect(await badge.textContent()).toContain('training will be slow');
});
