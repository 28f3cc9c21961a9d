// The cache's pure parts in Node (no IndexedDB): dataset keys, image-file selection, shard
// packing and unpacking, and item positions rebuilt from a manifest with skipped files.
import { describe, expect, it } from 'vitest';
import {
  type CacheManifest,
  type CacheSettings,
  cachedEntries,
  datasetKey,
  imageFiles,
  packShard,
  shardImages,
} from './image-cache';

const SETTINGS: CacheSettings = { shortSide: 8, bitDepth: 16, shardImages: 3 };
const files = [
  { path: 'd/a.png', size: 10, lastModified: 1 },
  { path: 'd/b.jpg', size: 20, lastModified: 2 },
];

describe('dataset key', () => {
  it('is stable for the same files and settings and changes with either', async () => {
    const key = await datasetKey(files, SETTINGS);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(
      await datasetKey(
        files.map((f) => ({ ...f })),
        { ...SETTINGS },
      ),
    ).toBe(key);
    const touched = [files[0], { ...files[1], lastModified: 3 }] as typeof files;
    expect(await datasetKey(touched, SETTINGS)).not.toBe(key);
    expect(await datasetKey(files, { ...SETTINGS, shortSide: 9 })).not.toBe(key);
    expect(await datasetKey(files, { ...SETTINGS, bitDepth: 8 })).not.toBe(key);
  });

  it('ingests JPEG and PNG files only, sorted, litter left out', () => {
    const walked = ['d/z.PNG', 'd/train.csv', 'd/a.jpeg', 'd/._a.jpeg', 'd/notes.txt'].map(
      (path) => ({
        path,
      }),
    );
    expect(imageFiles(walked).map((f) => f.path)).toEqual(['d/a.jpeg', 'd/z.PNG']);
  });
});

describe('shards', () => {
  it('pack and unpack images of different sizes without copying', () => {
    const a = { width: 2, height: 3, pixels: Uint16Array.from([1, 2, 3, 4, 5, 6]) };
    const b = { width: 3, height: 1, pixels: Uint16Array.from([7, 8, 9]) };
    const record = packShard(
      [
        { fileIndex: 0, image: a },
        { fileIndex: 2, image: b },
      ],
      16,
    );
    expect(record.fileIndices).toEqual([0, 2]);
    const [ra, rb] = shardImages(record);
    expect(Array.from(ra?.pixels ?? [])).toEqual([1, 2, 3, 4, 5, 6]);
    expect([rb?.width, rb?.height, Array.from(rb?.pixels ?? [])]).toEqual([3, 1, [7, 8, 9]]);
    expect(rb?.pixels.buffer).toBe(record.pixels.buffer);
  });

  it('positions come from the manifest: path order minus skipped, uncommitted shards left out', () => {
    const paths = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
    const manifest: CacheManifest = {
      version: 1,
      key: 'k',
      settings: SETTINGS,
      fileCount: 7,
      shards: [
        { images: 2, skipped: [{ path: 'p1', reason: 'corrupt' }] },
        null,
        { images: 1, skipped: [] },
      ],
      createdAt: 0,
    };
    expect(cachedEntries(manifest, paths)).toEqual([
      { path: 'p0', shard: 0, slot: 0 },
      { path: 'p2', shard: 0, slot: 1 },
      { path: 'p6', shard: 2, slot: 0 },
    ]);
  });
});
