// Selectors: components subscribe to the narrowest piece they draw, so a committed curve update
// re-renders the charts and not the wizard around them.
import type { StageContext, StageId } from '../core/train/stages';
import { STAGES, stageProblems } from './pure-core';
import type { StudioState } from './store';

export const selectStep = (s: StudioState) => s.step;
export const selectDataset = (s: StudioState) => s.dataset;
export const selectModel = (s: StudioState) => s.model;
export const selectTraining = (s: StudioState) => s.training;
export const selectLrFinder = (s: StudioState) => s.lrFinder;
export const selectRunState = (s: StudioState) => s.training.runState;
export const selectProgress = (s: StudioState) => s.progress;
export const selectLoss = (s: StudioState) => s.curves.loss;
export const selectAuc = (s: StudioState) => s.curves.auc;
export const selectCurveLabels = (s: StudioState) => s.curves.labels;
export const selectPreviews = (s: StudioState) => s.previews;
export const selectActivity = (s: StudioState) => s.activity;
export const selectTransfer = (s: StudioState) => s.transfer;
export const selectPatch = (s: StudioState) => s.patch;
export const selectGoTo = (s: StudioState) => s.goTo;

/** What a stage's preconditions are checked against, or null before a model is built. */
export function stageContext(s: StudioState): StageContext | null {
  const built = s.model.built;
  if (built === null) return null;
  return {
    colorizer: built.spec.colorizer,
    previousStage: s.training.previousStage,
    hasImportedWeights: s.transfer.hasImportedWeights,
  };
}

/** Why `stage` cannot run now (empty: it can). Data and model come first: the table's own
 *  preconditions need a built network to be checked against. */
export function stageBlockers(s: StudioState, stage: StageId): string[] {
  const missing: string[] = [];
  if (s.dataset.summary === null) missing.push('Load a dataset first (step 1, Data).');
  const context = stageContext(s);
  if (context === null) {
    missing.push(`Build a model first (step 2, Model) to run ${STAGES[stage].title}.`);
    return missing;
  }
  return missing.concat(stageProblems(stage, context));
}
