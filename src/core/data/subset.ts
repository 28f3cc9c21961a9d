// Seeded random subsets for the data-size study (SPEC §5). Pure core: randomness from util/random.

import { createRandom, deriveSeed, shuffled } from '../util/random';
import type { DatasetIndex, DatasetItem } from './types';

/** The study's training-set fractions: 10 %, 5 %, 1 %, 0.5 %, 0.1 %. */
export const SUBSET_FRACTIONS: readonly number[] = [0.1, 0.05, 0.01, 0.005, 0.001];
/** Different random subsets drawn per fraction. */
export const SUBSET_DRAWS = 3;

/**
 * A random `fraction` of the items, by image: round(n × fraction) items, at least one. Drawn by
 * image rather than by patient because subsets are taken from the training side only, which the
 * patient-level split has already separated from valid/test, and per-image draws hit the sizes
 * exactly. Each (seed, draw) gives one permutation shared by all fractions, so a draw's smaller
 * subsets lie inside its larger ones.
 *
 * Top-up: tiny fractions can miss a class entirely (0.1 % of a rare finding), which makes the AUC
 * undefined; so for each label without a used positive (or negative), the first item of the
 * permutation that has one is added, when the dataset has one. That keeps the nesting, and adds
 * at most two items per label. Items keep their original order.
 */
export function drawSubset<T extends DatasetIndex>(
  index: T,
  fraction: number,
  draw: number,
  seed: number,
): T {
  if (!(fraction > 0 && fraction <= 1))
    throw new Error(`Subset fraction ${fraction} is not in (0, 1]`);
  if (!Number.isInteger(draw) || draw < 0)
    throw new Error(`Subset draw ${draw} is not an integer ≥ 0`);
  const total = index.items.length;
  const random = createRandom(deriveSeed(seed, `subset-draw-${draw}`));
  const order = shuffled(
    index.items.map((_, position) => position),
    random,
  );
  const size = Math.min(total, Math.max(1, Math.round(total * fraction)));
  const chosen = new Set(order.slice(0, size));
  topUpMissingClasses(index.items, order, chosen, index.labels.length);
  const items = [...chosen]
    .sort((a, b) => a - b)
    .map((position) => index.items[position] as DatasetItem);
  return { ...index, items };
}

function topUpMissingClasses(
  items: DatasetItem[],
  order: number[],
  chosen: Set<number>,
  labelCount: number,
): void {
  const hasClass = (position: number, label: number, value: number) => {
    const item = items[position];
    return item?.mask[label] === 1 && item.target[label] === value;
  };
  for (let label = 0; label < labelCount; label++) {
    for (const value of [1, 0]) {
      if ([...chosen].some((position) => hasClass(position, label, value))) continue;
      const donor = order.find((position) => hasClass(position, label, value));
      if (donor !== undefined) chosen.add(donor);
    }
  }
}
