// Synthetic runs-history entries for the Results view's tests and screenshot: a stage run's
// record with chosen test AUCs, around it the rest of a StageRunReport with plausible values.
import type { RocPoints } from '../../src/core/eval/auc';
import type { RunRecord } from '../../src/core/eval/report-types';
import type { StageId } from '../../src/core/train/stages';
import type { RunHistoryEntry } from '../../src/worker/protocol';

const STAGE_OF: Record<string, StageId> = {
  Baseline: 'baseline',
  'Baseline All': 'baselineAll',
  'Color Module': 'colorModule',
  All: 'all',
  'Last Layer': 'lastLayer',
  'Transfer All': 'transferAll',
};

export const LABELS = ['Cardiomegaly', 'Edema'];

export interface EntryOptions
  extends Partial<Omit<RunRecord, 'procedure' | 'seed' | 'perLabelAuc'>> {
  procedure: string;
  seed: number;
  perLabelAuc: number[];
  runIndex: number;
  stageIndex?: number;
  experimentId?: string;
  experimentName?: string;
  savedAt?: string;
  roc?: RocPoints[];
}

/** A bowed ROC curve whose area grows with `auc` (a power curve tpr = fpr^k, AUC = 1/(k+1)). */
export function rocFor(auc: number, points = 11): RocPoints {
  const k = 1 / auc - 1;
  const fpr = Array.from({ length: points }, (_, i) => i / (points - 1));
  return { fpr, tpr: fpr.map((x) => x ** k) };
}

const defined = (values: number[]) => values.filter((v) => !Number.isNaN(v));

export function runEntry(options: EntryOptions): RunHistoryEntry {
  const { runIndex, stageIndex = 0, experimentId = 'exp-1', savedAt, roc, ...fields } = options;
  const { experimentName = 'Phantom comparison', ...recordFields } = fields;
  const labels = recordFields.labels ?? LABELS;
  const finite = defined(recordFields.perLabelAuc);
  const record: RunRecord = {
    dataset: 'Phantom',
    backbone: 'resnet18',
    labels,
    meanAuc: finite.reduce((a, b) => a + b, 0) / finite.length,
    ...recordFields,
  };
  const stage = STAGE_OF[record.procedure] ?? 'baseline';
  const settings = {
    stage,
    iterations: 40,
    batchSize: 8,
    accumulation: 1,
    lrMax: 0.01,
    weightDecay: 0.01,
    validateEvery: 10,
    seed: record.seed,
  };
  return {
    id: `${experimentId}/${runIndex}/${stageIndex}`,
    experimentId,
    experimentName,
    runIndex,
    stageIndex,
    report: {
      record,
      settings,
      backend: 'cpu',
      pretrained: { kind: 'random-init', seed: record.seed },
      trainedParameters: 2565,
      outcome: 'completed',
      bestStep: 30,
      validationMeanAuc: record.meanAuc - 0.01,
      trainSeconds: 12.5,
      evaluationSeconds: 1.5,
      images: { train: 160, valid: 40, test: 40 },
      roc:
        roc ??
        record.perLabelAuc.map((auc) => (Number.isNaN(auc) ? { fpr: [], tpr: [] } : rocFor(auc))),
    },
    curves: { loss: [], validations: [] },
    previews: [],
    savedAt: savedAt ?? `2026-01-01T00:${String(runIndex).padStart(2, '0')}:0${stageIndex}Z`,
  };
}
