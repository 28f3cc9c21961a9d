// The event router: reducers on plain state, the step buffer's throttle and ordering.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeWorkerSource } from '../../test/helpers/fake-worker-source';
import type { WorkerEvent } from '../worker/protocol';
import { MAX_LOSS_POINTS } from './curves';
import { initialData, resetStudio, type StudioData, useStudio } from './store';
import { connectWorkerEvents, reduceEvent, reduceSteps } from './worker-events';

type StepEvent = Extract<WorkerEvent, { kind: 'trainStep' }>;
const step = (n: number, loss = 1 / n, total = 10): StepEvent => ({
  kind: 'trainStep',
  stage: 'colorModule',
  step: n,
  totalSteps: total,
  imagesPerStep: 16,
  loss,
  lr: 0.01,
  momentum: 0.9,
});

beforeEach(resetStudio);

describe('reduceEvent', () => {
  it('shows the dataset, model and settings a resumed stage was rebuilt with', () => {
    const run = {
      stage: 'all' as const,
      iterations: 12,
      batchSize: 4,
      accumulation: 2,
      lrMax: 0.003,
      weightDecay: 1e-4,
      validateEvery: 3,
      seed: 5,
    };
    const model = {
      colorizer: 'deconv',
      backbone: 'resnet18',
      widthMultiplier: 0.5,
      inputSize: 64,
      seed: 9,
    } as const;
    const summary = { name: 'Phantom demo', labels: ['Edema'], splits: [], warnings: [] };
    const parameters = { colorizer: 1, backbone: 2, classifier: 3 };
    const change = reduceEvent(initialData(), {
      kind: 'resumed',
      summary,
      dataset: { kind: 'cached', datasetKey: 'k1' },
      model,
      parameters,
      pretrained: 'NOT PRETRAINED',
      isPretrained: false,
      run,
    }) as Partial<StudioData>;
    expect(change.dataset?.summary).toEqual(summary);
    expect(change.dataset?.loaded).toEqual({ kind: 'cached', datasetKey: 'k1' });
    expect(change.model?.built).toEqual({
      spec: model,
      parameters,
      pretrained: 'NOT PRETRAINED',
      isPretrained: false,
    });
    expect(change.training?.selectedStage).toBe('all');
    expect(change.training?.settings).toEqual({
      iterations: 12,
      batchSize: 4,
      accumulation: 2,
      lrMax: 0.003,
      weightDecay: 1e-4,
      validateEvery: 3,
      seed: 5,
    });
  });
});

describe('reduceSteps', () => {
  it('samples each commit by its last step, so a burst of steps times nothing on its own', () => {
    const a = reduceSteps(initialData(), [step(1), step(2)], 1000) as Partial<StudioData>;
    const state = { ...initialData(), ...a };
    expect(state.progress?.samples).toEqual([{ step: 2, at: 1000 }]);
    const b = reduceSteps(state, [step(3)], 3000) as Partial<StudioData>;
    expect(b.progress?.samples).toEqual([
      { step: 2, at: 1000 },
      { step: 3, at: 3000 },
    ]);
    expect(b.curves?.loss.map((p) => p.step)).toEqual([1, 2, 3]);
  });

  it('keeps a moving window of commits, and starts a new one with a new stage', () => {
    let state: StudioData = initialData();
    for (let n = 1; n <= 100; n++)
      state = { ...state, ...reduceSteps(state, [step(n, 1, 200)], n * 10) };
    expect(state.progress?.samples).toHaveLength(64);
    expect(state.progress?.samples[0]).toEqual({ step: 37, at: 370 });
    const next = reduceSteps(state, [{ ...step(1), stage: 'all' }], 5000);
    expect(next?.progress?.samples).toEqual([{ step: 1, at: 5000 }]);
  });

  it('shows a validation pass under way, and clears it when the validation arrives', () => {
    const state = { ...initialData(), ...reduceSteps(initialData(), [step(2)], 0) };
    const validating = {
      kind: 'validating',
      stage: 'colorModule',
      step: 2,
      done: 64,
      total: 114,
    } as const;
    const during = { ...state, ...reduceEvent(state, validating) };
    expect(during.progress?.validating).toEqual({ done: 64, total: 114 });
    const validation: WorkerEvent = {
      kind: 'validation',
      stage: 'colorModule',
      step: 2,
      meanAuc: 0.7,
      perLabel: [0.7],
      labels: ['A'],
    };
    expect(reduceEvent(during, validation)?.progress?.validating).toBeNull();
  });

  it('changes only the progress and the curves, never the training slice', () => {
    const change = reduceSteps(initialData(), [step(1)], 0) ?? {};
    expect(Object.keys(change).sort()).toEqual(['curves', 'progress']);
  });

  it('starts new curves when the stage changes', () => {
    const state = { ...initialData(), ...reduceSteps(initialData(), [step(1)], 0) };
    const next = reduceSteps(state, [{ ...step(1), stage: 'all' }], 10);
    expect(next?.curves).toMatchObject({ stage: 'all', loss: [{ step: 1 }] });
  });

  it('bounds the loss curve by halving its resolution', () => {
    const many = Array.from({ length: MAX_LOSS_POINTS + 1 }, (_, i) => step(i + 1, 1, 5000));
    const loss = reduceSteps(initialData(), many, 0)?.curves?.loss ?? [];
    expect(loss.length).toBeLessThanOrEqual(MAX_LOSS_POINTS);
    expect(loss.length).toBeGreaterThan(MAX_LOSS_POINTS / 2 - 1);
    expect(loss.at(-1)?.step).toBe(MAX_LOSS_POINTS + 1);
  });
});

