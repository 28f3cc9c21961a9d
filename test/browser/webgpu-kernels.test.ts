// Our WebGPU kernels in headless Chromium (SwiftShader): the filter gradient against the CPU
// backend on every convolution of the three colorizers and of ResNet18 and DenseNet121 at 64 px,
// with the plan SwiftShader runs (direct reads) and with the GPU plan (staged tiles, split-K);
// then a 20-step training run with our kernels against one with tfjs's, and the step's dispatches.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/chromium';
import { type Served, serveDev } from '../../scripts/lib/server';
import type { FilterCall, ModelPart, ModelSpec } from '../helpers/conv-problems';

let server: Served;
let browser: Browser;
let page: Page;
const measured: string[] = [];

beforeAll(async () => {
  server = await serveDev();
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      console.error(`[chromium] ${message.text()}`);
  });
  await page.goto(`${server.url}test/browser/gpu.html`);
  await page.waitForFunction(
    () => document.getElementById('status')?.textContent === 'ready',
    null,
    { timeout: 240_000 },
  );
});

afterAll(async () => {
  console.log(`WebGPU kernels (SwiftShader):\n  ${measured.join('\n  ')}`);
  await browser?.close();
  await server?.close();
});

const TOLERANCE = 1e-4; // max |Δ| / max |CPU| of each filter gradient
const fmt = (x: number) => x.toExponential(1);
const shapeKey = (c: FilterCall) =>
  JSON.stringify([c.xShape, c.dyShape, c.filterShape, c.strides, c.pad]);

/** Colorizers next to ResNet18/8 (their own convolutions only), backbones at full width; batch
 *  2 and 1 keep SwiftShader quick. */
const MODELS: [string, ModelSpec, ModelPart][] = [
  [
    'ColorU',
    { colorizer: 'coloru', backbone: 'resnet18', widthMultiplier: 0.125, size: 64, batch: 2 },
    'colorizer',
  ],
  [
    'PixelShuffle',
    { colorizer: 'pixelshuffle', backbone: 'resnet18', widthMultiplier: 0.125, size: 64, batch: 2 },
    'colorizer',
  ],
  [
    'DECONV',
    { colorizer: 'deconv', backbone: 'resnet18', widthMultiplier: 0.125, size: 64, batch: 2 },
    'colorizer',
  ],
  [
    'ResNet18',
    { colorizer: 'replicate', backbone: 'resnet18', widthMultiplier: 1, size: 64, batch: 1 },
    'backbone',
  ],
  [
    'DenseNet121',
    { colorizer: 'replicate', backbone: 'densenet121', widthMultiplier: 1, size: 64, batch: 1 },
    'backbone',
  ],
];

describe('WebGPU filter gradient matches the CPU backend', () => {
  for (const [name, spec, part] of MODELS) {
    it(`every convolution of ${name} at 64 px`, async () => {
      const calls = await page.evaluate(([s, p]) => window.gpuHarness.filterCallsOf(s, p), [
        spec,
        part,
      ] as const);
      const distinct = new Map<string, FilterCall>();
      for (const call of calls)
        if (!distinct.has(shapeKey(call))) distinct.set(shapeKey(call), call);
      let worst = { fast: 0, gpuPlan: 0 };
      for (const call of distinct.values()) {
        const error = await page.evaluate(
          (c) => window.gpuHarness.compareFilterGradient(c, false),
          call,
        );
        expect(error.fast, call.label).toBeLessThan(TOLERANCE);
        expect(error.gpuPlan, call.label).toBeLessThan(TOLERANCE);
        worst = {
          fast: Math.max(worst.fast, error.fast),
          gpuPlan: Math.max(worst.gpuPlan, error.gpuPlan),
        };
      }
      expect(distinct.size).toBeGreaterThan(2);
      measured.push(
        `${name}: ${distinct.size} distinct convolutions, worst dW error ${fmt(worst.fast)} ` +
          `(SwiftShader plan), ${fmt(worst.gpuPlan)} (GPU plan)`,
      );
    });
  }
});

/**
 * ColorU + SqueezeNet 1.1 (width 1/4): E has no BatchNorm. With ResNet18/8 at these sizes the
 * last stage normalizes over 4 values per channel, and rounding-level differences grow chaotically
 * there: our two plans (same kernel, two summation orders) part from each other and from tfjs's
 * kernel after 2–3 steps, so that trajectory cannot test float tolerance.
 */
describe('training on WebGPU with our kernels', () => {
  const spec = {
    colorizer: 'coloru',
    backbone: 'squeezenet1_1',
    widthMultiplier: 0.25,
    size: 32,
    batch: 2,
  } as const;

  it("reproduces tfjs's kernels' losses over 20 steps", async () => {
    const run = (kernels: 'stock' | 'fast') =>
      page.evaluate(([s, n]) => window.gpuHarness.lossTrajectory(s, n, 0.01), [
        { ...spec, kernels },
        20,
      ] as const);
    const stock = await run('stock');
    const fast = await run('fast');
    const gaps = fast.map(
      (loss, i) => Math.abs(loss - (stock[i] as number)) / Math.abs(stock[i] as number),
    );
    measured.push(
      `20 steps of ColorU + SqueezeNet/4 at 32 px: loss ${stock[0]?.toFixed(4)} → ${stock.at(-1)?.toFixed(4)}, largest relative gap to tfjs's kernels ${fmt(Math.max(...gaps))}`,
    );
    expect(stock).toHaveLength(20);
    expect(stock.at(-1) as number).toBeLessThan((stock[0] as number) - 0.01); // it trains
    for (const gap of gaps) expect(gap).toBeLessThan(1e-5);
  });

  it('updates each variable in one dispatch and reads nothing back during a step', async () => {
    const counts = await page.evaluate((s) => window.gpuHarness.countStep(s), {
      ...spec,
      kernels: 'fast' as const,
    });
    measured.push(
      `one step: ${counts.kernels} kernels, ${counts.dispatches} dispatches (optimizer ${counts.optimizerDispatches} for ${counts.variables} variables), ${counts.readbacks} readbacks`,
    );
    expect(counts.optimizerDispatches).toBe(counts.variables);
    expect(counts.optimizerKernels).toBe(counts.variables);
    expect(counts.readbacks).toBe(0);
  });
});
