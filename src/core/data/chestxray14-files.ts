// ChestX-ray14's official split lists and image folders, applied to a parsed index. Pure core.

import { baseName, isImagePath } from './paths';
import type { DatasetIndex } from './types';

export interface ChestXray14SplitLists {
  /** Contents of `train_val_list.txt`: one image file name per line. */
  trainValList?: string;
  /** Contents of `test_list.txt`. */
  testList?: string;
}

/**
 * Marks images of `test_list.txt` as 'test' and those of `train_val_list.txt` as 'train'; images
 * in neither keep their split. The official lists are patient-level but have no validation side:
 * carve one out with `splitByPatient(index, { keep: ['test'], fractions: { train, valid, test: 0 } })`.
 */
export function applyChestXray14SplitLists<T extends DatasetIndex>(
  index: T,
  lists: ChestXray14SplitLists,
): T {
  const trainVal = fileNameSet(lists.trainValList ?? '');
  const test = fileNameSet(lists.testList ?? '');
  const items = index.items.map((item) => {
    const name = baseName(item.path);
    if (test.has(name)) return { ...item, split: 'test' as const };
    if (trainVal.has(name)) return { ...item, split: 'train' as const };
    return item;
  });
  return { ...index, items };
}

function fileNameSet(list: string): Set<string> {
  const names = list.split(/\r?\n|\r/).map((line) => line.trim());
  return new Set(names.filter((name) => name !== ''));
}

/**
 * Points each item at its image among the dropped folder's files, whatever the layout: the NIH
 * download's flat `images/`, or Kaggle's `images_001/images/…` to `images_012/images/…`.
 * Items with no image are dropped and returned in `missing` (their file names).
 */
export function resolveChestXray14Images<T extends DatasetIndex>(
  index: T,
  presentPaths: readonly string[],
): T & { missing: string[] } {
  const byName = new Map<string, string>();
  for (const path of presentPaths) {
    if (isImagePath(path) && !byName.has(baseName(path))) byName.set(baseName(path), path);
  }
  const missing: string[] = [];
  const items = index.items.flatMap((item) => {
    const found = byName.get(baseName(item.path));
    if (found === undefined) missing.push(item.path);
    return found === undefined ? [] : [{ ...item, path: found }];
  });
  return { ...index, items, missing };
}
