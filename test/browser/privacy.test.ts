// Privacy, checked on the built app as `vite preview` serves it, under the Content-Security-Policy
// of vite.config.ts: the policy is sent and enforced and the page loads nothing from elsewhere; a
// demo run, a run from a local weights file and a dropped DICOM folder ask nothing of any origin
// but the app's; picking the ImageNet download contacts the weights hosts only. Every request of
// the page and its workers is logged and summarized by origin and type (printed). No CSP violation
// may occur in any run.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { CSP_HEADER, CSP_META } from '../../vite.config';
import { DICOM_FIXTURES } from '../helpers/dicom-fixtures';
import { sharedFile } from '../helpers/shared';
import { serveStudioForFile } from './built-studio';
import { stubDirectoryPicker } from './directory-picker';
import { type RequestLog, recordRequests, summarize } from './request-log';
import { loadDemoData, next, quickStartToStages, settle, waitForStageEnd } from './studio-steps';

const studio = serveStudioForFile();
const SQUEEZENET = sharedFile('data/imagenet-squeezenet1_1/squeezenet1_1_imagenet.safetensors');

/** A fresh page (its own context: empty storage and caches) with its requests logged. */
async function open(query = ''): Promise<{ page: Page; log: RequestLog }> {
  const page = await studio.newPage();
  const log = await recordRequests(page);
  await page.goto(`${studio.url}${query}`);
  await page.locator('output.device[data-backend]').waitFor({ timeout: 120_000 });
  return { page, log };
}

/** Prints the run's summary, checks no violation happened, returns the origins contacted. */
async function finish(run: string, { page, log }: { page: Page; log: RequestLog }) {
  console.log(`privacy, ${run}: ${log.requests.length} requests; ${summarize(log.requests)}`);
  expect(log.violations).toEqual([]);
  await page.close();
  return new Set(log.requests.map((r) => r.origin));
}

async function trainBriefly(page: Page, stage: string) {
  await next(page, 'Train');
  await page.getByLabel('Iterations').fill('6');
  await page.getByLabel('Batch size').fill('4');
  await page.getByLabel('Validate every K steps').fill('3');
  await page.getByRole('button', { name: `Start ${stage}` }).click();
  await waitForStageEnd(page);
}

