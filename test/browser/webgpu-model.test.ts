// The model zoo in real headless Chromium on WebGPU (SwiftShader): same results as the CPU
// backend, freezing honoured, no tensor leaks.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/chromium';
import { type Served, serveDev } from '../../scripts/lib/server';
import type { BackboneKind, ColorizerKind } from '../../src/core';
import type { CompareConfig } from './harness/model-checks';

let server: Served;
let browser: Browser;
let page: Page;
const measured: string[] = [];

beforeAll(async () => {
  server = await serveDev();
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') console.error(`[chromium] ${message.text()}`);
  });
  await page.goto(`${server.url}test/browser/harness.html`);
  await page.waitForFunction(
    () => document.getElementById('status')?.textContent === 'ready',
    null,
    { timeout: 240_000 },
  );
});

afterAll(async () => {
  console.log(`WebGPU (SwiftShader) vs CPU, max |Δ| / max |CPU|:\n  ${measured.join('\n  ')}`);
  await browser?.close();
  await server?.close();
});

const COLORIZERS: ColorizerKind[] = ['replicate', 'deconv', 'pixelshuffle', 'coloru'];
const BACKBONES: BackboneKind[] = ['resnet18', 'densenet121'];
const SIZE = 64;
const fmt = (x: number) => x.toExponential(2);
const WIDTH = 0.125;

describe('WebGPU matches the CPU backend (training-mode forward, backward)', () => {
  for (const backbone of BACKBONES) {
    for (const colorizer of COLORIZERS) {
      it(`${colorizer} + ${backbone} at ${SIZE} px, width ${WIDTH}`, async () => {
        const config: CompareConfig = { colorizer, backbone, size: SIZE, widthMultiplier: WIDTH };
        const result = await page.evaluate((c) => window.harness.compareBackends(c), config);
        measured.push(
          `${colorizer}+${backbone}: logits ${fmt(result.logitError)}, loss ${fmt(result.lossError)}, gradients T ${fmt(result.gradErrors.colorizer)} E ${fmt(result.gradErrors.backbone)} C ${fmt(result.gradErrors.classifier)} (${(result.webgpuMs / 1000).toFixed(1)} s on WebGPU)`,
        );
        expect(result.backend).toBe('webgpu');
        expect(result.logitError).toBeLessThan(1e-3);
        expect(result.lossError).toBeLessThan(1e-3);
        for (const error of Object.values(result.gradErrors)) expect(error).toBeLessThan(1e-3);
      });
    }
  }
});

describe('training on WebGPU', () => {
  it('an SGD step with E frozen leaves E (weights and BN statistics) bit-identical and moves T', async () => {
    const config: CompareConfig = {
      colorizer: 'coloru',
      backbone: 'resnet18',
      size: SIZE,
      widthMultiplier: WIDTH,
    };
    const result = await page.evaluate((c) => window.harness.frozenStepOnWebGpu(c), config);
    expect(result.backend).toBe('webgpu');
    expect(result.backboneChanged).toEqual([]);
    expect(result.colorizerChanged).toBe(result.colorizerEntries);
  });

  it('leaks no tensor over 8 steps (Node checks 50 across stage switches)', async () => {
    const config: CompareConfig = {
      colorizer: 'deconv',
      backbone: 'resnet18',
      size: SIZE,
      widthMultiplier: WIDTH,
    };
    const { before, after } = await page.evaluate(
      (c) => window.harness.leakCheckOnWebGpu(c, 8),
      config,
    );
    expect(after).toBe(before);
  });
});
