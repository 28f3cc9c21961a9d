// Training steps/s per colorizer in headless Chromium on WebGPU (SwiftShader here: ~1000× slower
// than a GPU, so few steps and small batches), through the same step timing as the Node bench.
// Run: npx tsx test/bench/train-steps-browser.ts [--quick] [--colorizers replicate,coloru]
// [--batch 4] [--size 64] [--warmup 2] [--steps 3] [--patients 40]
import { parseArgs } from 'node:util';
import { launchChromium } from '../../scripts/lib/chromium';
import { serveDev } from '../../scripts/lib/server';
import { COLORIZER_KINDS } from '../../src/core/model';
import type { ColorizerKind } from '../../src/core/model/kinds';
import { formatTimings, progressLine } from './step-table';
import type { StepTiming, StepTimingOptions } from './step-timing';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    colorizers: { type: 'string', default: COLORIZER_KINDS.join(',') },
    batch: { type: 'string', default: '4' },
    size: { type: 'string', default: '64' },
    warmup: { type: 'string' },
    steps: { type: 'string' },
    // Few patients: a validation forward over the images costs seconds per image on SwiftShader.
    patients: { type: 'string', default: '40' },
  },
});

// --quick: 1 warm-up and 2 timed steps (noisier figures), for `npm run bench -- --quick`.
const base: Omit<StepTimingOptions, 'colorizer'> = {
  batchSize: Number(values.batch),
  size: Number(values.size),
  warmupSteps: Number(values.warmup ?? (values.quick ? 1 : 2)),
  timedSteps: Number(values.steps ?? (values.quick ? 2 : 3)),
  patients: Number(values.patients),
};

const server = await serveDev();
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}test/browser/bench.html`);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
  const backend = await page.evaluate(() => window.benchHarness.selectBackend(['webgpu']));
  const adapter = await page.evaluate(() => window.benchHarness.adapter());
  console.log(`Chromium ${browser.version()}, tfjs backend ${backend} on ${adapter}`);
  const timings: StepTiming[] = [];
  for (const colorizer of values.colorizers.split(',') as ColorizerKind[]) {
    const options: StepTimingOptions = { ...base, colorizer };
    timings.push(await page.evaluate((o) => window.benchHarness.timeSteps(o), options));
    console.error(progressLine(timings.at(-1)));
  }
  console.log(formatTimings(timings));
} finally {
  await browser.close();
  await server.close();
}
