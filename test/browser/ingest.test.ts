// Drops a generated folder (phantoms, real Kermany JPEGs, broken and litter files) into headless
// Chromium and ingests it through the worker: cache pixels against independent decodes, the
// skipped list, resume after a cancel, reuse on a second drop, the handle walk, the cached feed.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/chromium';
import { type Served, serveDev } from '../../scripts/lib/server';
import type { CacheSettings } from '../../src/platform/image-cache';
import { buildDropFolder, type DropFolder, SHORT_SIDE } from './ingest-folder';

let server: Served;
let browser: Browser;
let page: Page;
let folder: DropFolder;
const SETTINGS: CacheSettings = { shortSide: SHORT_SIDE, bitDepth: 16, shardImages: 8 };

beforeAll(async () => {
  folder = buildDropFolder();
  if (folder.reduced.size === 0) console.warn('skipping the Kermany part: ../shared or PIL absent');
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

const drop = async () => {
  await page.setInputFiles('#folder', folder.root);
  return page.evaluate(() => window.ingestHarness.takeInput());
};

describe('folder walks', () => {
  it('the <input webkitdirectory> walk lists every file but the litter, folder name first', async () => {
    const paths = await drop();
    expect(paths).toContain('drop/bad/readme.txt');
    expect(paths.filter((p) => /DS_Store|Thumbs/.test(p))).toEqual([]);
    expect(paths.every((p) => p.startsWith('drop/'))).toBe(true);
  });

  it('the File System Access handle walk (OPFS) finds the same files', async () => {
    const paths = await drop();
    expect(await page.evaluate(() => window.ingestHarness.walkOpfsCopy())).toEqual(paths);
  });
});

describe('ingestion through the worker', () => {
  let key = '';

  it('cancelled after its first shard, it keeps only whole shards', async () => {
    await drop();
    const run = await page.evaluate((s) => window.ingestHarness.ingest(s, 1), SETTINGS);
    key = run.key;
    expect(run.summary.cancelled).toBe(true);
    expect(run.summary.decoded % SETTINGS.shardImages).toBe(0);
    expect(run.summary.decoded).toBeLessThan(folder.imageCount);
  });

  it('resumes: only the remaining files are decoded, the broken ones listed with reasons', async () => {
    const run = await page.evaluate((s) => window.ingestHarness.ingest(s), SETTINGS);
    expect(run.key).toBe(key);
    expect(run.summary.resumedFrom).toBeGreaterThan(0);
    expect(run.summary.decoded).toBe(folder.imageCount - run.summary.resumedFrom);
    expect(run.summary.cached).toBe(folder.imageCount - folder.broken.size);
    const cache = await page.evaluate((k) => window.ingestHarness.readCache(k, []), key);
    expect(cache.skipped.map((s) => s.path).sort()).toEqual([...folder.broken.keys()].sort());
    for (const { path, reason } of cache.skipped) {
      expect(reason).toMatch(folder.broken.get(path) as RegExp);
    }
  });

  it('a second drop of the same folder reuses the cache (nothing decoded)', async () => {
    await drop();
    const run = await page.evaluate((s) => window.ingestHarness.ingest(s), SETTINGS);
    expect(run.key).toBe(key);
    expect(run.summary).toMatchObject({ reused: true, decoded: 0 });
  });

  it('cached phantom pixels equal the phantom renderer’s, 8-bit ×257 and 16-bit as is', async () => {
    const paths = [...folder.exact.keys()];
    const cache = await page.evaluate(([k, p]) => window.ingestHarness.readCache(k, p), [
      key,
      paths,
    ] as const);
    for (const path of paths) {
      const image = cache.images[path];
      expect([image?.width, image?.height]).toEqual([SHORT_SIDE, 70]);
      expect(image?.pixels).toEqual(folder.exact.get(path));
    }
  });

  it('cached Kermany JPEGs (224 → 56) match PIL’s decode box-filtered 4×4', async (context) => {
    if (folder.reduced.size === 0) context.skip();
    const paths = [...folder.reduced.keys()];
    const cache = await page.evaluate(([k, p]) => window.ingestHarness.readCache(k, p), [
      key,
      paths,
    ] as const);
    let worstMean = 0;
    let worstMax = 0;
    for (const path of paths) {
      const want = folder.reduced.get(path) as number[];
      const got = (cache.images[path]?.pixels ?? []).map((v) => v / 257);
      expect(got).toHaveLength(SHORT_SIDE * SHORT_SIDE);
      const errors = want.map((v, i) => Math.abs((got[i] ?? Number.NaN) - v));
      worstMean = Math.max(worstMean, errors.reduce((a, b) => a + b, 0) / errors.length);
      worstMax = Math.max(worstMax, ...errors);
    }
    console.log(
      `Kermany 224→56 vs PIL 4×4 box: mean |Δ| ≤ ${worstMean.toFixed(3)}, max ${worstMax.toFixed(3)} (0..255)`,
    );
    expect(worstMean).toBeLessThan(0.5); // the same libjpeg-turbo IDCT here: ≈ 0
    expect(worstMax).toBeLessThan(4);
  });

  it('the cached feed gives the same batches for the same seed, others for another', async () => {
    const sums = (seed: number) =>
      page.evaluate(([k, s]) => window.ingestHarness.feedSums(k, s, 3), [key, seed] as const);
    const first = await sums(1);
    expect(await sums(1)).toEqual(first);
    expect(await sums(2)).not.toEqual(first);
    await page.evaluate((k) => window.ingestHarness.deleteDataset(k), key);
  });
});