describe('reduceEvent', () => {
  it('stores validation AUCs per label, undefined AUCs as null (never 0.5)', () => {
    const change = reduceEvent(initialData(), {
      kind: 'validation',
      stage: 'colorModule',
      step: 2,
      meanAuc: 0.75,
      perLabel: [0.75, Number.NaN],
      labels: ['Edema', 'Cardiomegaly'],
    });
    expect(change?.curves?.auc).toEqual([{ step: 2, mean: 0.75, Edema: 0.75, Cardiomegaly: null }]);
    expect(change?.curves?.labels).toEqual(['Edema', 'Cardiomegaly']);
  });

  it('records a diverged stage with its message and the network as trained by it', () => {
    const change = reduceEvent(initialData(), {
      kind: 'stageFinished',
      id: 3,
      stage: 'colorModule',
      outcome: 'diverged',
      stepsRun: 7,
      bestStep: 4,
      bestMeanAuc: 0.6,
      seconds: 12,
      message: 'The loss became NaN at step 7; try lrMax 1e-3.',
    });
    expect(change?.training).toMatchObject({
      runState: 'idle',
      previousStage: 'colorModule',
      diverged: 'The loss became NaN at step 7; try lrMax 1e-3.',
      results: [{ stage: 'colorModule', outcome: 'diverged', bestMeanAuc: 0.6 }],
    });
  });

  it('leaves request errors to their control and keeps unattributed ones', () => {
    expect(reduceEvent(initialData(), { kind: 'error', id: 4, message: 'bad' })).toBeNull();
    const change = reduceEvent(initialData(), { kind: 'error', id: null, message: 'lost GPU' });
    expect(change?.training?.workerError).toBe('The training worker reported: lost GPU');
  });

  it('shows progress until the task is done', () => {
    const busy = { kind: 'progress', id: 1, task: 'Rendering', done: 3, total: 8 } as const;
    expect(reduceEvent(initialData(), busy)?.activity).toEqual(busy);
    expect(reduceEvent(initialData(), { ...busy, done: 8 })?.activity).toBeNull();
  });
});

describe('connectWorkerEvents', () => {
  it('commits steps once per interval, and before any later event', () => {
    const source = fakeWorkerSource();
    const timers: (() => void)[] = [];
    let commits = 0;
    const unsubscribeStore = useStudio.subscribe((s, prev) => {
      if (s.curves !== prev.curves) commits++;
    });
    connectWorkerEvents(source, useStudio, { now: () => 0, schedule: (f) => timers.push(f) });
    for (let n = 1; n <= 50; n++) source.emit(step(n, 1, 50));
    expect(useStudio.getState().curves.loss).toEqual([]);
    expect(timers).toHaveLength(1);
    source.emit({
      kind: 'validation',
      stage: 'colorModule',
      step: 50,
      meanAuc: 0.8,
      perLabel: [0.8],
      labels: ['Edema'],
    });
    const { curves } = useStudio.getState();
    expect(curves.loss).toHaveLength(50);
    expect(curves.auc).toHaveLength(1);
    expect(commits).toBe(2);
    for (const flush of timers) flush();
    expect(commits).toBe(2);
    unsubscribeStore();
  });
});
