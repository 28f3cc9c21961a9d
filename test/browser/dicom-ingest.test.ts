// DICOM files dropped beside PNGs, ingested in headless Chromium through the worker: class folders
// count them, the worker decodes uncompressed and codec-compressed ones (the WebAssembly codecs
// loaded by Vite; 12-bit JPEG Extended by the core, from a file named without an extension) to cache
// pixels within 1/255 of pydicom's, and a non-image is skipped with the reason.
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
/** Per class folder: the name in the drop → the fixture copied there (a PACS-style name for one). */
const DICOM_FILES: Record<string, Record<string, string>> = {
  NORMAL: {
    'mono2_12bit_window.dcm': 'mono2_12bit_window.dcm',
    'jpeg_baseline_8bit.dcm': 'jpeg_baseline_8bit.dcm',
    IM0001: 'jpeg_extended_12bit.dcm',
  },
  PNEUMONIA: {
    'jpegls_lossless.dcm': 'jpegls_lossless.dcm',
    'jpeg2000_lossless.dcm': 'jpeg2000_lossless.dcm',
    'encapsulated_pdf.dcm': 'encapsulated_pdf.dcm',
  },
};
/** A file named without an extension that is not DICOM: tried, then skipped. */
const NOT_DICOM = 'PNEUMONIA/LICENSE';

const references: DicomReferences | undefined = loadDicomReferences();
let server: Served;
let browser: Browser;
let page: Page;
let root = '';

/** drop/<class>/ with four gray PNGs and the class's DICOM fixtures each, and NOT_DICOM. */
function buildFolder(): string {
  const top = mkdtempSync(join(tmpdir(), 'dicom-drop-'));
  for (const [label, dicoms] of Object.entries(DICOM_FILES)) {
    const dir = join(top, 'drop', label);
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < 4; i++) {
      const pixels = Uint8Array.from({ length: 32 * 24 }, (_, k) => (k * (i + 3)) % 256);
      writeFileSync(join(dir, `png${i}.png`), encodeGrayPng({ width: 32, height: 24, pixels }));
    }
    for (const [name, fixture] of Object.entries(dicoms)) {
      copyFileSync(resolve(DICOM_FIXTURES, fixture), join(dir, name));
    }
  }
  writeFileSync(join(top, 'drop', NOT_DICOM), 'Not an image: text without an extension.');
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
  it('counts DICOM files in their class folders and caches all but the PDF and the text', async () => {
    await page.setInputFiles('#folder', root);
    const paths = await page.evaluate(() => window.ingestHarness.takeInput());
    expect(Object.fromEntries(classFolderCounts(paths))).toEqual({ NORMAL: 7, PNEUMONIA: 8 });
    const run = await page.evaluate((s) => window.ingestHarness.ingest(s), SETTINGS);
    expect(run.detected.format).toBe('folder');
    expect(run.summary).toMatchObject({ cached: 13, skipped: 2, decoded: 15 });
    expect(run.skippedEvents).toEqual([
      {
        path: `drop/${NOT_DICOM}`,
        reason:
          'no image extension (.png, .jpg, .jpeg, .dcm) and no DICOM marker ("DICM" at byte 128)',
      },
      {
        path: 'drop/PNEUMONIA/encapsulated_pdf.dcm',
        reason: expect.stringMatching(/^not an image: an encapsulated PDF/),
      },
    ]);

    const dicomPaths = Object.entries(DICOM_FILES).flatMap(([label, names]) =>
      Object.keys(names)
        .filter((n) => n !== 'encapsulated_pdf.dcm')
        .map((n) => `drop/${label}/${n}`),
    );
    const cache = await page.evaluate(([k, p]) => window.ingestHarness.readCache(k, p), [
      run.key,
      dicomPaths,
    ] as const);
    for (const path of dicomPaths) {
      const [label, name] = path.split('/').slice(1) as [string, string];
      const reference = references?.images[DICOM_FILES[label]?.[name] as string];
      const image = cache.images[path];
      expect([image?.width, image?.height]).toEqual([32, 24]);
      const got = (image?.pixels ?? []).map((v) => v / 65535);
      const error = maxAbsError(got, reference?.display ?? []);
      console.log(`${path}: cache vs pydicom max |Δ| ${(error * 255).toFixed(3)} / 255`);
      expect(error).toBeLessThanOrEqual(1 / 255);
    }
  });
});
