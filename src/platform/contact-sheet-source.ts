// The contact sheet's pages, read in the ingestion worker: the stored index grouped by class or
// finding (core/data/contact-sheet.ts), and thumbnails of a page of paths from the cache's shards,
// each shard read once per page. The groups of the last dataset asked for are kept, so scrolling a
// 200,000-image set never regroups it. Browser/worker only.
import {
  type SheetGroup,
  sheetGroups,
  type Thumbnail,
  thumbnail,
} from '../core/data/contact-sheet';
import type { DatasetItem } from '../core/data/types';
import { loadDatasetIndex } from './dataset-index-store';
import {
  type CachedEntry,
  cachedEntries,
  readManifest,
  readPaths,
  readShard,
  shardImages,
} from './image-cache';

export interface SheetItem {
  path: string;
  /** The labels in words: "PNEUMONIA", "Edema, Effusion", "no finding". */
  caption: string;
  /** null: the image is listed but was not cached (skipped at ingestion). */
  thumb: Thumbnail | null;
}

export interface SheetPage {
  groups: { name: string; count: number }[];
  items: SheetItem[];
}

interface Grouped {
  key: string;
  groups: SheetGroup[];
  items: Map<string, DatasetItem>;
  labels: string[];
  entries: Map<string, CachedEntry>;
}

let last: Grouped | null = null;

async function grouped(key: string): Promise<Grouped> {
  if (last?.key === key) return last;
  const { index, negativeClass } = await loadDatasetIndex(key);
  const manifest = await readManifest(key);
  if (!manifest) throw new Error(`No cached dataset ${key.slice(0, 12)}…: drop its folder again`);
  const entries = cachedEntries(manifest, await readPaths(key));
  last = {
    key,
    groups: sheetGroups(index, negativeClass),
    items: new Map(index.items.map((item) => [item.path, item])),
    labels: index.labels,
    entries: new Map(entries.map((entry) => [entry.path, entry])),
  };
  return last;
}

function captionOf(data: Grouped, path: string): string {
  const item = data.items.get(path);
  if (!item) return '';
  const found = data.labels.filter((_, l) => item.target[l] === 1 && item.mask[l] === 1);
  return found.length > 0 ? found.join(', ') : 'no finding';
}

/** Thumbnails (longer side ≤ `size`) of `count` images of group `group` from `offset`. */
export async function sheetPage(
  key: string,
  group: number,
  offset: number,
  count: number,
  size: number,
): Promise<SheetPage> {
  const data = await grouped(key);
  const paths = data.groups[group]?.paths.slice(offset, offset + count) ?? [];
  const thumbs = new Map<string, Thumbnail>();
  const byShard = new Map<number, CachedEntry[]>();
  for (const path of paths) {
    const entry = data.entries.get(path);
    if (entry) byShard.set(entry.shard, [...(byShard.get(entry.shard) ?? []), entry]);
  }
  for (const [shard, entries] of byShard) {
    const images = shardImages(await readShard(key, shard));
    for (const entry of entries) {
      const image = images[entry.slot];
      if (image) thumbs.set(entry.path, thumbnail(image, size));
    }
  }
  return {
    groups: data.groups.map((g) => ({ name: g.name, count: g.paths.length })),
    items: paths.map((path) => ({
      path,
      caption: captionOf(data, path),
      thumb: thumbs.get(path) ?? null,
    })),
  };
}
