// The studio's wizard in the built app on WebGPU (SwiftShader), driven only through roles and
// labels, as a keyboard or screen-reader user would: demo data → model → Color Module stage →
// live loss, AUC and previews → export of the colorizer as a download. Tiny shapes: SwiftShader
// runs a ColorU + ResNet18 (width ⅛) step at 32 px in seconds, not milliseconds.
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { serveStudioForFile } from './built-studio';
import { buildModel, chooseTinyModel, loadDemoData, next, waitForStageEnd } from './studio-steps';

const studio = serveStudioForFile();

/** Random initialization is flagged before anything is built. */
async function buildTinyModel(page: Page) {
  await chooseTinyModel(page);
  await expect(page.getByRole('note').textContent()).resolves.toContain('NOT PRETRAINED');
  await buildModel(page);
}

/** The stage table's preconditions reach the UI: a Baseline needs the replicate colorizer. */
async function chooseColorModule(page: Page) {
  expect(await page.getByRole('radio', { name: /^Baseline$/ }).isDisabled()).toBe(true);
  await page.getByRole('radio', { name: /^Color Module/ }).check();
}

async function trainBriefly(page: Page) {
  await page.getByLabel('Iterations').fill('4');
  await page.getByLabel('Batch size').fill('4');
  await page.getByLabel('Accumulation').fill('1');
  await page.getByLabel('Validate every K steps').fill('2');
  await page.getByRole('button', { name: 'Start Color Module' }).click();
  await waitForStageEnd(page);
}

/** Mean and spread of a canvas's pixels: a blank (never drawn) canvas is all zeros. */
function canvasStats(page: Page, name: string) {
  return page.getByRole('img', { name }).evaluate((node) => {
    const canvas = node as HTMLCanvasElement;
    const context = canvas.getContext('2d') as CanvasRenderingContext2D;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let alpha = 0;
    const values = new Set<number>();
    for (let i = 0; i < data.length; i += 4) {
      alpha += data[i + 3] ?? 0;
      values.add(((data[i] ?? 0) << 16) | ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0));
    }
    return { opaque: alpha / (data.length / 4) / 255, distinct: values.size };
  });
}

it('clicks through demo data, model, Color Module training and a colorizer export', async () => {
  const page = await studio.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // WIZARD_BACKENDS=webgl (or cpu) runs the same clicks on another backend, to tell a UI fault
  // from a backend one; the default is the studio's own choice, WebGPU here.
  const backends = process.env.WIZARD_BACKENDS;
  await page.goto(backends ? `${studio.url}?backends=${backends}` : studio.url);
  await page.locator('output.device[data-backend]').waitFor({ timeout: 120_000 });

  await loadDemoData(page);
  await next(page, 'Model');
  await buildTinyModel(page);
  await next(page, 'Stages');
  await chooseColorModule(page);
  await next(page, 'Train');
  await trainBriefly(page);

  const loss = page.getByRole('figure', { name: 'Training loss' });
  expect(Number(await loss.getAttribute('data-points'))).toBe(4);
  const auc = page.getByRole('figure', { name: 'Validation AUC' });
  expect(Number(await auc.getAttribute('data-points'))).toBeGreaterThanOrEqual(1);
  expect(await page.getByTestId('mean-auc').textContent()).toMatch(/^(0\.\d{3}|1\.000|undefined)$/);
  // Drawn canvases are opaque (a never-drawn one is transparent). T's output after 4 steps from a
  // random init can be nearly flat, so only the gray input must show structure.
  const gray = await canvasStats(page, 'Gray input 1');
  const color = await canvasStats(page, 'Colorized by T 1');
  expect(gray.opaque).toBeGreaterThan(0.99);
  expect(gray.distinct).toBeGreaterThan(8);
  expect(color.opaque).toBeGreaterThan(0.99);
  // Beside it, T's output stretched per channel with each channel's range, and the slider through
  // the two validations (steps 2 and 4), following the newest.
  expect((await canvasStats(page, 'Stretched per channel 1')).opaque).toBeGreaterThan(0.99);
  const ranges = page.getByRole('table', { name: 'Channel ranges 1' });
  expect(await ranges.getByRole('row').count()).toBe(4);
  const slider = page.getByLabel('Validation snapshot');
  const sliderText = () => page.locator('.preview-slider output').textContent();
  expect(await slider.inputValue()).toBe('1');
  expect(await sliderText()).toBe('validation at step 4 (2 of 2)');
  // The keyboard moves it back to the first validation and End returns to the newest.
  await slider.press('ArrowLeft');
  expect(await sliderText()).toBe('validation at step 2 (1 of 2)');
  await slider.press('End');
  expect(await sliderText()).toBe('validation at step 4 (2 of 2)');
  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: 'test-results/wizard-train.png', fullPage: true });
  const previewCard = page.getByRole('region', { name: /^Colorization at step/ });
  await previewCard.screenshot({ path: 'test-results/wizard-preview.png' });

  await next(page, 'Export / Import');
  await page.getByLabel('Export scope').selectOption('colorizer');
  const downloading = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Download weights' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.(safetensors|zip)$/);
  const saved = await download.path();
  expect(statSync(saved).size).toBeGreaterThan(0);
  // The bundle is a stored (uncompressed) zip: its model card is readable as text, and carries the
  // demo data's CheXpert uncertainty policies and the random-init flag.
  const bundle = readFileSync(saved, 'latin1');
  expect(bundle).toContain('"Atelectasis": "ones"');
  expect(bundle).toContain('"Cardiomegaly": "zeros"');
  expect(bundle).toContain('"kind": "random-init"');
  expect(errors).toEqual([]);
  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: 'test-results/wizard.png', fullPage: true });
});
