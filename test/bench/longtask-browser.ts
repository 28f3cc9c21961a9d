// The studio's main thread during the work issue 14 names: the built app (served as the browser
// tests serve it) in headless Chromium on SwiftShader, a PerformanceObserver for 'longtask' (and
// 'long-animation-frame', which names the scripts) installed before the app's scripts. Three phases
// of one walk, each from its click until its result is on screen (plus a second for late renders):
// (a) demo data with the form's defaults, (b) the 300-image Kermany sample picked as a folder
// (skipped with the reason when ../shared is absent), (c) a Color Module stage of a tiny model on
// what is loaded, with live charts, previews and several validations. Prints, per phase, the
// longest task, the counts over 50 and 100 ms and what ran in the worst ones; asserts nothing.
// --cpu-time adds the most CPU time one task took (Chromium's trace: on a shared machine a task's
// wall time also counts other processes' turns on the core). Off by default: reading the trace
// every 20 s takes the cores from the page and made a 160 ms task of its own.
// Run: npx tsx test/bench/longtask-browser.ts [--cpu-time] (a few minutes on SwiftShader)
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/chromium';
import { serveBuiltApp } from '../../scripts/lib/server';
import { type PickedFile, stubDirectoryPicker } from '../browser/directory-picker';
import { settle, tinyColorModuleToTrain, waitForStageEnd } from '../browser/studio-steps';
import { sharedFile } from '../helpers/shared';
import {
  type LongWork,
  observeLongWork,
  type PhaseSummary,
  printPhase,
  summarizePhase,
} from './long-work';
import { traceMainThread } from './thread-time';

/** The stage: four loss commits (the worker reads losses every 10 steps), four validations with
 *  their previews and many validation-progress updates, in about three minutes on SwiftShader. */
const STAGE = { iterations: 40, batchSize: 2, accumulation: 1, validateEvery: 10 } as const;
/** Minutes on SwiftShader when the machine is busy. */
const STAGE_TIMEOUT_MS = 15 * 60_000;
/** After a phase's result shows: late renders (charts, thumbnails) still count. */
const TAIL_MS = 1000;

const now = (page: Page) => page.evaluate(() => performance.now());

const { values: options } = parseArgs({
  options: { 'cpu-time': { type: 'boolean', default: false } },
});

interface Session {
  browser: Browser;
  page: Page;
}

/** Runs `act` as one measured phase; the page is given a quiet second first. */
async function phase(
  { browser, page }: Session,
  name: string,
  act: () => Promise<void>,
): Promise<PhaseSummary> {
  await page.waitForTimeout(TAIL_MS);
  let from = 0;
  let to = 0;
  const measured = async () => {
    from = await now(page);
    await act();
    await page.waitForTimeout(TAIL_MS);
    to = await now(page);
  };
  const times = options['cpu-time'] ? await traceMainThread(browser, page, measured) : null;
  if (times === null) await measured();
  const work = await page.evaluate(() => window.__longWork as LongWork);
  return summarizePhase(name, work, from, to, times);
}

async function generateDemo(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Generate demo data' }).click();
  await settle(page, page.getByRole('heading', { name: /^Loaded:/ }), 300_000);
}

/** Every image of the sample's class folders, as the picker stub hands them over. */
function sampleFiles(root: string): PickedFile[] {
  return ['NORMAL', 'PNEUMONIA'].flatMap((dir) =>
    readdirSync(join(root, dir))
      .sort()
      .map((name) => ({ dir, name, path: join(root, dir, name) })),
  );
}

/** Ingestion ends when the trainer has loaded the folder and its contact sheet is drawn. */
async function ingestSample(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Choose folder…' }).click();
  const sheet = page.getByTestId('contact-sheet').locator('canvas').first();
  await settle(page, sheet, 300_000);
}

async function prepareStage(page: Page): Promise<void> {
  await tinyColorModuleToTrain(page);
  await page.getByLabel('Iterations').fill(String(STAGE.iterations));
  await page.getByLabel('Batch size').fill(String(STAGE.batchSize));
  await page.getByLabel('Accumulation').fill(String(STAGE.accumulation));
  await page.getByLabel('Validate every K steps').fill(String(STAGE.validateEvery));
}

async function train(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Start Color Module' }).click();
  await waitForStageEnd(page, STAGE_TIMEOUT_MS);
}

async function walk(session: Session, url: string): Promise<PhaseSummary[]> {
  const { page } = session;
  // tsx compiles this file with esbuild's keepNames, which wraps the functions handed to the page
  // (here and in the picker stub) in calls to its `__name` helper: the page needs one too.
  await page.addInitScript({ content: 'globalThis.__name = (target) => target;' });
  await page.addInitScript(observeLongWork);
  await page.goto(url);
  await page.locator('output.device[data-backend]').waitFor({ timeout: 120_000 });
  const phases = [await phase(session, '(a) demo data, default form', () => generateDemo(page))];
  const kermany = sharedFile('data/kermany-sample');
  if (kermany === null) console.log('(b) ingestion skipped: the Kermany sample is not here');
  else {
    const files = sampleFiles(kermany);
    await stubDirectoryPicker(page, 'kermany', files);
    phases.push(
      await phase(session, `(b) ingestion, ${files.length} images`, () => ingestSample(page)),
    );
  }
  await prepareStage(page);
  const stage = `(c) Color Module, ${STAGE.iterations} steps, validation every ${STAGE.validateEvery}`;
  phases.push(await phase(session, stage, () => train(page)));
  const { framesSupported } = await page.evaluate(() => window.__longWork as LongWork);
  if (!framesSupported) console.log('(this Chromium has no long-animation-frame: no attribution)');
  return phases;
}

async function main() {
  const server = await serveBuiltApp();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    const phases = await walk({ browser, page }, server.url);
    for (const summary of phases) printPhase(summary);
    const longest = Math.max(...phases.map((p) => p.longestMs));
    console.log(`longest main-thread task over all phases: ${longest.toFixed(0)} ms`);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
