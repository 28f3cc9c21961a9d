// Reads a cached dataset back for training: item positions from the manifest, shards from
// IndexedDB through image-cache, batches from core's ShardFeed. Browser/worker only.

import type { FeedOptions } from '../core/data/feed';
import type { FeedItem } from '../core/data/memory-feed';
import { type LoadShard, ShardFeed } from '../core/data/shard-feed';
import {
  type CachedEntry,
  cachedEntries,
  readManifest,
  readPaths,
  readShard,
  shardImages,
} from './image-cache';

/** A cached image with its labels and the path it was dropped under. */
export type PathedItem = FeedItem & { path: string };

/** Labels for one path (a DatasetItem's target and mask), or null to leave the image out. */
export type LabelLookup = (path: string) => { target: number[]; mask: number[] } | null;

export const shardLoader =
  (key: string): LoadShard =>
  async (shard) =>
    shardImages(await readShard(key, shard));

async function openDataset(key: string): Promise<CachedEntry[]> {
  const manifest = await readManifest(key);
  if (!manifest) throw new Error(`No cached dataset ${key.slice(0, 12)}…: ingest it first`);
  return cachedEntries(manifest, await readPaths(key));
}

/** A seeded, prefetching training feed over the cached images that `labels` knows. */
export async function createCachedFeed(
  key: string,
  labels: LabelLookup,
  options: FeedOptions,
): Promise<ShardFeed> {
  const items = (await openDataset(key)).flatMap((entry) => {
    const label = labels(entry.path);
    return label ? [{ shard: entry.shard, slot: entry.slot, ...label }] : [];
  });
  return new ShardFeed(items, shardLoader(key), options);
}

/** The labelled images among `paths`, in memory (validation and test sets), in `paths` order;
 *  loads only the shards that hold them, one at a time. */
export async function loadCachedItems(
  key: string,
  paths: readonly string[],
  labels: LabelLookup,
): Promise<PathedItem[]> {
  const where = new Map((await openDataset(key)).map((e) => [e.path, e]));
  const wanted = paths.flatMap((path) => {
    const entry = where.get(path);
    const label = labels(path);
    return entry && label ? [{ path, entry, label }] : [];
  });
  const items: (PathedItem | undefined)[] = new Array(wanted.length);
  for (const shard of new Set(wanted.map((w) => w.entry.shard))) {
    const images = shardImages(await readShard(key, shard));
    wanted.forEach(({ path, entry, label }, i) => {
      const image = entry.shard === shard ? images[entry.slot] : undefined;
      if (image) items[i] = { path, image, ...label };
    });
  }
  return items.filter((item): item is PathedItem => item !== undefined);
}
