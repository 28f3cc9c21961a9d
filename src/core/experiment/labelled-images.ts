// A dataset ready to train on: its index split by patient, and the decoded images of its items.
// Pure core (no tfjs values): the worker, the headless runner and tests share it.
import type { FeedItem, GrayPixels } from '../data/memory-feed';
import type { DatasetIndex, SplitName } from '../data/types';

/** Items per side of the split, each with its pixels. */
export interface LabelledImages {
  name: string;
  labels: string[];
  splits: Record<SplitName, FeedItem[]>;
}

/**
 * Joins a split index with its pixels. Items whose image is missing (skipped while decoding) are
 * left out and counted, so one bad file never stops a run.
 */
export function joinImages(
  name: string,
  index: DatasetIndex,
  imageOf: (path: string) => GrayPixels | undefined,
): { data: LabelledImages; missing: string[] } {
  const splits: Record<SplitName, FeedItem[]> = { train: [], valid: [], test: [] };
  const missing: string[] = [];
  for (const item of index.items) {
    const image = imageOf(item.path);
    if (!image) {
      missing.push(item.path);
      continue;
    }
    splits[item.split ?? 'train'].push({ image, target: item.target, mask: item.mask });
  }
  return { data: { name, labels: [...index.labels], splits }, missing };
}
