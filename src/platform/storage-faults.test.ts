// Faults of the image cache in Node, on fake-indexeddb (a full IndexedDB in memory): a damaged
// shard is refused with a message naming its files and taken out of the manifest, so the next
// ingestion decodes just those files; a shard record without a checksum (cached before them) is
// read as before; a shard write refused for lack of space stops ingestion with the sizes, leaves
// no shard the manifest does not list, and a later ingestion resumes there. Decoding is faked
// (one synthetic image per path): what is under test is the cache, not the decoders.
import 'fake-indexeddb/auto';
import { get, set } from 'idb-keyval';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CacheImage } from './decode-image';
import {
  type CacheSettings,
  DamagedShardError,
  readManifest,
  readShard,
  type ShardRecord,
} from './image-cache';
import { ingest } from './ingest-loop';
import { StorageFullError } from './storage-full';

const decoded: string[] = [];
vi.mock('./decode-image', () => ({
  DecodeError: class extends Error {},
  decodeImageFile: async (path: string): Promise<CacheImage> => {
    decoded.push(path);
    const seed = path.length;
    const pixels = Uint8Array.from({ length: 30 * 36 }, (_, i) => (i * 7 + seed) % 256);
    return { width: 30, height: 36, pixels };
  },
}));

const SETTINGS: CacheSettings = { shortSide: 30, bitDepth: 8, shardImages: 2 };
const PATHS = ['chest/a.png', 'chest/b.png', 'chest/c.png', 'chest/d.png', 'chest/e.png'];
const FILES = PATHS.map((path) => ({ path, file: new Blob([path]) as File }));
const hooks = { onProgress: () => {}, onSkipped: () => {}, isCancelled: () => false };
/** The image cache's database as image-cache opens it. */
const RECORDS = () =>
  import('idb-keyval').then((m) => m.createStore('chromaxr-image-cache', 'records'));

let key = '';
let counter = 0;
beforeEach(() => {
  key = `k${++counter}`; // one dataset per test in the shared in-memory database
  decoded.length = 0;
});

describe('a damaged shard', () => {
  it('is refused with the dataset, shard and files named, and only its files are decoded again', async () => {
    await ingest(FILES, SETTINGS, key, hooks);
    const store = await RECORDS();
    const record = (await get<ShardRecord>(`shard:${key}:1`, store)) as ShardRecord;
    record.pixels[100] = (record.pixels[100] ?? 0) ^ 1; // one bit flipped on disk
    await set(`shard:${key}:1`, record, store);

    const read = readShard(key, 1);
    await expect(read).rejects.toBeInstanceOf(DamagedShardError);
    await expect(read).rejects.toThrow(
      'Shard 1 of the cached dataset "chest" is damaged (its checksum does not match): its 2 images (chest/c.png, chest/d.png) are no longer counted as cached. Drop the folder again: only those files are decoded again.',
    );
    expect((await readManifest(key))?.shards.map((s) => s !== null)).toEqual([true, false, true]);
    expect(await get(`shard:${key}:1`, store)).toBeUndefined();

    decoded.length = 0;
    const again = await ingest(FILES, SETTINGS, key, hooks);
    expect(decoded).toEqual(['chest/c.png', 'chest/d.png']);
    expect(again).toMatchObject({ reused: false, resumedFrom: 3, decoded: 2, cached: 5 });
    await expect(readShard(key, 1)).resolves.toMatchObject({ fileIndices: [2, 3] });
  });

  it('a record cached before checksums (none stored) is read unverified', async () => {
    await ingest(FILES, SETTINGS, key, hooks);
    const store = await RECORDS();
    const { checksum: _, ...legacy } = (await get<ShardRecord>(
      `shard:${key}:0`,
      store,
    )) as ShardRecord;
    await set(`shard:${key}:0`, legacy, store);
    await expect(readShard(key, 0)).resolves.toMatchObject({ fileIndices: [0, 1] });
  });
});

describe('storage full on a shard write', () => {
  const put = IDBObjectStore.prototype.put;
  afterEach(() => {
    IDBObjectStore.prototype.put = put;
    vi.unstubAllGlobals();
  });

  /** Puts of shard `refused` (and of any key after it in the same transaction) throw as a full
   *  disk does; `when` picks the put that throws: the shard's own, or the manifest's after it. */
  function refuse(refused: number, when: 'shard' | 'manifest') {
    let armed = false;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, value, k) {
      if (k === `shard:${key}:${refused}`) armed = true;
      const throws = armed && (when === 'shard' || String(k).startsWith('manifest:'));
      if (throws) {
        armed = false;
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return put.call(this, value, k);
    };
  }

  for (const when of ['shard', 'manifest'] as const) {
    it(`stops with the sizes and what uses the space, keeps no partial shard, and resumes (${when} put refused)`, async () => {
      vi.stubGlobal('navigator', {
        storage: {
          estimate: async () => ({
            usage: 2_000_000_000,
            quota: 2_000_100_000,
            usageDetails: { indexedDB: 1_990_000_000, caches: 10_000_000 },
          }),
        },
      });
      refuse(1, when);
      const failed = ingest(FILES, SETTINGS, key, hooks);
      await expect(failed).rejects.toBeInstanceOf(StorageFullError);
      const message = ((await failed.catch((e: unknown) => e)) as Error).message;
      expect(message).toContain('the browser refused to store shard 1 of "chest" (2.2 kB)');
      expect(message).toContain(
        'This site uses 2.00 GB of the 2.00 GB it may use (IndexedDB 1.99 GB, Cache Storage (downloaded weights) 10.0 MB); 100.0 kB is left',
      );
      expect(message).toMatch(/Cached datasets: .*"chest" 2 images/);
      expect(message).toContain(
        'Ingestion stopped after 2 of 5 files; the 3 left need about 3.2 kB',
      );
      expect(message).toContain('drop the folder again: it resumes where it stopped');

      const store = await RECORDS();
      expect((await readManifest(key))?.shards.map((s) => s !== null)).toEqual([
        true,
        false,
        false,
      ]);
      expect(await get(`shard:${key}:1`, store)).toBeUndefined(); // nothing half-written

      IDBObjectStore.prototype.put = put; // space freed
      decoded.length = 0;
      const resumed = await ingest(FILES, SETTINGS, key, hooks);
      expect(resumed).toMatchObject({ resumedFrom: 2, decoded: 3, cached: 5 });
      expect(decoded).toEqual(['chest/c.png', 'chest/d.png', 'chest/e.png']);
    });
  }
});
