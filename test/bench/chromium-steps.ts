// The Chromium side of the WebGPU training-speed benches: their shared command line (small shapes,
// since SwiftShader is a CPU) and the step timing (step-timing.ts) run in the bench page on WebGPU.
// Used by train-steps-browser.ts and webgpu-node-steps.ts, so both time the very same options.
// Node-only.
import { parseArgs } from 'node:util';
import { launchChromium } from '../../scripts/lib/chromium';
import { serveDev } from '../../scripts/lib/server';
import type { ColorizerKind } from '../../src/core/model/kinds';
import { progressLine } from './step-table';
import type { StepTiming, StepTimingOptions } from './step-timing';

/** --quick, --colorizers, --batch, --size, --warmup, --steps, --patients: one option set per
 *  colorizer. */
export function parseGpuStepArgs(defaultColorizers: readonly ColorizerKind[]): StepTimingOptions[] {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      colorizers: { type: 'string', default: defaultColorizers.join(',') },
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
  return values.colorizers.split(',').map((c) => ({ ...base, colorizer: c as ColorizerKind }));
}

/** Times each option set in headless Chromium on WebGPU (SwiftShader); a progress line each. */
export async function timeStepsInChromium(
  runs: readonly StepTimingOptions[],
): Promise<{ device: string; timings: StepTiming[] }> {
  const server = await serveDev();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}test/browser/bench.html`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
    const backend = await page.evaluate(() => window.benchHarness.selectBackend(['webgpu']));
    const adapter = await page.evaluate(() => window.benchHarness.adapter());
    const timings: StepTiming[] = [];
    for (const options of runs) {
      timings.push(await page.evaluate((o) => window.benchHarness.timeSteps(o), options));
      console.error(progressLine(timings.at(-1)));
    }
    return { device: `Chromium ${browser.version()}, tfjs ${backend} on ${adapter}`, timings };
  } finally {
    await browser.close();
    await server.close();
  }
}
