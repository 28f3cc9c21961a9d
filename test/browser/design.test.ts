// Issue 14's design checks on the built studio (WebGPU on SwiftShader, tiny shapes): a walk from
// Data to Results with the keyboard alone — demo data, a ColorU + ResNet18 (width ⅛, 32 px) model,
// an LR finder sweep, the Color Module stage trained for 4 steps, a colorizer export, Compare, and
// Results on a seeded runs history — with axe's WCAG 2.1 A/AA rules on every step, full-page
// screenshots of every step and view in both themes at 1280×720 and 800×720
// (test-results/design/<view>-<theme>-<width>.png), a Tab sweep around every step (every control
// reached and named, no trap), no horizontal scrolling at either width, and no console error or
// failed request over the walk. Findings are gathered over the whole walk and reported together,
// so one run lists them all.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { runEntry } from '../helpers/run-entries';
import { sharedFile } from '../helpers/shared';
import { axeViolations } from './axe';
import { serveStudioForFile } from './built-studio';
import { classImages, stubDirectoryPicker } from './directory-picker';
import { focusSweep } from './focus-sweep';
import { activate, chooseOption, chooseRadio, typeInto } from './keyboard';
import { recordFaults } from './page-faults';
import { seedRunsHistory } from './runs-history';
import { settle, waitForStageEnd } from './studio-steps';

/** Every name the walk goes by, in one place: the wording pass renames controls. */
const NAMES = {
  themeToggle: 'Dark theme',
  next: (step: string) => `Next: ${step}`,
  patients: 'Patients',
  imageSize: 'Image size (px)',
  generate: 'Generate demo data',
  loaded: /^Loaded:/,
  storageSummary: 'Stored in this browser',
  privacySummary: 'nothing is uploaded',
  chooseFolder: 'Choose folder…',
  enlarged: 'Enlarged image',
  colorizer: 'Colorization module (T)',
  backbone: 'Backbone (E)',
  width: 'Width multiplier',
  inputSize: 'Input size',
  weights: 'ImageNet weights for the backbone',
  random: 'Random initialization',
  build: 'Build model',
  built: /^Built: ColorU \+ ResNet18/,
  stages: 'Training stage',
  colorModule: /^Color Module/,
  iterations: 'Iterations',
  batchSize: 'Batch size',
  accumulation: 'Accumulation',
  validateEvery: 'Validate every K steps',
  lrSteps: 'LR sweep steps',
  findLr: 'Find learning rate',
  lrSuggestions: 'Suggested learning rates',
  start: 'Start Color Module',
  exportScope: 'Export scope',
  download: 'Download weights',
} as const;

const STEP = {
  model: 'Model',
  stages: 'Stages',
  train: 'Train',
  export: 'Export / Import',
  compare: 'Compare',
  results: 'Results',
} as const;

const SHOTS = 'test-results/design';
const WIDTHS = [1280, 800] as const;
const HEIGHT = 720;
const THEMES = ['dark', 'light'] as const;
type Theme = (typeof THEMES)[number];

const studio = serveStudioForFile();

/** What the walk found, reported at its end. */
interface Findings {
  axe: string[];
  /** Unnamed focus stops, controls Tab does not reach, traps (focus-sweep.ts). */
  keyboard: string[];
  layout: string[];
  /** Whether the studio has a theme toggle (axe then runs in both themes). */
  toggle: boolean;
}

const dataTheme = (page: Page) => page.evaluate(() => document.documentElement.dataset.theme);

/** The system setting, then the toggle (from the keyboard) until <html data-theme> agrees, if
 *  the studio has one. Returns whether it has. */
async function setTheme(page: Page, theme: Theme): Promise<boolean> {
  await page.emulateMedia({ colorScheme: theme });
  const toggle = page.getByRole('button', { name: NAMES.themeToggle });
  if ((await toggle.count()) === 0) return false;
  for (let presses = 0; presses < 3; presses++) {
    const shown = await dataTheme(page);
    if (shown === undefined || shown === theme) return true;
    await activate(page, toggle);
  }
  throw new Error(`the theme toggle never reached ${theme} (data-theme=${await dataTheme(page)})`);
}

/** A horizontal scrollbar at this width, with the outermost elements that stick out; null if
 *  none. Measured twice, 300 ms apart: charts re-measure their container a few frames after a
 *  resize, and only an overflow that stays is one a user sees. */
