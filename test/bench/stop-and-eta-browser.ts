// Two promises the Train step makes, measured in the built studio in headless Chromium (CPU
// backend, so the figures are about our code, not SwiftShader): how long Stop takes when pressed
// during a validation pass (the stage should end within one batch), and how close the time left
// shown at the half-way step comes to the time the stage really took from there. Prints numbers;
// asserts nothing. Run: npx tsx test/bench/stop-and-eta-browser.ts
import type { Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/chromium';
import { serveBuiltApp } from '../../scripts/lib/server';
import { next } from '../browser/studio-steps';

const ITERATIONS = 40;

/** Demo data big enough for a validation pass of a few seconds, a tiny model, Color Module. */
async function prepare(page: Page, url: string): Promise<void> {
  await page.goto(`${url}?backends=cpu`);
  await page.locator('output.device[data-backend="cpu"]').waitFor({ timeout: 120_000 });
  await page.getByLabel('Patients').fill('300');
  await page.getByLabel('Image size (px)').fill('72');
  await page.getByRole('button', { name: 'Generate demo data' }).click();
  await page.getByRole('heading', { name: /^Loaded:/ }).waitFor({ timeout: 300_000 });
  await next(page, 'Model');
  await page.getByLabel('Colorization module (T)').selectOption('coloru');
  await page.getByLabel('Width multiplier').selectOption('0.125');
  await page.getByLabel('Input size').selectOption('64');
  await page.getByRole('radio', { name: 'Random initialization' }).check();
  await page.getByRole('button', { name: 'Build model' }).click();
  await page.getByRole('heading', { name: /^Built:/ }).waitFor({ timeout: 120_000 });
  await next(page, 'Stages');
  await page.getByRole('radio', { name: /^Color Module/ }).check();
  await next(page, 'Train');
  await page.getByLabel('Iterations').fill(String(ITERATIONS));
  await page.getByLabel('Batch size').fill('8');
  await page.getByLabel('Validate every K steps').fill('10');
}

const runState = (page: Page) => page.locator('output.run-state').textContent();

/** Seconds the page says are left at step ≥ half, then the seconds the stage really took. */
async function etaAtHalfway(page: Page): Promise<{ shown: number; actual: number }> {
  await page.getByRole('button', { name: 'Start Color Module' }).click();
  const shown = await page.waitForFunction(
    (half) => {
      const text = document.querySelector('.train-progress label')?.textContent ?? '';
      const step = Number(/Step (\d+)/.exec(text)?.[1] ?? 0);
      const left = /about (?:(\d+) min )?(\d+) s left/.exec(text);
      if (step < half || !left) return null;
      return Number(left[1] ?? 0) * 60 + Number(left[2]);
    },
    ITERATIONS / 2,
    { timeout: 600_000, polling: 50 },
  );
  const seconds = (await shown.jsonValue()) as number;
  const from = Date.now();
  await page.waitForFunction(
    () => document.querySelector('output.run-state')?.textContent === 'idle',
    undefined,
    {
      timeout: 600_000,
      polling: 50,
    },
  );
  return { shown: seconds, actual: (Date.now() - from) / 1000 };
}

/** Builds a fresh network (Color Module needs one), starts the stage again and presses Stop while
 *  it validates; seconds until it is idle. */
async function stopDuringValidation(page: Page): Promise<number> {
  await page.getByRole('button', { name: /^\d+\. Model$/ }).click();
  await page.getByRole('button', { name: 'Build model' }).click();
  await page.getByRole('heading', { name: /^Built:/ }).waitFor({ timeout: 120_000 });
  await page.getByRole('button', { name: /^\d+\. Train$/ }).click();
  await page.getByRole('button', { name: 'Start Color Module' }).click();
  await page.getByTestId('validating').waitFor({ timeout: 600_000 });
  const pressed = Date.now();
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await page.waitForFunction(
    () => document.querySelector('output.run-state')?.textContent === 'idle',
    undefined,
    {
      timeout: 600_000,
      polling: 20,
    },
  );
  return (Date.now() - pressed) / 1000;
}

const server = await serveBuiltApp();
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await prepare(page, server.url);
  const eta = await etaAtHalfway(page);
  const error = (100 * (eta.shown - eta.actual)) / eta.actual;
  console.log(
    `time left shown at step ${ITERATIONS / 2}/${ITERATIONS}: ${eta.shown} s; the stage took ${eta.actual.toFixed(1)} s more (${error >= 0 ? '+' : ''}${error.toFixed(0)} %)`,
  );
  for (let i = 1; i <= 3; i++) {
    const seconds = await stopDuringValidation(page);
    console.log(
      `Stop pressed during a validation pass ${i}: stage ended ${seconds.toFixed(2)} s later (${await runState(page)})`,
    );
  }
} finally {
  await browser.close();
  await server.close();
}
