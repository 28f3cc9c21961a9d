// "It learns", the studio's way: a new user presses Quick start, builds the model and starts the
// stage, in Chromium on the CPU backend (the WebAssembly kernels; SwiftShader's WebGPU would take
// far longer for 150 steps). The best validation mean AUC must reach 0.75, as the Data step
// promises (state/quick-start.ts has the runner's figures for the same settings).
import { mkdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import { serveStudioForFile } from './built-studio';
import { next, quickStartToStages, waitForStageEnd } from './studio-steps';

const studio = serveStudioForFile();

it('the quick start reaches validation mean AUC 0.75 on the phantom', async () => {
  mkdirSync('test-results', { recursive: true });
  const page = await studio.newPage();
  await page.goto(`${studio.url}?backends=cpu`);
  await page.locator('output.device[data-backend="cpu"]').waitFor({ timeout: 120_000 });
  const promise = await page.getByTestId('quick-start-expectation').textContent();
  expect(promise).toMatch(/pass 0\.75/);

  await quickStartToStages(page);
  expect(await page.getByRole('radio', { name: /^Baseline All/ }).isChecked()).toBe(true);
  await next(page, 'Train');
  const started = Date.now();
  await page.getByRole('button', { name: 'Start Baseline All' }).click();
  await waitForStageEnd(page);
  const seconds = (Date.now() - started) / 1000;
  await page.screenshot({ path: 'test-results/quick-start-trained.png', fullPage: true });

  await page.getByRole('button', { name: /^\d+\. Stages$/ }).click();
  const row = page.getByRole('row', { name: /^Baseline All/ });
  const cells = await row.getByRole('cell').allTextContents();
  const best = Number(/(\d\.\d{3})/.exec(cells[3] ?? '')?.[1]);
  console.log(
    `quick start: best validation mean AUC ${best} (${cells[3]}), ${seconds.toFixed(0)} s`,
  );
  expect(cells[2]).toBe('150');
  expect(best).toBeGreaterThanOrEqual(0.75);
}, 400_000);
