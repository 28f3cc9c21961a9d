// Routes the worker's event stream into the store. Answers to requests (datasetReady, modelReady,
// exported, imported, runs) go to the caller in commands.ts; this module handles what streams:
// steps, validations, previews, run state, checkpoints, stage ends, saved runs, progress and
// unattributed errors.
// trainStep events are buffered and committed at most every `intervalMs`, so a fast GPU does not
// re-render the charts per step.
import type { StageId } from '../core/train/stages';
import type { RunTag, WorkerEvent } from '../worker/protocol';
import { appendBounded, aucPoint, MAX_LOSS_POINTS, runKey } from './curves';
import { mergeEntries } from './history';
import { addSnapshot } from './previews';
import { previousStageAfter } from './pure-core';
import type { StudioData } from './store';
import { RATE_WINDOW, type StepProgress } from './training';

type StepEvent = Extract<WorkerEvent, { kind: 'trainStep' }>;
type Change = Partial<StudioData> | null;

/** Commits a batch of buffered steps (in arrival order) at time `now` (ms). Only the progress
 *  and curves slices change: whatever draws the rest of the run does not re-render. */
export function reduceSteps(state: StudioData, steps: readonly StepEvent[], now: number): Change {
  const last = steps.at(-1);
  if (last === undefined) return null;
  const previous = state.progress;
  const sameRun =
    previous !== null &&
    previous.stage === last.stage &&
    runKey(previous.run) === runKey(last.run) &&
    previous.step < last.step;
  const { kind: _kind, ...report } = last;
  const samples = [...(sameRun ? previous.samples : []), { step: last.step, at: now }];
  const progress: StepProgress = {
    ...report,
    samples: samples.slice(-RATE_WINDOW),
    validating: null,
  };
  const added = steps.map(({ step, loss }) => ({ step, loss }));
  const curves = sameCurves(state.curves, last) ? state.curves : freshCurves(last);
  return {
    progress,
    curves: { ...curves, loss: appendBounded(curves.loss, added, MAX_LOSS_POINTS) },
  };
}

/** Whether an event continues the curves on show: same stage, same experiment run (if any). */
const sameCurves = (curves: StudioData['curves'], event: { stage: StageId; run?: RunTag }) =>
  curves.stage === event.stage && runKey(curves.run) === runKey(event.run);

const freshCurves = (event: { stage: StageId; run?: RunTag }): StudioData['curves'] => ({
  stage: event.stage,
  run: event.run ?? null,
  loss: [],
  auc: [],
  labels: [],
});

/** The store change for one non-step event (null: nothing to change). */
export function reduceEvent(state: StudioData, event: WorkerEvent): Change {
  switch (event.kind) {
    case 'runState':
      return { training: { ...state.training, runState: event.state } };
    case 'validating':
      return state.progress?.stage === event.stage
        ? { progress: { ...state.progress, validating: { done: event.done, total: event.total } } }
        : null;
    case 'validation': {
      const curves = sameCurves(state.curves, event) ? state.curves : freshCurves(event);
      const point = aucPoint(event.step, event.meanAuc, event.labels, event.perLabel);
      const progress = state.progress && { ...state.progress, validating: null };
      return { progress, curves: { ...curves, labels: event.labels, auc: [...curves.auc, point] } };
    }
    case 'preview':
      return {
        previews: addSnapshot(state.previews, event.stage, {
          step: event.step,
          images: event.images,
        }),
      };
    case 'resumed':
      return resumedState(state, event);
    case 'checkpointSaved':
      return { training: { ...state.training, checkpoint: event.checkpoint } };
    case 'stageFinished':
      return { training: finishStage(state.training, event) };
    case 'experiment':
      return { experiment: { ...state.experiment, current: event.state } };
    case 'runSaved': {
      const entries = mergeEntries(state.history.entries, [event.entry]);
      return { history: { ...state.history, entries } };
    }
    case 'progress':
      return { activity: event.done >= event.total ? null : { ...event } };
    case 'error':
      // Errors answering a request are shown by that request's control (commands.ts).
      return event.id === null
        ? {
            training: {
              ...state.training,
              workerError: `The training worker reported: ${event.message}`,
            },
          }
        : null;
    default:
      return null;
  }
}

/** After a reload the worker rebuilt dataset, model and stage from the checkpoint: show them. */
function resumedState(state: StudioData, event: Extract<WorkerEvent, { kind: 'resumed' }>): Change {
  const { summary, dataset, model, parameters, pretrained, isPretrained, run } = event;
  const { stage, ...settings } = run;
  return {
    dataset: { ...state.dataset, summary, loaded: dataset },
    model: {
      ...state.model,
      spec: model,
      built: { spec: model, parameters, pretrained, isPretrained },
    },
    training: { ...state.training, selectedStage: stage, settings },
  };
}

function finishStage(
  training: StudioData['training'],
  event: Extract<WorkerEvent, { kind: 'stageFinished' }>,
): StudioData['training'] {
  const { kind: _kind, id: _id, ...result } = event;
  return {
    ...training,
    runState: 'idle',
    results: [...training.results, result],
    previousStage: previousStageAfter(result.stage, result.stepsRun, training.previousStage),
    diverged: result.outcome === 'diverged' ? (result.message ?? 'The loss diverged.') : null,
    resumable: null,
  };
}

export interface RouterOptions {
  intervalMs?: number;
  now?: () => number;
  schedule?: (flush: () => void, ms: number) => unknown;
}

interface StoreLike {
  getState(): StudioData;
  setState(change: Partial<StudioData>): void;
}

/** Subscribes the store to `source`'s events; returns the unsubscribe function. */
export function connectWorkerEvents(
  source: { subscribe(listener: (event: WorkerEvent) => void): () => void },
  store: StoreLike,
  { intervalMs = 250, now = Date.now, schedule = setTimeout }: RouterOptions = {},
): () => void {
  let buffered: StepEvent[] = [];
  let scheduled = false;
  const apply = (change: Change) => {
    if (change !== null) store.setState(change);
  };
  const flush = () => {
    scheduled = false;
    const steps = buffered;
    buffered = [];
    apply(reduceSteps(store.getState(), steps, now()));
  };
  return source.subscribe((event) => {
    if (event.kind === 'trainStep') {
      buffered.push(event);
      if (!scheduled) {
        scheduled = true;
        schedule(flush, intervalMs);
      }
      return;
    }
    // Steps before a validation or a stage end are committed first, so order is kept.
    if (buffered.length > 0) flush();
    apply(reduceEvent(store.getState(), event));
  });
}
