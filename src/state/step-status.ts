// What the stepper shows for each wizard step: done, ready, or blocked with the reason (read on
// hover and by screen readers). Derived from the store; the step being viewed is marked apart
// (aria-current), so it is not a state here.
import { STAGES } from './pure-core';
import { stageBlockers } from './selectors';
import type { StudioState, WizardStep } from './store';

export type StepState = 'done' | 'ready' | 'blocked';

export interface StepStatus {
  state: StepState;
  /** One line: what was done, what the step is for, or why it cannot be used yet. */
  detail: string;
}

const plural = (n: number, word: string) =>
  `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

function dataStatus(s: StudioState): StepStatus {
  const summary = s.dataset.summary;
  if (summary === null) return { state: 'ready', detail: 'Load the demo data or drop a folder' };
  const images = summary.splits.reduce((sum, split) => sum + split.images, 0);
  return { state: 'done', detail: `${summary.name}, ${plural(images, 'image')}` };
}

function modelStatus(s: StudioState): StepStatus {
  if (s.model.built === null) return { state: 'ready', detail: 'Choose T and E, then build' };
  return { state: 'done', detail: 'Built' };
}

function stagesStatus(s: StudioState): StepStatus {
  if (s.model.built === null) return { state: 'blocked', detail: 'Build a model first (Model)' };
  const stage = STAGES[s.training.selectedStage];
  const blockers = stageBlockers(s, s.training.selectedStage);
  if (blockers.length > 0) return { state: 'ready', detail: 'Choose a stage that can run' };
  // A stage is always chosen (Color Module by default): done once one has trained.
  const state = s.training.results.length > 0 ? 'done' : 'ready';
  return { state, detail: `${stage.title} chosen` };
}

function trainStatus(s: StudioState): StepStatus {
  const first = stageBlockers(s, s.training.selectedStage)[0];
  const trained = s.training.results.length;
  if (trained > 0) {
    const next = first === undefined ? '' : ` (next: ${first})`;
    return { state: 'done', detail: `${plural(trained, 'stage')} trained${next}` };
  }
  if (first !== undefined) return { state: 'blocked', detail: first };
  return { state: 'ready', detail: `Ready to train ${STAGES[s.training.selectedStage].title}` };
}

function exportStatus(s: StudioState): StepStatus {
  if (s.model.built === null) return { state: 'blocked', detail: 'Build a model first (Model)' };
  return { state: 'ready', detail: 'Save or load module weights' };
}

function compareStatus(s: StudioState): StepStatus {
  const runs = s.experiment.current?.runs ?? [];
  if (runs.length > 0 && runs.every((run) => run.status !== 'pending' && run.status !== 'running'))
    return { state: 'done', detail: `${plural(runs.length, 'run')} finished` };
  return { state: 'ready', detail: 'Plan seeded runs of several procedures' };
}

function resultsStatus(s: StudioState): StepStatus {
  if (s.history.entries.length === 0)
    return { state: 'blocked', detail: 'No finished runs yet: run an experiment (Compare)' };
  return { state: 'ready', detail: plural(s.history.entries.length, 'stored stage run') };
}

const STATUS_OF: Record<WizardStep, (s: StudioState) => StepStatus> = {
  data: dataStatus,
  model: modelStatus,
  stages: stagesStatus,
  train: trainStatus,
  export: exportStatus,
  compare: compareStatus,
  results: resultsStatus,
};

export const stepStatus = (s: StudioState, step: WizardStep): StepStatus => STATUS_OF[step](s);
