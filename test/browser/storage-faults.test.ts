// Storage faults in Chromium's own IndexedDB, through the ingestion worker: a shard whose bytes
// were damaged on disk is detected on read, named, and decoded again on the next drop (nothing
// else); a quota error on a shard write stops the ingestion with what is needed, leaves no partial
// shard, and the next drop resumes. The same harness page as ingest.test.ts.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/chromium';
import { type Served, serveDev } from '../../scripts/lib/server';
import { encodeGrayPng } from '../../scripts/png';
import type { CacheSettings } from '../../src/platform/image-cache';
import { buildDropFolder, type DropFolder } from './ingest-folder';

let server: Served;
let browser: Browser;
let page: Page;
let folder: DropFolder;
// Own settings, so this dataset's key (and its cache) is not the one ingest.test.ts builds.
const SETTINGS: CacheSettings = { shortSide: 40, bitDepth: 8, shardImages: 4 };

beforeAll(async () => {
  folder = buildDropFolder();
  server = await serveDev();
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(`${server.url}test/browser/ingest.html`);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const dropAndIngest = async (settings: CacheSettings) => {
  await page.setInputFiles('#folder', folder.root);
  await page.evaluate(() => window.ingestHarness.takeInput());
  return page.evaluate((s) => window.ingestHarness.ingest(s), settings);
};

/** Flips one pixel byte of shard `index` in IndexedDB, as a bad disk would; the record's
 *  checksum stays what ingestion computed. */
function damageShard(key: string, index: number) {
  return page.evaluate(
    ([k, i]) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('chromaxr-image-cache');
        open.onsuccess = () => {
          const store = open.result.transaction('records', 'readwrite').objectStore('records');
          const get = store.get(`shard:${k}:${i}`);
          get.onsuccess = () => {
            const record = get.result as { pixels: Uint8Array };
            record.pixels[0] = (record.pixels[0] ?? 0) ^ 0xff;
            const put = store.put(record, `shard:${k}:${i}`);
            put.onsuccess = () => resolve();
            put.onerror = () => reject(put.error);
          };
        };
        open.onerror = () => reject(open.error);
      }),
    [key, index] as const,
  );
}

it('finds a damaged shard on read, names it, and decodes only its files again', async () => {
  const first = await dropAndIngest(SETTINGS);
  const key = first.key;
  await damageShard(key, 1);
  const read = page.evaluate((k) => window.ingestHarness.readCache(k, []), key);
  await expect(read).resolves.toBeDefined(); // the manifest alone reads fine
  const paths = await page.evaluate(() => window.ingestHarness.takeInput());
  const damaged = page.evaluate(([k, p]) => window.ingestHarness.readCache(k, p), [
    key,
    paths,
  ] as const);
  await expect(damaged).rejects.toThrow(/Shard 1 of the cached dataset .* is damaged/);
  const again = await dropAndIngest(SETTINGS);
  expect(again.key).toBe(key);
  expect(again.summary.decoded).toBe(SETTINGS.shardImages);
  const cache = await page.evaluate(([k, p]) => window.ingestHarness.readCache(k, p), [
    key,
    paths,
  ] as const);
  expect(Object.keys(cache.images).length).toBe(first.summary.cached);
});

it('stops on a full disk with what is needed, keeps only whole shards, and resumes', async () => {
  const settings = { ...SETTINGS, shardImages: 3 };
  // The ingestion worker's IndexedDB refuses the second shard it is asked to store, as a full
  // disk does.
  const worker = page.workers().find((w) => w.url().includes('ingest.worker'));
  if (!worker) throw new Error('no ingestion worker found');
  await worker.evaluate(() => {
    const put = IDBObjectStore.prototype.put;
    let calls = 0;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args) {
      const isShard = typeof args[0] === 'object' && args[0] !== null && 'pixels' in args[0];
      if (isShard && ++calls === 2) {
        IDBObjectStore.prototype.put = put;
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return put.apply(this, args);
    } as typeof put;
  });
  await expect(dropAndIngest(settings)).rejects.toThrow(
    /Storage is full: the browser refused to store shard 1 of "drop" \([\d.]+ kB\)\. .*Ingestion stopped after 3 of \d+ files; .* drop the folder again: it resumes where it stopped\./,
  );
  const resumed = await dropAndIngest(settings);
  expect(resumed.summary.resumedFrom).toBe(settings.shardImages); // shard 0 kept, 1 redone
  expect(resumed.summary.cached).toBe(folder.imageCount - folder.broken.size);
});

it('resumes after the ingestion worker dies mid-shard: no duplicates, no holes', async () => {
  const settings = { ...SETTINGS, shardImages: 2 };
  // The worker dies (an uncaught error, as a crash raises it) while it stores its second shard.
  const worker = page.workers().find((w) => w.url().includes('ingest.worker'));
  if (!worker) throw new Error('no ingestion worker found');
  await worker.evaluate(() => {
    const put = IDBObjectStore.prototype.put;
    let shards = 0;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args) {
      const isShard = typeof args[0] === 'object' && args[0] !== null && 'pixels' in args[0];
      if (isShard && ++shards === 2)
        setTimeout(() => {
          throw new Error('simulated crash');
        });
      return put.apply(this, args);
    } as typeof put;
  });
  await expect(dropAndIngest(settings)).rejects.toThrow(/The ingestion worker crashed/);
  const resumed = await dropAndIngest(settings); // a new worker, started by the client
  expect(resumed.summary.resumedFrom % settings.shardImages).toBe(0);
  const paths = await page.evaluate(() => window.ingestHarness.takeInput());
  const cache = await page.evaluate(([k, p]) => window.ingestHarness.readCache(k, p), [
    resumed.key,
    paths,
  ] as const);
  const readable = paths.filter((p) => !folder.broken.has(p) && /\.(png|jpe?g)$/i.test(p));
  expect(Object.keys(cache.images).sort()).toEqual(readable.sort());
  expect(cache.skipped.map((s) => s.path).sort()).toEqual([...folder.broken.keys()].sort());
});

it('caches an 8000 × 8000 radiograph without running out of memory', async () => {
  const root = join(mkdtempSync(join(tmpdir(), 'chromaxr-large-')), 'large');
  mkdirSync(join(root, 'NORMAL'), { recursive: true });
  const side = 8000;
  const pixels = new Uint8Array(side * side);
  for (let y = 0; y < side; y++) pixels.fill(y % 256, y * side, (y + 1) * side); // horizontal bands
  writeFileSync(
    join(root, 'NORMAL', 'big.png'),
    encodeGrayPng({ width: side, height: side, pixels }),
  );
  await page.setInputFiles('#folder', root);
  await page.evaluate(() => window.ingestHarness.takeInput());
  const run = await page.evaluate((s) => window.ingestHarness.ingest(s), SETTINGS);
  expect(run.summary).toMatchObject({ cached: 1, skipped: 0 });
  const cache = await page.evaluate(
    ([k]) => window.ingestHarness.readCache(k, ['large/NORMAL/big.png']),
    [run.key] as const,
  );
  expect(cache.images['large/NORMAL/big.png']?.width).toBe(SETTINGS.shortSide);
});