async function overflow(page: Page): Promise<string | null> {
  const measure = () =>
    page.evaluate(() => {
      const { scrollWidth, clientWidth } = document.documentElement;
      if (scrollWidth <= clientWidth) return null;
      const wide = (e: Element | null) =>
        e !== null && e.getBoundingClientRect().right > clientWidth;
      const culprits = [...document.body.querySelectorAll('*')]
        .filter((e) => wide(e) && !wide(e.parentElement))
        .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`);
      return `${scrollWidth} px of content in ${clientWidth} px; sticking out: ${culprits.join(', ')}`;
    });
  if ((await measure()) === null) return null;
  await page.waitForTimeout(300);
  return measure();
}

/** axe (both themes where the toggle exists), a Tab sweep around the page, then a full-page screenshot and the scroll check
 *  at each width, back at 1280 px after. */
async function inspect(page: Page, view: string, findings: Findings): Promise<void> {
  for (const theme of THEMES) {
    findings.toggle = await setTheme(page, theme);
    if (theme === THEMES[0] || findings.toggle) {
      for (const v of await axeViolations(page)) findings.axe.push(`[${view}, ${theme}] ${v}`);
    }
    if (theme === THEMES[0]) {
      for (const problem of await focusSweep(page)) findings.keyboard.push(`${view}: ${problem}`);
    }
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: HEIGHT });
      const scrolls = await overflow(page);
      if (scrolls) findings.layout.push(`${view}, ${theme}, ${width} px: ${scrolls}`);
      const path = `${SHOTS}/${view}-${theme}-${width}.png`;
      await page.screenshot({ path, fullPage: true });
    }
    await page.setViewportSize({ width: WIDTHS[0], height: HEIGHT });
  }
}

/** A fresh page of the studio at 1280×720, its faults recorded from the first request. */
async function openStudio(): Promise<{ page: Page; faults: string[] }> {
  mkdirSync(SHOTS, { recursive: true });
  const page = await studio.newPage();
  await page.setViewportSize({ width: WIDTHS[0], height: HEIGHT });
  const faults = recordFaults(page);
  await page.goto(studio.url);
  return { page, faults };
}

const ready = (page: Page) =>
  page.locator('output.device[data-backend]').waitFor({ timeout: 120_000 });

/** Baseline against Color Module over two seeds: enough for the Results step's tables, a paired
 *  comparison (a gain that differs by seed, so t and p are finite) and ROC curves. */
const HISTORY = [0, 1].flatMap((seed) =>
  ['Baseline', 'Color Module'].map((procedure, p) =>
    runEntry({
      procedure,
      colorizer: p === 0 ? undefined : 'coloru',
      seed,
      perLabelAuc: [0.7, 0.74, 0.66, 0.78, 0.8].map((auc) => auc + p * (0.02 + seed * 0.01)),
      runIndex: seed * 2 + p,
    }),
  ),
);

/** Label → value of each form the walk fills: studio-steps.ts's tiny shapes, 4 training steps. */
const DEMO_DATA = [
  [NAMES.patients, '24'],
  [NAMES.imageSize, '48'],
] as const;
const TINY_MODEL = [
  [NAMES.colorizer, 'coloru'],
  [NAMES.backbone, 'resnet18'],
  [NAMES.width, '0.125'],
  [NAMES.inputSize, '32'],
] as const;
const BRIEF_RUN = [
  [NAMES.iterations, '4'],
  [NAMES.batchSize, '4'],
  [NAMES.accumulation, '1'],
  [NAMES.validateEvery, '2'],
] as const;

async function walkData(page: Page, findings: Findings) {
  for (const [label, text] of DEMO_DATA) await typeInto(page, page.getByLabel(label), text);
  await activate(page, page.getByRole('button', { name: NAMES.generate }));
  await settle(page, page.getByRole('heading', { name: NAMES.loaded }), 120_000);
  await inspect(page, 'data', findings);
  await activate(page, page.locator('summary', { hasText: NAMES.storageSummary }));
  await inspect(page, 'data-storage', findings);
  await activate(page, page.locator('summary', { hasText: NAMES.privacySummary }));
  await inspect(page, 'data-privacy', findings);
}

async function walkModel(page: Page, findings: Findings) {
  await activate(page, page.getByRole('button', { name: NAMES.next(STEP.model) }));
  for (const [label, value] of TINY_MODEL) await chooseOption(page, page.getByLabel(label), value);
  const weights = page.getByRole('group', { name: NAMES.weights });
  await chooseRadio(page, weights, weights.getByRole('radio', { name: NAMES.random }));
  await activate(page, page.getByRole('button', { name: NAMES.build }));
  await settle(page, page.getByRole('heading', { name: NAMES.built }), 120_000);
  await inspect(page, 'model', findings);
}

async function walkStages(page: Page, findings: Findings) {
  await activate(page, page.getByRole('button', { name: NAMES.next(STEP.stages) }));
  const stages = page.getByRole('radiogroup', { name: NAMES.stages });
  await chooseRadio(page, stages, stages.getByRole('radio', { name: NAMES.colorModule }));
  await inspect(page, 'stages', findings);
}

async function walkTrain(page: Page, findings: Findings) {
  await activate(page, page.getByRole('button', { name: NAMES.next(STEP.train) }));
  for (const [label, text] of BRIEF_RUN) await typeInto(page, page.getByLabel(label), text);
  // The LR finder's result opens inside the step: a short sweep, its suggestions left unused.
  await typeInto(page, page.getByLabel(NAMES.lrSteps), '8');
  await activate(page, page.getByRole('button', { name: NAMES.findLr }));
  await settle(page, page.getByRole('table', { name: NAMES.lrSuggestions }), 200_000);
  await inspect(page, 'train-lr-finder', findings);
  await activate(page, page.getByRole('button', { name: NAMES.start }));
  await waitForStageEnd(page);
  await inspect(page, 'train', findings);
}

async function walkExportCompareResults(page: Page, findings: Findings) {
  await activate(page, page.getByRole('button', { name: NAMES.next(STEP.export) }));
  await chooseOption(page, page.getByLabel(NAMES.exportScope), 'colorizer');
  const downloading = page.waitForEvent('download', { timeout: 60_000 });
  await activate(page, page.getByRole('button', { name: NAMES.download }));
  await downloading;
  await inspect(page, 'export', findings);
  await activate(page, page.getByRole('button', { name: NAMES.next(STEP.compare) }));
  await inspect(page, 'compare', findings);
  await activate(page, page.getByRole('button', { name: NAMES.next(STEP.results) }));
  await page.locator('table[data-section="tableI"]').waitFor({ timeout: 60_000 });
  await inspect(page, 'results', findings);
}

/** Fails on every finding at once, each list readable on its own. */
function report(findings: Findings, faults: string[]) {
  if (!findings.toggle) console.log('design: no theme toggle yet; axe ran in the dark theme only');
  expect.soft(findings.axe.join('\n'), 'WCAG 2.1 A/AA violations (axe)').toBe('');
  expect.soft(findings.keyboard, 'keyboard access').toEqual([]);
  expect.soft(findings.layout, 'horizontal scrolling').toEqual([]);
  expect(faults, 'console errors and failed requests').toEqual([]);
}

it('walks Data → Results by keyboard alone: axe-clean, screenshots, no scrolling or faults', async () => {
  const { page, faults } = await openStudio();
  await seedRunsHistory(page, HISTORY);
  await page.reload();
  await ready(page);
  const findings: Findings = { axe: [], keyboard: [], layout: [], toggle: false };
  await walkData(page, findings);
  await walkModel(page, findings);
  await walkStages(page, findings);
  await walkTrain(page, findings);
  await walkExportCompareResults(page, findings);
  report(findings, faults);
}, 600_000);

const kermany = sharedFile('data/kermany-sample');

it.skipIf(kermany === null)('shows a chosen folder and an enlarged image by keyboard', async () => {
  const { page, faults } = await openStudio();
  await ready(page);
  const root = kermany as string;
  const files = [...classImages(root, 'NORMAL', 2), ...classImages(root, 'PNEUMONIA', 2)];
  await stubDirectoryPicker(page, 'kermany', files);
  await activate(page, page.getByRole('button', { name: NAMES.chooseFolder }));
  const sheet = page.getByTestId('contact-sheet');
  await sheet.locator('canvas').first().waitFor({ timeout: 120_000 });
  await activate(page, sheet.getByRole('button').first());
  await page.getByRole('figure', { name: NAMES.enlarged }).waitFor({ timeout: 60_000 });
  const findings: Findings = { axe: [], keyboard: [], layout: [], toggle: false };
  await inspect(page, 'data-folder', findings);
  report(findings, faults);
});
