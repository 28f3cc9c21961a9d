// The Compare step end to end in the built studio (CPU backend: dozens of tiny steps): a
// 2-procedure × 2-seed runner config imported, run, the page reloaded mid-experiment and the queue
// resumed to the end; then the Results view (both procedures, mean ± sd over 2 seeds, a p-value)
// and its Markdown download, which must equal the report the headless runner writes for the same
// config. The overlaid curves and the colorization snapshots come back from the runs history
// after the reload. A second, shorter experiment runs on WebGPU and must give the runner's figures.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { runExperimentCli } from '../../scripts/experiment/cli';
import { serveStudioForFile } from './built-studio';
import { next } from './studio-steps';

const studio = serveStudioForFile();

const CONFIG = {
  name: 'studio-vs-runner',
  dataset: { kind: 'phantom', patients: 24, imageSize: 40, seed: 5 },
  inputSize: 32,
  backbone: 'resnet18',
  widthMultiplier: 0.125,
  pretrained: { kind: 'random' },
  seeds: [0, 1],
  chains: [
    { colorizer: 'replicate', stages: [{ stage: 'baseline' }] },
    { colorizer: 'coloru', stages: [{ stage: 'colorModule' }] },
  ],
  // Long enough that the reload lands while runs are left, even on the WebAssembly kernels.
  training: { iterations: 40, batchSize: 4, validateEvery: 10, lrMax: 0.02, augment: false },
};

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/${name}.png`, fullPage: true });

async function openCompare(page: Page, backend: 'cpu' | 'webgpu' = 'cpu'): Promise<void> {
  await page.goto(`${studio.url}?backends=${backend}`);
  await page.locator(`output.device[data-backend="${backend}"]`).waitFor({ timeout: 120_000 });
  await page.getByRole('button', { name: /^\d+\. Compare$/ }).click();
}

/** The AUC figures (×100, one decimal) of a Markdown report's tables, in order. */
const aucFigures = (markdown: string) =>
  [...markdown.matchAll(/\| (\d+\.\d)(?: ± \d+\.\d| \(1 run\))/g)].map((m) => Number(m[1]));

/** Waits until `count` runs of the queue show `status` (or the studio shows an error). */
async function runsWith(page: Page, status: string, count: number): Promise<void> {
  await page.waitForFunction(
    ({ status, count }) =>
      document.querySelector('[role="alert"]') !== null ||
      document.querySelectorAll(`[data-testid="experiment-queue"] li[data-status="${status}"]`)
        .length >= count,
    { status, count },
    { timeout: 300_000, polling: 100 },
  );
  const shown = await page.getByRole('alert').allTextContents();
  if (shown.length > 0) throw new Error(`The studio reported: ${shown.join(' | ')}`);
}

it('runs an imported experiment across a reload and reports what the runner reports', async () => {
  mkdirSync('test-results', { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'chromaxr-compare-'));
  const configPath = join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify(CONFIG));
  const page = await studio.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await openCompare(page);
  await shot(page, 'compare-plan');

  await page.getByLabel('Import config…').setInputFiles(configPath);
  await runsWith(page, 'done', 1);
  await page.reload();
  await page.locator('output.device[data-backend="cpu"]').waitFor({ timeout: 120_000 });
  await page.getByRole('button', { name: /^\d+\. Compare$/ }).click();
  const queue = page.getByTestId('experiment-queue');
  expect(await queue.locator('li').count()).toBe(4);
  // The stored run's curves are back before anything runs again.
  await page.getByRole('figure', { name: 'Training loss by run' }).waitFor();
  // So are its colorization snapshots, from the runs history.
  await page.getByRole('heading', { name: /^Colorization by run: / }).waitFor();
  expect(await page.getByLabel('Validation snapshot').isVisible()).toBe(true);
  await shot(page, 'compare-reloaded');
  await page.getByRole('button', { name: 'Resume experiment' }).click();
  await runsWith(page, 'done', 4);
  await shot(page, 'compare-done');

  await next(page, 'Results');
  const tableI = page.locator('table[data-section="tableI"]');
  const text = (await tableI.textContent()) ?? '';
  expect(text).toMatch(/Baseline/);
  expect(text).toMatch(/Color Module/);
  expect(text).toMatch(/\d+\.\d ± \d+\.\d/);
  expect(await page.getByText(/p = \d\.\d{3}/).count()).toBeGreaterThan(0);
  await shot(page, 'results');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: /Markdown/ }).click();
  const studioMarkdown = readFileSync(await (await downloading).path(), 'utf8');

  const { out } = await runExperimentCli([configPath, '--out', join(dir, 'runner')]);
  expect(studioMarkdown).toBe(readFileSync(join(out, 'report.md'), 'utf8'));
  expect(errors).toEqual([]);
}, 900_000);

it("runs an experiment on WebGPU, with the runner's figures to float tolerance", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'chromaxr-compare-gpu-'));
  const configPath = join(dir, 'config.json');
  const config = {
    ...CONFIG,
    name: 'studio-webgpu',
    seeds: [0],
    training: { ...CONFIG.training, iterations: 4, validateEvery: 2 },
  };
  writeFileSync(configPath, JSON.stringify(config));
  const page = await studio.newPage();
  await openCompare(page, 'webgpu');
  await page.getByLabel('Import config…').setInputFiles(configPath);
  await runsWith(page, 'done', 2);
  await shot(page, 'compare-webgpu-done');
  await next(page, 'Results');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: /Markdown/ }).click();
  const studioMarkdown = readFileSync(await (await downloading).path(), 'utf8');
  const { out } = await runExperimentCli([configPath, '--out', join(dir, 'runner')]);
  const runner = aucFigures(readFileSync(join(out, 'report.md'), 'utf8'));
  const onGpu = aucFigures(studioMarkdown);
  console.log(`WebGPU studio vs CPU runner, AUC ×100: ${onGpu.join(' ')} | ${runner.join(' ')}`);
  expect(runner.length).toBeGreaterThan(0);
  expect(onGpu).toHaveLength(runner.length);
  // Float32 on another device: the logits differ in the last bits, a tie may rank otherwise.
  onGpu.forEach((figure, i) => {
    expect(Math.abs(figure - (runner[i] as number))).toBeLessThanOrEqual(2);
  });
}, 600_000);
