// Fig. 6 of the paper: mean AUC against training-set size, per procedure, with its spread.
// Pure core: only the statistics and grouping helpers.

import {
  hasVariant,
  isFullData,
  orderedVariants,
  subsetFractionOf,
  uniqueBackbones,
  uniqueDatasets,
  uniqueInOrder,
  variantKey,
  variantOf,
} from './report-group';
import type { CurveSeries, RunRecord } from './report-types';
import { summarize } from './stats';

function seriesKey(run: RunRecord): string {
  return JSON.stringify([run.dataset, run.backbone, variantKey(variantOf(run))]);
}

function buildSeries(members: readonly RunRecord[]): CurveSeries {
  const first = members[0] as RunRecord;
  const fractions = uniqueInOrder(members.map(subsetFractionOf), String).sort((a, b) => a - b);
  return {
    dataset: first.dataset,
    backbone: first.backbone,
    variant: variantOf(first),
    points: fractions.map((subsetFraction) => ({
      subsetFraction,
      // Spread across subset draws and seeds alike: each run is one point of the scatter.
      summary: summarize(
        members.filter((run) => subsetFractionOf(run) === subsetFraction).map((run) => run.meanAuc),
      ),
    })),
  };
}

/**
 * One series per (dataset, backbone, variant) that has runs on a training-set subset; its
 * full-data runs join as the fraction-1 point, so each line ends at the Table I value.
 */
export function buildDataSizeCurves(
  runs: readonly RunRecord[],
  procedureOrder: readonly string[],
): CurveSeries[] {
  const subsetKeys = new Set(runs.filter((run) => !isFullData(run)).map(seriesKey));
  const inSeries = runs.filter((run) => subsetKeys.has(seriesKey(run)));
  const series: CurveSeries[] = [];
  for (const dataset of uniqueDatasets(inSeries)) {
    const ofDataset = inSeries.filter((run) => run.dataset === dataset);
    for (const backbone of uniqueBackbones(ofDataset)) {
      const members = ofDataset.filter((run) => run.backbone === backbone);
      for (const variant of orderedVariants(members, procedureOrder)) {
        series.push(buildSeries(members.filter((run) => hasVariant(run, variant))));
      }
    }
  }
  return series;
}
