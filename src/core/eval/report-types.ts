// Types of the experiment report: recorded runs in, the paper's tables and comparisons out. Pure
// core types; the report is a plain object, so JSON.stringify(report) is its JSON (NaN → null).

import type { Summary } from './stats';
import type { PairedTTestResult } from './ttest';

/** One finished training run, as the engine or the headless runner records it. */
export interface RunRecord {
  dataset: string;
  backbone: string;
  /** Stage name (SPEC §3): 'Baseline', 'Color Module', 'Baseline All', 'All', 'Last Layer', … */
  procedure: string;
  seed: number;
  /** Colorization module T ('pixelshuffle', 'deconv', 'coloru'); absent for the baselines. */
  colorizer?: string;
  /** Fraction of the training set (Fig. 6); absent or 1 means the full set. */
  subsetFraction?: number;
  /** Which random subset of that fraction (three draws per size in the paper). */
  subsetDraw?: number;
  /** Transfer runs: the dataset T (and E) were trained on before this run. */
  trainSource?: string;
  labels: string[];
  /** Same order as `labels`; NaN where the AUC is undefined (one class in the validation set). */
  perLabelAuc: number[];
  /** Mean over the defined labels. */
  meanAuc: number;
}

/** What a table row stands for: a procedure, with its colorizer and transfer source if any. */
export interface Variant {
  procedure: string;
  colorizer?: string;
  trainSource?: string;
}

/** Picks variants for a comparison: the procedure must match, and the other fields when given. */
export type VariantSelector = Variant;

/** A comparison to run in every (dataset, backbone, training-set size) that has both sides. */
export interface ComparisonPair {
  treatment: VariantSelector;
  control: VariantSelector;
}

/** Table I and each block of Table III: variants × backbones, mean AUC over runs. */
export interface ProcedureTable {
  dataset: string;
  backbones: string[];
  rows: { variant: Variant; cells: Summary[] }[];
}

/** Table II: per-label AUC over runs, one row per backbone and variant. */
export interface LabelTable {
  dataset: string;
  labels: string[];
  rows: { backbone: string; variant: Variant; cells: Summary[] }[];
}

/** One line of Fig. 6: mean AUC against training-set fraction, ascending, with its spread. */
export interface CurveSeries {
  dataset: string;
  backbone: string;
  variant: Variant;
  points: { subsetFraction: number; summary: Summary }[];
}

export interface Comparison {
  dataset: string;
  backbone: string;
  subsetFraction: number;
  treatment: Variant;
  control: Variant;
  /** Paired by seed and subset draw; the difference is treatment − control. */
  test: PairedTTestResult;
  /** Runs on either side that found no partner (or had an undefined mean AUC). */
  unpairedRuns: number;
  /** Benjamini–Hochberg over every comparison in the report that has a p-value; NaN otherwise. */
  adjustedP: number;
  /** adjustedP < alpha; false when the test could not run. */
  significant: boolean;
}

export interface EvalReport {
  /** The dataset of Tables I and II (CheXpert in the paper). */
  primaryDataset: string;
  alpha: number;
  tableI: ProcedureTable;
  tableII: LabelTable;
  /** One block per other dataset (and for the primary one if it has transfer runs). */
  tableIII: ProcedureTable[];
  dataSizeCurves: CurveSeries[];
  comparisons: Comparison[];
}

export interface ReportOptions {
  /** Defaults to the dataset with the most full-training-set runs. */
  primaryDataset?: string;
  /** Defaults to DEFAULT_COMPARISONS (the paper's). */
  comparisons?: readonly ComparisonPair[];
  /** Significance level for BH-adjusted p-values; the paper uses 0.05. */
  alpha?: number;
  /** Row order of procedures; unknown ones follow in order of appearance. */
  procedureOrder?: readonly string[];
}
