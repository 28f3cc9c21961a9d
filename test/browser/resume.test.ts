// Resume after a reload in the built studio on the CPU backend (fast enough for 12 steps): a Color
// Module stage checkpoints every 2 steps, the page reloads mid-stage, the banner offers the saved
// step and the stage finishes the same 12-step schedule from there. Roles and labels only.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { serveStudioForFile } from './built-studio';
import { prepareColorModule, waitForStageEnd } from './studio-steps';

const studio = serveStudioForFile();

const ITERATIONS = 12;

/** The studio is up on the CPU backend (asked for in the URL); any saved checkpoint came with it. */
async function openStudio(page: Page) {
  await page.locator('output.device[data-backend="cpu"]').waitFor({ timeout: 120_000 });
}

/** Sets a short Color Module stage (batch 4, validation and checkpoint every 2 steps) and starts
 *  it. */
async function startColorModule(page: Page, iterations: number) {
  await page.getByLabel('Iterations').fill(String(iterations));
  await page.getByLabel('Batch size').fill('4');
  await page.getByLabel('Accumulation').fill('1');
  await page.getByLabel('Validate every K steps').fill('2');
  await page.getByRole('button', { name: 'Start Color Module' }).click();
}

/** Waits until the page shows a checkpoint at step ≥ `atLeast`; returns that step. */
async function checkpointStep(page: Page, atLeast: number): Promise<number> {
  const pattern = new RegExp(`^Last checkpoint: step (\\d+) of ${ITERATIONS}$`);
  const shown = await page.waitForFunction(
    ({ source, min }) => {
      if (document.querySelector('[role="alert"]') !== null) return -1;
      for (const p of document.querySelectorAll('.train-progress p')) {
        const step = Number(new RegExp(source).exec(p.textContent ?? '')?.[1] ?? Number.NaN);
        if (step >= min) return step;
      }
      return false;
    },
    { source: pattern.source, min: atLeast },
    { timeout: 200_000, polling: 50 },
  );
  const step = (await shown.jsonValue()) as number;
  if (step < 0)
    throw new Error(`The studio reported: ${await page.getByRole('alert').allTextContents()}`);
  return step;
}

