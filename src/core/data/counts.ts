// Per-label counts for the dataset summary chart. Pure core, no imports beyond types.

import type { DatasetIndex } from './types';

/**
 * `positive + negative + ignored` = items: the targets training will see, after the uncertainty
 * policy. `uncertain` and `notMentioned` describe the annotation as written (from `raw`; 0 for
 * formats without it) and overlap the first three: an uncertain label under U-Ones is counted as
 * positive and as uncertain.
 */
export interface LabelCount {
  label: string;
  positive: number;
  negative: number;
  /** Masked out of the loss (U-Ignore). */
  ignored: number;
  /** Written as -1. */
  uncertain: number;
  /** Written as an empty cell (trained as negative). */
  notMentioned: number;
}

export function labelCounts(index: DatasetIndex): LabelCount[] {
  const counts = index.labels.map(
    (label): LabelCount => ({
      label,
      positive: 0,
      negative: 0,
      ignored: 0,
      uncertain: 0,
      notMentioned: 0,
    }),
  );
  for (const item of index.items) {
    counts.forEach((count, label) => {
      if (item.mask[label] !== 1) count.ignored++;
      else if (item.target[label] === 1) count.positive++;
      else count.negative++;
      const raw = item.raw?.[label];
      if (raw === -1) count.uncertain++;
      else if (raw !== undefined && Number.isNaN(raw)) count.notMentioned++;
    });
  }
  return counts;
}
