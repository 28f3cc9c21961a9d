// DICOM files dropped beside PNGs, ingested in headless Chromium through the worker: class folders
// count them, the worker decodes uncompressed and codec-compressed ones (the WebAssembly codecs
// loaded by Vite) to cache pixels within 1/255 of pydicom's, and a non-image is skipped by name.
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/chromium';
import { type Served, serveDev } from '../../scripts/lib/server';
import { encodeGrayPng } from '../../scripts/png';
import { classFolderCounts } from '../../src/core/data/folder';
import type { CacheSettings } from '../../src/platform/image-cache';
import {
  DICOM_FIXTURES,
  type DicomReferences,
  loadDicomReferences,
  maxAbsError,
} from '../helpers/dicom-fixtures';

/** The fixtures are 32 × 24: at short side 24 nothing is resized, so pixels compare one to one. */
const SETTINGS: CacheSettings = { shortSide: 24, bitDepth: 16, shardImages: 4 };
const DICOM_FILES: Record<string, string[]> = {
  NORMAL: ['mono2_12bit_window.dcm', 'jpeg_baseline_8bit.dcm'],
  PNEUMONIA: ['jpegls_lossless.dcm', 'jpeg2000_lossless.dcm', 'encapsulated_pdf.dcm'],
};

const references: DicomReferences | undefined = loadDicomReferences();
let server: Served;
let browser: Browser;
let page: Page;
let root = '';

/** drop/<class>/ with four gray PNGs and the class's DICOM fixtures each. */
function buildFolder(): string {
  const top = mkdtempSync(join(tmpdir(), 'dicom-drop-'));
  for (const [label, dicoms] of Object.entries(DICOM_FILES)) {
    const dir = join(top, 'drop', label);
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < 4; i++) {
      const pixels = Uint8Array.from({ length: 32 * 24 }, (_, k) => (k * (i + 3)) % 256);
      writeFileSync(join(dir, `png${i}.png`), encodeGrayPng({ width: 32, height: 24, pixels }));
    }
    for (const name of dicoms) copyFileSync(resolve(DICOM_FIXTURES, name), join(dir, name));
  }
  return join(top, 'drop');
}

beforeAll(async () => {
  if (!references) return;
  root = buildFolder();
  server = await serveDev();
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('console', (m) => m.type() === 'error' && console.error(`[chromium] ${m.text()}`));
  await page.goto(`${server.url}test/browser/ingest.html`);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.skipIf(!references)('DICOM beside PNGs', () => {
  it('counts .dcm files in their class folders and caches all but the PDF', async () => {
    await page.setInputFiles('#folder', root);
    const paths = await page.evaluate(() => window.ingestHarness.takeInput());
    expect(Object.fromEntries(classFolderCounts(paths))).toEqual({ NORMAL: 6, PNEUMONIA: 7 });
    const run = await page.evaluate((s) => window.ingestHarness.ingest(s), SETTINGS);
    expect(run.detected.format).toBe('folder');
    expect(run.summary).toMatchObject({ cached: 12, skipped: 1, decoded: 13 });
    expect(run.skippedEvents).toEqual([
      {
        path: 'drop/PNEUMONIA/encapsulated_pdf.dcm',
        reason: expect.stringMatching(/^not an image: an encapsulated PDF/),
      },
    ]);

    const dicomPaths = Object.entries(DICOM_FILES).flatMap(([label, names]) =>
      names.filter((n) => n !== 'encapsulated_pdf.dcm').map((n) => `drop/${label}/${n}`),
    );
    const cache = await page.evaluate(([k, p]) => window.ingestHarness.readCache(k, p), [
      run.key,
      dicomPaths,
    ] as const);
    for (const path of dicomPaths) {
      const reference = references?.images[path.split('/').at(-1) as string];
      const image = cache.images[path];
      expect([image?.width, image?.height]).toEqual([32, 24]);
      const got = (image?.pixels ?? []).map((v) => v / 65535);
      const error = maxAbsError(got, reference?.display ?? []);
      console.log(`${path}: cache vs pydicom max |Δ| ${(error * 255).toFixed(3)} / 255`);
      expect(error).toBeLessThanOrEqual(1 / 255);
    }
  });
});