it('serves the policy as a header and a meta tag, loads nothing from elsewhere, enforces it', async () => {
  const page = await studio.newPage();
  const log = await recordRequests(page);
  const response = await page.goto(studio.url);
  expect(response?.headers()['content-security-policy']).toBe(CSP_HEADER);
  const meta = page.locator('meta[http-equiv="Content-Security-Policy"]');
  expect(await meta.getAttribute('content')).toBe(CSP_META);
  // Every script, stylesheet, icon or font the built index.html names is a path on this origin.
  const html = (await response?.text()) ?? '';
  const linked = [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
  expect(linked.length).toBeGreaterThan(0);
  for (const url of linked) expect(url).toMatch(/^\/(?!\/)/);
  // A string timer (eval), a third-party fetch and a blob: worker are each refused and reported.
  const outcome = await page.evaluate(async () => {
    setTimeout('globalThis.__timerRan = true');
    new Worker(URL.createObjectURL(new Blob([''], { type: 'text/javascript' })));
    const fetched = await fetch('https://example.com/').then(
      () => 'fetched',
      (error: Error) => error.name,
    );
    await new Promise((done) => setTimeout(done, 500));
    return { fetched, timerRan: 'timerRan' in globalThis };
  });
  expect(outcome).toEqual({ fetched: 'TypeError', timerRan: false });
  // The drop zone's "nothing is uploaded" line opens, from the keyboard, what is kept and where.
  const line = page.locator('summary', { hasText: 'nothing is uploaded' });
  await line.focus();
  await line.press('Enter');
  await expect(page.getByText('chromaxr-image-cache').isVisible()).resolves.toBe(true);
  mkdirSync('test-results', { recursive: true });
  await page.locator('details.privacy-note').screenshot({ path: 'test-results/privacy-note.png' });
  // Each comes twice, once per copy of the policy (header and meta), both enforced.
  expect([...new Set(log.violations.filter((v) => v.startsWith('securitypolicy')))].sort()).toEqual(
    [
      'securitypolicyviolation connect-src: https://example.com/',
      'securitypolicyviolation script-src: eval',
      'securitypolicyviolation worker-src: blob',
    ],
  );
  await page.close();
});

it('asks only the app origin during a demo run (Quick start, a few steps)', async () => {
  const run = await open();
  const { page } = run;
  expect(await page.locator('output.device').getAttribute('data-backend')).toBe('webgpu');
  await quickStartToStages(page);
  await trainBriefly(page, 'Baseline All');
  expect([...(await finish('demo run', run))]).toEqual([new URL(studio.url).origin]);
}, 400_000);

// The CPU backend here: its WebAssembly kernels and their worker threads run under the policy too.
it.skipIf(SQUEEZENET === null)(
  'asks only the app origin with a local ImageNet weights file (SqueezeNet, CPU backend)',
  async () => {
    const run = await open('?backends=cpu');
    const { page } = run;
    await loadDemoData(page);
    await next(page, 'Model');
    await page.getByLabel('Colorization module (T)').selectOption('replicate');
    await page.getByLabel('Backbone (E)').selectOption('squeezenet1_1');
    await page.getByLabel('Width multiplier').selectOption('1');
    await page.getByLabel('Input size').selectOption('64');
    await page.getByRole('radio', { name: /^A local weights file/ }).check();
    await page.getByLabel('ImageNet weights file').setInputFiles(SQUEEZENET as string);
    await page.getByRole('button', { name: 'Build model' }).click();
    const built = page.getByRole('heading', { name: /^Built: Gray replication → SqueezeNet1\.1/ });
    await settle(page, built, 120_000);
    expect(await page.getByText('ImageNet (squeezenet1_1_imagenet.safetensors)').count()).toBe(1);
    await next(page, 'Stages');
    await page.getByRole('radio', { name: /^Baseline All/ }).check();
    await trainBriefly(page, 'Baseline All');
    expect([...(await finish('local weights', run))]).toEqual([new URL(studio.url).origin]);
  },
  400_000,
);

// Codec-compressed DICOMs make the ingest worker fetch and compile the WebAssembly codecs.
it('asks only the app origin for a dropped folder of DICOM files (the codecs load)', async () => {
  const run = await open();
  const { page } = run;
  const dicom = (dir: string, name: string) => ({ dir, name, path: join(DICOM_FIXTURES, name) });
  await stubDirectoryPicker(page, 'dicoms', [
    dicom('NORMAL', 'jpeg_baseline_8bit.dcm'),
    dicom('NORMAL', 'mono2_12bit_window.dcm'),
    dicom('PNEUMONIA', 'jpegls_lossless.dcm'),
    dicom('PNEUMONIA', 'jpeg2000_lossless.dcm'),
  ]);
  await page.getByRole('button', { name: 'Choose folder…' }).click();
  const index = page.getByTestId('folder-index');
  await index.waitFor({ timeout: 120_000 });
  expect(await index.getByRole('listitem').first().textContent()).toBe(
    '4 files found = 4 images cached + 0 skipped + 0 other files',
  );
  expect([...(await finish('dropped DICOM folder', run))]).toEqual([new URL(studio.url).origin]);
}, 300_000);

/** Answers the weights hosts as they would: Hugging Face redirects resolve/main to its Xet CDN
 *  (connect-src must allow that hop too), torchvision's host says 404. Playwright does not route
 *  the redirected request: it goes out, to a path that holds no file (and fails here, offline). */
async function fakeWeightsHosts(page: Page) {
  const cors = { 'access-control-allow-origin': '*' };
  const cdn = 'https://cas-bridge.xethub.hf.co/chromaxr-privacy-test';
  await page
    .context()
    .route('https://huggingface.co/**', (route) =>
      route.fulfill({ status: 302, headers: { ...cors, location: cdn } }),
    );
  await page
    .context()
    .route('https://download.pytorch.org/**', (route) =>
      route.fulfill({ status: 404, headers: cors, body: 'not here' }),
    );
}

it('contacts the weights hosts only when the ImageNet download is picked', async () => {
  const run = await open();
  const { page } = run;
  await fakeWeightsHosts(page);
  await loadDemoData(page);
  await next(page, 'Model');
  await page.getByLabel('Width multiplier').selectOption('1');
  await page.getByLabel('Input size').selectOption('32');
  await page.getByRole('radio', { name: /^Download the ImageNet weights/ }).check();
  const failed = page.getByRole('alert').filter({ hasText: 'Could not download' });
  for (const [backbone, host] of [
    ['resnet18', 'cas-bridge.xethub.hf.co'],
    ['squeezenet1_1', 'download.pytorch.org'],
  ] as const) {
    await page.getByLabel('Backbone (E)').selectOption(backbone);
    await page.getByRole('button', { name: 'Build model' }).click();
    await failed.filter({ hasText: backbone }).waitFor({ timeout: 120_000 });
    expect(run.log.requests.some((r) => new URL(r.url).host === host)).toBe(true);
  }
  // The weights hosts are not told where the studio runs.
  const away = run.log.requests.filter((r) => r.origin !== new URL(studio.url).origin);
  expect(away.map((r) => r.referer)).toEqual(away.map(() => undefined));
  const origins = await finish('ImageNet download picked', run);
  expect([...origins].sort()).toEqual(
    [
      new URL(studio.url).origin,
      'https://huggingface.co',
      'https://cas-bridge.xethub.hf.co',
      'https://download.pytorch.org',
    ].sort(),
  );
}, 300_000);
