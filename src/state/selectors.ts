// Selectors: components subscribe to the fields they draw, never to a whole slice (a new slice
// object would re-render them whatever changed in it), so a committed curve update re-renders the
// charts and not the wizard around them. Several fields at once: `useShallow` in the component.
import type { StageContext, StageId } from '../core/train/stages';
import { shownIndex } from './previews';
import { STAGES, stageProblems } from './pure-core';
import type { SliceKey, StudioData, StudioState } from './store';

export const selectStep = (s: StudioState) => s.step;
export const selectSelectedStage = (s: StudioState) => s.training.selectedStage;
/** A runStage/resumeStage request is in flight. */
export const selectTrainingBusy = (s: StudioState) => s.training.busy;
export const selectRunState = (s: StudioState) => s.training.runState;
/** The LR finder is sweeping (with the training settings). */
export const selectSweeping = (s: StudioState) => s.lrFinder.busy;
export const selectProgress = (s: StudioState) => s.progress;
export const selectLoss = (s: StudioState) => s.curves.loss;
export const selectAuc = (s: StudioState) => s.curves.auc;
export const selectCurveLabels = (s: StudioState) => s.curves.labels;
export const selectPreviewSnapshots = (s: StudioState) => s.previews.snapshots;
export const selectShownPreviewIndex = (s: StudioState) => shownIndex(s.previews);
/** The slider has left the newest snapshot (new validations do not move it). */
export const selectPreviewHeld = (s: StudioState) => s.previews.heldStep !== null;
export const selectSelectPreviewSnapshot = (s: StudioState) => s.selectPreviewSnapshot;
export const selectActivity = (s: StudioState) => s.activity;
export const selectGoTo = (s: StudioState) => s.goTo;
/** Every stored stage run, oldest first (the Results view derives its report from them). */
export const selectHistoryEntries = (s: StudioState) => s.history.entries;
export const selectChosenExperiment = (s: StudioState) => s.history.chosenExperiment;

/** A selector of the named fields of one slice. Wrapped in `useShallow`, the component re-renders
 *  when one of those fields changes, not whenever the slice is rebuilt. */
export function fieldsOf<K extends SliceKey, F extends keyof StudioData[K]>(
  key: K,
  ...fields: F[]
) {
  return (s: StudioState): Pick<StudioData[K], F> => {
    const picked = {} as Pick<StudioData[K], F>;
    for (const field of fields) picked[field] = s[key][field];
    return picked;
  };
}

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
