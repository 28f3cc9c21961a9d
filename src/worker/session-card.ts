// What the worker knows beyond the network, as an export's model card input: input size, labels,
// the stages run on this network with their best validation AUC, seeds, dataset and provenance.
import type { ModelCardInput } from '../core/weights/model-card';
import type { WorkerDataset } from './session-data';
import type { SessionModel } from './session-model';

export interface StageHistoryEntry {
  stage: string;
  steps: number;
  bestMeanAuc: number;
}

export function modelCardInput(
  dataset: WorkerDataset,
  { spec, pretrained }: SessionModel,
  history: readonly StageHistoryEntry[],
): ModelCardInput {
  return {
    widthMultiplier: spec.widthMultiplier,
    inputSize: spec.inputSize,
    labels: dataset.labels,
    uncertaintyPolicies: dataset.uncertaintyPolicies,
    stageHistory: history.map((h) => ({ ...h })),
    seeds: { model: spec.seed },
    dataset: {
      name: dataset.summary.name,
      splits: dataset.summary.splits.map((s) => `${s.split}: ${s.images}`),
    },
    metrics: Object.fromEntries(
      history.map((h) => [`${h.stage}.validationMeanAuc`, h.bestMeanAuc]),
    ),
    pretrained,
  };
}
