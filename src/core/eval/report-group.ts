// Grouping and ordering of run records for the report tables. Pure core: only the report's types.

import type { RunRecord, Variant, VariantSelector } from './report-types';

/** The paper's row order: frozen-encoder strategies first, then the fine-tuned ones. */
export const DEFAULT_PROCEDURE_ORDER: readonly string[] = [
  'Baseline',
  'Last Layer',
  'Color Module',
  'Baseline All',
  'All',
  'Transfer All',
];

export function subsetFractionOf(run: RunRecord): number {
  return run.subsetFraction ?? 1;
}

export function isFullData(run: RunRecord): boolean {
  return subsetFractionOf(run) === 1;
}

/** The run's table row, without absent fields (so the JSON stays clean). */
export function variantOf(run: RunRecord): Variant {
  return {
    procedure: run.procedure,
    ...(run.colorizer === undefined ? {} : { colorizer: run.colorizer }),
    ...(run.trainSource === undefined ? {} : { trainSource: run.trainSource }),
  };
}

export function variantKey(variant: Variant): string {
  return JSON.stringify([
    variant.procedure,
    variant.colorizer ?? null,
    variant.trainSource ?? null,
  ]);
}

export function hasVariant(run: RunRecord, variant: Variant): boolean {
  return variantKey(variantOf(run)) === variantKey(variant);
}

export function matchesSelector(variant: Variant, selector: VariantSelector): boolean {
  return (
    variant.procedure === selector.procedure &&
    (selector.colorizer === undefined || variant.colorizer === selector.colorizer) &&
    (selector.trainSource === undefined || variant.trainSource === selector.trainSource)
  );
}

/** Distinct items by key, in order of first appearance. */
export function uniqueInOrder<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    if (!seen.has(k)) seen.set(k, item);
  }
  return [...seen.values()];
}

/** Distinct variants of the runs: by procedure order, own-data runs before transfer runs. */
export function orderedVariants(
  runs: readonly RunRecord[],
  procedureOrder: readonly string[],
): Variant[] {
  const rank = (variant: Variant) => {
    const index = procedureOrder.indexOf(variant.procedure);
    return index === -1 ? procedureOrder.length : index;
  };
  const variants = uniqueInOrder(runs.map(variantOf), variantKey);
  // Array.prototype.sort is stable: ties keep their order of appearance.
  return variants.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      Number(a.trainSource !== undefined) - Number(b.trainSource !== undefined),
  );
}

export function uniqueBackbones(runs: readonly RunRecord[]): string[] {
  return uniqueInOrder(
    runs.map((run) => run.backbone),
    String,
  );
}

export function uniqueDatasets(runs: readonly RunRecord[]): string[] {
  return uniqueInOrder(
    runs.map((run) => run.dataset),
    String,
  );
}

/** The dataset with the most full-training-set runs (first seen wins a tie). */
export function choosePrimaryDataset(runs: readonly RunRecord[]): string | undefined {
  const counts = new Map<string, number>();
  for (const run of runs.filter(isFullData)) {
    counts.set(run.dataset, (counts.get(run.dataset) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [dataset, count] of counts) {
    if (best === undefined || count > (counts.get(best) ?? 0)) best = dataset;
  }
  return best;
}
