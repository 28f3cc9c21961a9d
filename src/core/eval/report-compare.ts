// Paired comparisons of procedures with Benjamini–Hochberg control over the report's family.
// Pure core: only the statistics, the t-test and the grouping helpers.

import {
  hasVariant,
  matchesSelector,
  orderedVariants,
  subsetFractionOf,
  uniqueBackbones,
  uniqueDatasets,
  uniqueInOrder,
  variantKey,
} from './report-group';
import type { Comparison, ComparisonPair, RunRecord, Variant } from './report-types';
import { benjaminiHochberg } from './stats';
import { pairedTTest } from './ttest';

/** Runs that may be compared: same dataset, backbone and training-set size. */
interface Context {
  dataset: string;
  backbone: string;
  subsetFraction: number;
  runs: RunRecord[];
}

type UnadjustedComparison = Omit<Comparison, 'adjustedP' | 'significant'>;

function contextsOf(runs: readonly RunRecord[]): Context[] {
  const contexts: Context[] = [];
  for (const dataset of uniqueDatasets(runs)) {
    const ofDataset = runs.filter((run) => run.dataset === dataset);
    for (const backbone of uniqueBackbones(ofDataset)) {
      const ofBackbone = ofDataset.filter((run) => run.backbone === backbone);
      const fractions = uniqueInOrder(ofBackbone.map(subsetFractionOf), String);
      for (const subsetFraction of fractions.sort((a, b) => b - a)) {
        const members = ofBackbone.filter((run) => subsetFractionOf(run) === subsetFraction);
        contexts.push({ dataset, backbone, subsetFraction, runs: members });
      }
    }
  }
  return contexts;
}

/** Mean AUC by pairing key (seed and subset draw); runs with an undefined mean AUC are left out. */
function byPairingKey(runs: readonly RunRecord[]): Map<string, number> {
  const values = new Map<string, number>();
  for (const run of runs) {
    if (Number.isNaN(run.meanAuc)) continue;
    const key = `seed ${run.seed}, draw ${run.subsetDraw ?? '-'}`;
    if (values.has(key)) {
      throw new Error(`two runs of ${run.procedure} on ${run.dataset}/${run.backbone} with ${key}`);
    }
    values.set(key, run.meanAuc);
  }
  return values;
}

function compareVariants(
  context: Context,
  treatment: Variant,
  control: Variant,
): UnadjustedComparison {
  const treated = context.runs.filter((run) => hasVariant(run, treatment));
  const controls = context.runs.filter((run) => hasVariant(run, control));
  const treatedValues = byPairingKey(treated);
  const controlValues = byPairingKey(controls);
  const keys = [...treatedValues.keys()].filter((key) => controlValues.has(key));
  const test = pairedTTest(
    keys.map((key) => treatedValues.get(key) as number),
    keys.map((key) => controlValues.get(key) as number),
  );
  const { dataset, backbone, subsetFraction } = context;
  const unpairedRuns = treated.length + controls.length - 2 * keys.length;
  return { dataset, backbone, subsetFraction, treatment, control, test, unpairedRuns };
}

function comparisonsInContext(
  context: Context,
  pairs: readonly ComparisonPair[],
  procedureOrder: readonly string[],
): UnadjustedComparison[] {
  const variants = orderedVariants(context.runs, procedureOrder);
  return pairs.flatMap((pair) =>
    variants
      .filter((treatment) => matchesSelector(treatment, pair.treatment))
      .flatMap((treatment) =>
        variants
          .filter((control) => matchesSelector(control, pair.control))
          .filter((control) => variantKey(control) !== variantKey(treatment))
          .map((control) => compareVariants(context, treatment, control)),
      ),
  );
}

/**
 * Every requested pair in every (dataset, backbone, training-set size) holding both sides, tested
 * with a paired t-test; all comparisons of the report form one Benjamini–Hochberg family.
 */
export function buildComparisons(
  runs: readonly RunRecord[],
  pairs: readonly ComparisonPair[],
  alpha: number,
  procedureOrder: readonly string[],
): Comparison[] {
  const unadjusted = contextsOf(runs).flatMap((context) =>
    comparisonsInContext(context, pairs, procedureOrder),
  );
  // Tests without a p-value (not enough runs, constant difference) are NaN: outside the family.
  const adjusted = benjaminiHochberg(unadjusted.map((comparison) => comparison.test.p));
  return unadjusted.map((comparison, i) => {
    const adjustedP = adjusted[i] as number;
    return { ...comparison, adjustedP, significant: adjustedP < alpha };
  });
}
