// Tables I–III of the paper from run records. Pure core: only the statistics and grouping helpers.

import {
  hasVariant,
  isFullData,
  orderedVariants,
  uniqueBackbones,
  uniqueDatasets,
  uniqueInOrder,
} from './report-group';
import type { LabelTable, ProcedureTable, RunRecord } from './report-types';
import { summarize } from './stats';

/** Variants × backbones of one dataset's runs, each cell the mean AUC over its runs. */
export function buildProcedureTable(
  runs: readonly RunRecord[],
  dataset: string,
  procedureOrder: readonly string[],
): ProcedureTable {
  const ofDataset = runs.filter((run) => run.dataset === dataset);
  const backbones = uniqueBackbones(ofDataset);
  const rows = orderedVariants(ofDataset, procedureOrder).map((variant) => ({
    variant,
    cells: backbones.map((backbone) =>
      summarize(
        ofDataset
          .filter((run) => run.backbone === backbone && hasVariant(run, variant))
          .map((run) => run.meanAuc),
      ),
    ),
  }));
  return { dataset, backbones, rows };
}

/** The AUC of one label in a run, matched by name (runs may list labels in different orders). */
function labelAuc(run: RunRecord, label: string): number[] {
  const index = run.labels.indexOf(label);
  return index === -1 ? [] : [run.perLabelAuc[index] as number];
}

/** Per-label AUC for every backbone and variant of one dataset's runs (Table II). */
export function buildLabelTable(
  runs: readonly RunRecord[],
  dataset: string,
  procedureOrder: readonly string[],
): LabelTable {
  const ofDataset = runs.filter((run) => run.dataset === dataset);
  const labels = uniqueInOrder(
    ofDataset.flatMap((run) => run.labels),
    String,
  );
  const variants = orderedVariants(ofDataset, procedureOrder);
  const rows = uniqueBackbones(ofDataset).flatMap((backbone) =>
    variants.flatMap((variant) => {
      const group = ofDataset.filter(
        (run) => run.backbone === backbone && hasVariant(run, variant),
      );
      if (group.length === 0) return [];
      const cells = labels.map((label) => summarize(group.flatMap((run) => labelAuc(run, label))));
      return [{ backbone, variant, cells }];
    }),
  );
  return { dataset, labels, rows };
}

/** Tables I and II use the primary dataset's own full-data runs (no transferred T or E). */
export function ownFullDataRuns(runs: readonly RunRecord[], primaryDataset: string): RunRecord[] {
  return runs.filter(
    (run) => run.dataset === primaryDataset && isFullData(run) && run.trainSource === undefined,
  );
}

/**
 * Table III: one block per dataset other than the primary one, in order of appearance, plus the
 * primary dataset when it has transfer runs; each block holds that dataset's full-data runs.
 */
export function buildTransferTables(
  runs: readonly RunRecord[],
  primaryDataset: string,
  procedureOrder: readonly string[],
): ProcedureTable[] {
  const fullData = runs.filter(isFullData);
  const datasets = uniqueDatasets(
    fullData.filter((run) => run.dataset !== primaryDataset || run.trainSource !== undefined),
  );
  return datasets.map((dataset) => buildProcedureTable(fullData, dataset, procedureOrder));
}