it('reloads mid-stage and finishes the stage from its last checkpoint', async () => {
  const page = await studio.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${studio.url}?backends=cpu`);
  await openStudio(page);
  await expect(page.getByRole('region', { name: 'Unfinished stage' }).count()).resolves.toBe(0);
  await prepareColorModule(page);

  await startColorModule(page, ITERATIONS);
  const seen = await checkpointStep(page, 4);
  expect(seen % 2).toBe(0); // checkpoints come with validations, every K = 2 steps
  await page.reload();
  await openStudio(page);

  // The worker may have saved one more checkpoint between the page showing one and the reload.
  const banner = page.getByRole('region', { name: 'Unfinished stage' });
  const offer = await banner
    .getByText(/^A Color Module stage stopped at step \d+ of 12 /)
    .textContent();
  const saved = Number(/step (\d+) of/.exec(offer ?? '')?.[1]);
  expect(saved).toBeGreaterThanOrEqual(seen);
  expect(saved).toBeLessThan(ITERATIONS);
  expect(saved % 2).toBe(0);

  await banner.getByRole('button', { name: 'Resume stage from checkpoint' }).click();
  await expect(page.getByRole('heading', { name: '4. Train' }).count()).resolves.toBe(1);
  await waitForStageEnd(page);
  expect(await banner.count()).toBe(0);
  // The schedule went on from the saved step: only the remaining steps ran, ending at 12 of 12.
  await expect(page.getByText(`Step ${ITERATIONS} / ${ITERATIONS}`).count()).resolves.toBe(1);
  const loss = page.getByRole('figure', { name: 'Training loss' });
  expect(Number(await loss.getAttribute('data-points'))).toBe(ITERATIONS - saved);
  await expect(loss.locator('figcaption').textContent()).resolves.toContain(
    `at step ${ITERATIONS}`,
  );
  expect(await page.getByRole('alert').count()).toBe(0);
  // The page learned what the worker rebuilt: the resumed run's settings, and a model to train.
  await expect(page.getByLabel('Iterations').inputValue()).resolves.toBe(String(ITERATIONS));
  await expect(page.getByLabel('Validate every K steps').inputValue()).resolves.toBe('2');
  expect(await page.getByText(/Load a dataset first|Build a model first/).count()).toBe(0);
  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: 'test-results/resume.png', fullPage: true });

  // The completed stage cleared its checkpoint: a further reload offers nothing to resume.
  await page.reload();
  await openStudio(page);
  expect(await banner.count()).toBe(0);
  expect(errors).toEqual([]);
});

it('replaces a crashed training worker, says so, and resumes from the last checkpoint', async () => {
  const page = await studio.newPage();
  await page.goto(`${studio.url}?backends=cpu`);
  await openStudio(page);
  await prepareColorModule(page);
  await startColorModule(page, ITERATIONS);
  await checkpointStep(page, 4);

  // An uncaught exception inside the worker, as a real crash raises it: its error event reaches
  // the page (no hook in the studio's code).
  const trainer = page.workers().find((w) => w.url().includes('trainer.worker'));
  if (!trainer) throw new Error('no training worker found');
  await trainer.evaluate(() => {
    setTimeout(() => {
      throw new Error('simulated crash');
    });
  });
  const alert = page.getByRole('alert');
  await alert.waitFor({ timeout: 30_000 });
  expect(await alert.textContent()).toMatch(
    /^The training worker crashed: .*simulated crash\. A new worker was started/,
  );
  const banner = page.getByRole('region', { name: 'Unfinished stage' });
  await banner.waitFor({ timeout: 120_000 });
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await banner.getByRole('button', { name: 'Resume stage from checkpoint' }).click();
  await waitForStageEnd(page);
  await expect(page.getByText(`Step ${ITERATIONS} / ${ITERATIONS}`).count()).resolves.toBe(1);
  expect(await page.getByRole('alert').count()).toBe(0);
}, 400_000);

it('takes a lost GPU device as a lost worker: WebGPU again in a new one, resumed', async () => {
  const steps = 6;
  const page = await studio.newPage();
  await page.goto(studio.url); // WebGPU (SwiftShader here)
  await page.locator('output.device[data-backend="webgpu"]').waitFor({ timeout: 120_000 });
  await prepareColorModule(page);
  await startColorModule(page, steps);
  await page.getByText(/^Last checkpoint: step [24] of 6$/).waitFor({ timeout: 300_000 });

  // The device tfjs trains on, destroyed from inside the worker (tfjs keeps its engine on the
  // global scope): the same loss a driver reset or an unplugged GPU reports.
  const trainer = page.workers().find((w) => w.url().includes('trainer.worker'));
  if (!trainer) throw new Error('no training worker found');
  await trainer.evaluate(() => {
    const engine = (globalThis as { _tfengine?: { backendInstance?: { device?: GPUDevice } } })
      ._tfengine;
    engine?.backendInstance?.device?.destroy();
  });
  // The step that met the dead device may have failed first, beside the Train controls; the loss
  // itself is said page-wide.
  const alert = page.getByRole('alert').filter({ hasText: 'The training worker crashed' });
  await alert.waitFor({ timeout: 60_000 });
  expect(await alert.textContent()).toMatch(
    /^The training worker crashed: .*The GPU device was lost/,
  );
  const banner = page.getByRole('region', { name: 'Unfinished stage' });
  await banner.waitFor({ timeout: 120_000 });
  await expect(page.locator('output.device').getAttribute('data-backend')).resolves.toBe('webgpu');
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await banner.getByRole('button', { name: 'Resume stage from checkpoint' }).click();
  await waitForStageEnd(page);
  await expect(page.getByText(`Step ${steps} / ${steps}`).count()).resolves.toBe(1);
}, 600_000);
