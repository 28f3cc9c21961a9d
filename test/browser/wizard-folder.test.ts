// The dataset panel with real files: "Choose folder…" (the File System Access picker, stubbed
// with an in-page directory handle holding real Kermany chest X-rays and a corrupt JPEG) detects
// the class-per-folder format, ingests the images into the IndexedDB cache in the ingestion
// worker, lists the corrupt file as skipped, and charts the parsed label counts.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/chromium';
import { type Served, serveBuiltApp } from '../../scripts/lib/server';
import { sharedFile } from '../helpers/shared';
import { classImages, type PickedFile, stubDirectoryPicker } from './directory-picker';

const kermany = sharedFile('data/kermany-sample');
let server: Served;
let browser: Browser;

beforeAll(async () => {
  if (kermany === null) return;
  server = await serveBuiltApp();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A file named .jpeg that is not one: it must be listed as skipped with its reason. */
function corruptJpeg(): PickedFile {
  const path = join(mkdtempSync(join(tmpdir(), 'chromaxr-corrupt-')), 'corrupt.jpeg');
  writeFileSync(path, 'not a jpeg');
  return { dir: 'PNEUMONIA', name: 'corrupt.jpeg', path };
}

it.skipIf(kermany === null)(
  'ingests a chosen folder of real X-rays and charts its labels',
  async () => {
    const root = kermany as string;
    const files = [
      ...classImages(root, 'NORMAL', 4),
      ...classImages(root, 'PNEUMONIA', 4),
      corruptJpeg(),
    ];
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    await stubDirectoryPicker(page, 'kermany', files);

    await page.getByRole('button', { name: 'Choose folder…' }).click();
    await expect(page.getByTestId('detected-format').textContent()).resolves.toBe('folder');
    await page.getByTestId('folder-index').waitFor({ timeout: 120_000 });
    const index = page.getByTestId('folder-index');
    expect(await index.locator('p').textContent()).toMatch(/^9 images: 5 PNEUMONIA, 4 NORMAL$/);
    // Every file accounted for: the corrupt JPEG is skipped, its label row left out.
    expect(await index.getByRole('listitem').allTextContents()).toEqual([
      '9 files found = 8 images cached + 1 skipped + 0 other files',
      '8 cached images have a label row: these train, validate and test.',
      '1 label row names an image that could not be cached (left out).',
    ]);
    expect(await page.locator('.ingest output').textContent()).toContain('8 images in the cache');
    // The storage estimate came before the ingestion (persistent storage asked for).
    expect(await page.getByTestId('storage-note').textContent()).toMatch(/Image cache ≈ [\d.]+ GB/);
    await page.getByText('1 file skipped').click();
    expect(await page.getByText('kermany/PNEUMONIA/corrupt.jpeg').count()).toBe(1);
    // The images themselves: a contact sheet per class, a click enlarges one with its path.
    const sheet = page.getByTestId('contact-sheet');
    await sheet.locator('canvas').first().waitFor({ timeout: 60_000 });
    expect(await sheet.locator('canvas').count()).toBe(4); // PNEUMONIA's cached images
    expect(await page.getByLabel('Show').locator('option').allTextContents()).toEqual([
      'PNEUMONIA (5)',
      'NORMAL (4)',
    ]);
    await sheet.locator('.sheet-cell').first().click();
    const enlarged = page.getByRole('figure', { name: 'Enlarged image' });
    expect(await enlarged.textContent()).toMatch(/kermany\/PNEUMONIA\/.+ — PNEUMONIA/);
    const chart = page.getByRole('figure', { name: 'Label counts of the dropped dataset' });
    // The chart mounts in a deferred render after its data (DeferredMount.tsx).
    await chart.locator('.recharts-bar-rectangle').first().waitFor();
    expect(await chart.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  },
);
