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

/** One split's per-label counts of usable (unmasked) targets. */
export interface SplitLabelCounts {
  split: string;
  positives: readonly number[];
  negatives: readonly number[];
}

/**
 * Readable warnings for every label that has one class only on a side that is scored (valid,
 * test): its AUC is undefined there, which should be said before training rather than found as a
 * blank. Train is left out: a missing class there shows in the loss, not in an undefined score.
 */
export function oneClassWarnings(labels: readonly string[], splits: readonly SplitLabelCounts[]) {
  return splits
    .filter(({ split }) => split !== 'train')
    .flatMap(({ split, positives, negatives }) =>
      labels.flatMap((label, i) => {
        const missing =
          (positives[i] ?? 0) === 0 ? 'positive' : (negatives[i] ?? 0) === 0 ? 'negative' : null;
        return missing === null
          ? []
          : [`${label} has no ${missing} in ${split}: its AUC is undefined there.`];
      }),
    );
}

/**
 * The labels in a clinician's words: "300 images: 150 PNEUMONIA, 150 NORMAL" for a single binary
 * label (its 0 named when the classes were), else each finding's positives ("223,414 images;
 * positive for: Atelectasis 33,376, …"), uncertain ones said as left out.
 */
export function describeLabelCounts(
  images: number,
  counts: readonly LabelCount[],
  negativeClass?: string,
): string {
  const n = (value: number) => value.toLocaleString('en-US');
  const ignored = (count: LabelCount) =>
    count.ignored > 0 ? `, ${n(count.ignored)} uncertain (left out)` : '';
  const [only] = counts;
  if (counts.length === 1 && only) {
    const negative = negativeClass ?? `without ${only.label}`;
    return `${n(images)} images: ${n(only.positive)} ${only.label}, ${n(only.negative)} ${negative}${ignored(only)}`;
  }
  const findings = counts.map((c) => `${c.label} ${n(c.positive)}${ignored(c)}`);
  return `${n(images)} images; positive for: ${findings.join('; ')}`;
}
