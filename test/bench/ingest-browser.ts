// Ingestion rate in headless Chromium (224×224 JPEGs, 1024×1024 PNGs) and the cached feed's heap
// versus dataset size. Prints numbers; run: npx tsx test/bench/ingest-browser.ts
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/chromium';
import { serveDev } from '../../scripts/lib/server';
import { encodeGrayPng } from '../../scripts/png';
import { generatePhantomDataset, renderPhantom } from '../../src/core/data/phantom';
import type { CacheSettings } from '../../src/platform/image-cache';
import { sharedFile } from '../helpers/shared';

const base = mkdtempSync(join(tmpdir(), 'chromaxr-bench-'));

/** `count` files in `name/`, cycling through `sources` (distinct paths, so distinct files). */
function folder(
  name: string,
  count: number,
  sources: { ext: string; bytes: () => Buffer | Uint8Array }[],
) {
  const dir = join(base, name);
  mkdirSync(dir, { recursive: true });
  const cache = sources.map((s) => ({ ext: s.ext, bytes: s.bytes() }));
  for (let i = 0; i < count; i++) {
    const source = cache[i % cache.length] as (typeof cache)[number];
    writeFileSync(join(dir, `img${String(i).padStart(5, '0')}.${source.ext}`), source.bytes);
  }
  return dir;
}

function phantomPngs(size: number, count: number) {
  const records = [...generatePhantomDataset({ seed: 3, patients: 4, site: 'chexpert', size })];
  return records.slice(0, count).map((r) => ({
    ext: 'png',
    bytes: () => encodeGrayPng(renderPhantom(r, { width: size, height: size })),
  }));
}

async function ingestFolder(page: Page, dir: string, settings: CacheSettings) {
  await page.setInputFiles('#folder', dir);
  const files = await page.evaluate(() => window.ingestHarness.takeInput().length);
  const run = await page.evaluate((s) => window.ingestHarness.ingest(s), settings);
  return { files, run };
}

async function rate(page: Page, label: string, dir: string, settings: CacheSettings) {
  const { files, run } = await ingestFolder(page, dir, settings);
  const perSecond = files / (run.wallMs / 1000);
  console.log(
    `${label}: ${files} files in ${(run.wallMs / 1000).toFixed(1)} s = ${perSecond.toFixed(0)} images/s (worker's own figure ${run.summary.decoded} decoded)`,
  );
  await page.evaluate((k) => window.ingestHarness.deleteDataset(k), run.key);
}

/** The page's JS heap plus array-buffer backing stores (where shard pixels live), after a GC. */
async function heapUsed(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  await session.send('HeapProfiler.collectGarbage');
  const usage = await session.send('Runtime.getHeapUsage');
  await session.detach();
  return usage.usedSize + (usage.backingStorageSize ?? 0);
}

async function feedMemory(page: Page, sizes: number[]) {
  const settings: CacheSettings = { shortSide: 64, bitDepth: 8, shardImages: 64 };
  const small = phantomPngs(64, 8);
  for (const n of sizes) {
    const { run } = await ingestFolder(page, folder(`mem${n}`, n, small), settings);
    const before = await heapUsed(page);
    await page.evaluate((k) => window.ingestHarness.holdFeed(k, 40), run.key);
    const after = await heapUsed(page);
    console.log(
      `feed over ${n} cached images (64 px, shards of 64, window 4): heap + array buffers +${((after - before) / 2 ** 20).toFixed(2)} MB after 40 batches of 16`,
    );
    await page.evaluate(() => window.ingestHarness.releaseFeed());
    await page.evaluate((k) => window.ingestHarness.deleteDataset(k), run.key);
  }
}

async function main() {
  const server = await serveDev();
  const browser = await launchChromium();
  const page = await browser.newPage();
  await page.goto(`${server.url}test/browser/ingest.html`);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
  const kermany = sharedFile('data/kermany-sample/NORMAL');
  if (kermany) {
    const jpegs = readdirSync(kermany)
      .filter((n) => n.endsWith('.jpeg'))
      .slice(0, 100);
    const sources = jpegs.map((n) => ({
      ext: 'jpeg',
      bytes: () => readFileSync(join(kermany, n)),
    }));
    const settings: CacheSettings = { shortSide: 224, bitDepth: 8, shardImages: 64 };
    await rate(
      page,
      '224×224 Kermany JPEGs → cache 224 px',
      folder('jpeg224', 600, sources),
      settings,
    );
  }
  const settings: CacheSettings = { shortSide: 258, bitDepth: 8, shardImages: 64 };
  await rate(
    page,
    '1024×1024 8-bit PNGs → cache 258 px',
    folder('png1024', 96, phantomPngs(1024, 8)),
    settings,
  );
  await feedMemory(page, [512, 2048, 8192]);
  await browser.close();
  await server.close();
}

await main();
