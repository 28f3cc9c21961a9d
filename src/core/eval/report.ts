// The experiment report: recorded runs in, the paper's Tables I–III, Fig. 6 data and paired
// comparisons out, as one plain object. Pure core: only the other eval modules.

import { buildComparisons } from './report-compare';
import { buildDataSizeCurves } from './report-curve';
import { choosePrimaryDataset, DEFAULT_PROCEDURE_ORDER } from './report-group';
import {
  buildLabelTable,
  buildProcedureTable,
  buildTransferTables,
  ownFullDataRuns,
} from './report-tables';
import type { ComparisonPair, EvalReport, ReportOptions, RunRecord } from './report-types';

/**
 * The paper's comparisons: the color module against the frozen baseline and the fine-tuned
 * network against the fine-tuned baseline (§V-A, V-B), and their transfer counterparts (§V-C).
 */
export const DEFAULT_COMPARISONS: readonly ComparisonPair[] = [
  { treatment: { procedure: 'Color Module' }, control: { procedure: 'Baseline' } },
  { treatment: { procedure: 'All' }, control: { procedure: 'Baseline All' } },
  { treatment: { procedure: 'Last Layer' }, control: { procedure: 'Baseline' } },
  { treatment: { procedure: 'Transfer All' }, control: { procedure: 'Baseline All' } },
];

/** The paper's significance level for BH-adjusted p-values. */
export const DEFAULT_ALPHA = 0.05;

export function buildReport(runs: readonly RunRecord[], options: ReportOptions = {}): EvalReport {
  const primaryDataset = options.primaryDataset ?? choosePrimaryDataset(runs) ?? '';
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const order = options.procedureOrder ?? DEFAULT_PROCEDURE_ORDER;
  const own = ownFullDataRuns(runs, primaryDataset);
  return {
    primaryDataset,
    alpha,
    tableI: buildProcedureTable(own, primaryDataset, order),
    tableII: buildLabelTable(own, primaryDataset, order),
    tableIII: buildTransferTables(runs, primaryDataset, order),
    dataSizeCurves: buildDataSizeCurves(runs, order),
    comparisons: buildComparisons(runs, options.comparisons ?? DEFAULT_COMPARISONS, alpha, order),
  };
}
