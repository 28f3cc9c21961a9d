// @vitest-environment jsdom
// Renders only what changed: while a stage trains, the event router commits its progress and loss
// a few times a second, and a validation with its checkpoint every few hundred steps. Each must
// re-render what draws it and leave the settings, the stage controls and the LR finder alone
// (re-renders counted with React's Profiler, the real components fed through the real router).
import { act, Profiler, type ProfilerOnRenderCallback, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { fakeWorkerSource } from '../../test/helpers/fake-worker-source';
import { resetStudio, useStudio } from '../state/store';
import { connectWorkerEvents } from '../state/worker-events';
import type { WorkerEvent } from '../worker/protocol';
import { AucChart } from './AucChart';
import { CommandsContext, type StudioCommands } from './commands-context';
import { LossChart } from './LossChart';
import { LrFinderPanel } from './LrFinderPanel';
import { RunControls } from './RunControls';
import { StagesStep } from './StagesStep';
import { TrainProgress } from './TrainProgress';
import { TrainSettingsForm } from './TrainSettingsForm';

// React warns unless it knows updates are wrapped in act().
Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });

const FLUSHES = 20;
const STEPS_PER_FLUSH = 5;
const TOTAL_STEPS = FLUSHES * STEPS_PER_FLUSH;

const idle = async () => undefined;
const NOTHING_STORED = {
  usage: 0,
  quota: 0,
  details: {},
  datasets: [],
  checkpoint: null,
  runs: { count: 0, bytes: 0 },
};

const fakeCommands = {
  loadDemoData: idle,
  buildModel: idle,
  runStage: idle,
  resumeStage: idle,
  findLr: idle,
  adoptLr: () => undefined,
  control: idle,
  exportWeights: idle,
  importWeights: idle,
  ingest: idle,
  dropFolder: idle,
  chooseFolder: idle,
  chooseFormat: idle,
  cancelIngest: () => undefined,
  redrawSplit: idle,
  sheetPage: () => null,
  storageUse: async () => ({ ...NOTHING_STORED }),
  deleteCachedDataset: async () => ({ ...NOTHING_STORED }),
  startExperiment: idle,
  resumeExperiment: idle,
  skipRun: () => undefined,
  moveRun: () => undefined,
  stopExperiment: () => undefined,
  exportConfig: () => undefined,
  importConfig: idle,
  listRuns: idle,
  deleteRuns: idle,
  downloadReport: () => undefined,
} satisfies StudioCommands;

const trainStep = (step: number): WorkerEvent => ({
  kind: 'trainStep',
  stage: 'colorModule',
  step,
  totalSteps: TOTAL_STEPS,
  imagesPerStep: 16,
  loss: 1 / step,
  lr: 0.01,
  momentum: 0.9,
});

const validation = (step: number): WorkerEvent => ({
  kind: 'validation',
  stage: 'colorModule',
  step,
  meanAuc: 0.7,
  perLabel: [0.7],
  labels: ['Edema'],
});

const checkpointSaved = (step: number): WorkerEvent => ({
  kind: 'checkpointSaved',
  checkpoint: { stage: 'colorModule', step, totalSteps: TOTAL_STEPS, savedAt: '2026-01-01' },
});

/** Data loaded, model built, Color Module running: the state a progress flush arrives in. */
function startRunning(): void {
  const { dataset, model, training } = useStudio.getState();
  const spec = model.spec;
  const parameters = { colorizer: 1, backbone: 1, classifier: 1 };
  useStudio.setState({
    dataset: {
      ...dataset,
      summary: { name: 'Phantom', labels: ['Edema'], splits: [], warnings: [] },
    },
    model: { ...model, built: { spec, parameters, pretrained: 'ImageNet', isPretrained: true } },
    training: { ...training, busy: true, runState: 'running' },
  });
}

/** Re-renders per profiled component, mounts excluded. */
const renders = new Map<string, number>();
const count: ProfilerOnRenderCallback = (id, phase) => {
  if (phase !== 'mount') renders.set(id, (renders.get(id) ?? 0) + 1);
};

const PANELS: readonly (readonly [string, () => ReactNode])[] = [
  ['TrainSettingsForm', TrainSettingsForm],
  ['StagesStep', StagesStep],
  ['RunControls', RunControls],
  ['LrFinderPanel', LrFinderPanel],
  ['TrainProgress', TrainProgress],
  ['LossChart', LossChart],
  ['AucChart', AucChart],
];

function resetCounts(): void {
  for (const [id] of PANELS) renders.set(id, 0);
}

let root: Root | null = null;
let disconnect: (() => void) | null = null;
const source = fakeWorkerSource();
/** The router's pending flushes: a test runs them, standing in for its 250 ms timer. */
const timers: (() => void)[] = [];

beforeEach(() => {
  resetStudio();
  resetCounts();
  disconnect = connectWorkerEvents(source, useStudio, { schedule: (flush) => timers.push(flush) });
});

afterEach(() => {
  act(() => root?.unmount());
  disconnect?.();
  root = null;
  timers.length = 0;
});

/** Mounts every panel in a running stage, then counts only the re-renders that follow. */
function mountRunning(): void {
  startRunning();
  root = createRoot(document.createElement('div'));
  act(() =>
    root?.render(
      <CommandsContext.Provider value={fakeCommands}>
        {PANELS.map(([id, Panel]) => (
          <Profiler key={id} id={id} onRender={count}>
            <Panel />
          </Profiler>
        ))}
      </CommandsContext.Provider>,
    ),
  );
}

/** Streams `FLUSHES` batches of steps, each committed by the router's timer. */
function streamSteps(): void {
  let step = 0;
  for (let flush = 0; flush < FLUSHES; flush++) {
    act(() => {
      for (let i = 0; i < STEPS_PER_FLUSH; i++) source.emit(trainStep(++step));
      timers.shift()?.();
    });
  }
  expect(timers).toEqual([]);
}

const QUIET = {
  TrainSettingsForm: 0,
  StagesStep: 0,
  RunControls: 0,
  LrFinderPanel: 0,
  TrainProgress: 0,
  LossChart: 0,
  AucChart: 0,
};

it('a progress flush re-renders the progress and the loss chart, not the controls around them', () => {
  mountRunning();
  streamSteps();
  expect(Object.fromEntries(renders)).toEqual({
    ...QUIET,
    TrainProgress: FLUSHES,
    // The charts commit twice per change: the caption at once, the plot in the deferred render
    // after it (LossChart.tsx), so no redraw shares a task with the caption.
    LossChart: 2 * FLUSHES,
    // Once (twice), not per flush: the stage's first commit starts its curves (the last stage's
    // AUC goes).
    AucChart: 2,
  });
});

it('a validation and its checkpoint re-render the AUC chart and the progress, nothing else', () => {
  mountRunning();
  streamSteps();
  resetCounts();
  act(() => {
    source.emit(validation(TOTAL_STEPS));
    source.emit(checkpointSaved(TOTAL_STEPS));
  });
  // The checkpoint lands in the training slice: only a field selector keeps the forms out of it.
  // The AUC chart twice: its caption, then its plot (deferred).
  expect(Object.fromEntries(renders)).toEqual({ ...QUIET, TrainProgress: 1, AucChart: 2 });
});
