// The request commands against a fake worker: results land in the store, failures land next to
// the control that caused them, a new model forgets what the old one was trained by, and the runs
// history lists, deletes and downloads its report.
import { beforeEach, expect, it, vi } from 'vitest';
import { runEntry } from '../../test/helpers/run-entries';
import type { RunHistoryEntry } from '../worker/protocol';
import { createCommands, type Trainer } from './commands';
import { patcher } from './patch';
import { resetStudio, useStudio } from './store';
import { reduceEvent } from './worker-events';

const summary = { name: 'Phantom', labels: ['Edema'], splits: [], warnings: [] };

type LrFound = Awaited<ReturnType<Trainer['findLr']>>;
type Runs = Awaited<ReturnType<Trainer['listRuns']>>;

const lrFound = (change: Partial<LrFound> = {}): LrFound => ({
  kind: 'lrFound',
  id: 5,
  lrs: [1e-7, 1e-3, 10],
  losses: [0.7, 0.5, 3],
  stopReason: 'diverged',
  suggestions: {
    steep: 1.23456e-4,
    minimumDiv10: 1e-4,
    valley: null,
    window: { start: 0, end: 3 },
  },
  ...change,
});

function fakeTrainer(overrides: Partial<Trainer> = {}): Trainer {
  return {
    loadDemoData: vi.fn(
      async () =>
        ({
          kind: 'datasetReady',
          id: 1,
          summary,
          dataset: { kind: 'demo', demo: { patients: 12, imageSize: 32, seed: 0 } },
        }) as const,
    ),
    buildModel: vi.fn(
      async () =>
        ({
          kind: 'modelReady',
          id: 2,
          parameters: { colorizer: 192_659, backbone: 11_176_512, classifier: 2565 },
          pretrained: 'random initialization (NOT PRETRAINED)',
          isPretrained: false,
        }) as const,
    ),
    runStage: vi.fn(),
    findLr: vi.fn(async () => lrFound()),
    resumeStage: vi.fn(),
    control: vi.fn(),
    exportWeights: vi.fn(
      async () =>
        ({
          kind: 'exported',
          id: 3,
          fileName: 'colorizer.safetensors',
          bytes: new ArrayBuffer(8),
          card: '{}',
        }) as const,
    ),
    importWeights: vi.fn(),
    listRuns: vi.fn(async () => ({ kind: 'runs' as const, id: 6, entries: [] })),
    deleteRuns: vi.fn(async () => ({ kind: 'runs' as const, id: 7, entries: [] })),
    ...overrides,
  };
}

beforeEach(resetStudio);

it('loads the demo data with the form values and stores the summary', async () => {
  const trainer = fakeTrainer();
  useStudio.getState().setDemo({ patients: 24, imageSize: 48, seed: 5 });
  await createCommands(trainer, useStudio, vi.fn()).loadDemoData();
  expect(trainer.loadDemoData).toHaveBeenCalledWith({ patients: 24, imageSize: 48, seed: 5 });
  expect(useStudio.getState().dataset).toMatchObject({ summary, busy: false, error: null });
});

it('shows a failed request next to its control and clears the busy flag', async () => {
  const trainer = fakeTrainer({
    runStage: vi.fn(async () => {
      throw new Error('No dataset is loaded');
    }),
  });
  await createCommands(trainer, useStudio, vi.fn()).runStage();
  expect(useStudio.getState().training).toMatchObject({
    busy: false,
    error: 'No dataset is loaded',
  });
  expect(useStudio.getState().dataset.error).toBeNull();
});

it('sends the selected stage with the settings', async () => {
  const trainer = fakeTrainer();
  useStudio.getState().chooseStage('all');
  await createCommands(trainer, useStudio, vi.fn()).runStage();
  expect(trainer.runStage).toHaveBeenCalledWith(
    expect.objectContaining({ stage: 'all', iterations: 300, batchSize: 16 }),
  );
});

it('starts a fresh preview history with every stage run, the same stage included', async () => {
  useStudio.setState({
    previews: { stage: 'colorModule', snapshots: [{ step: 4, images: [] }], heldStep: 4 },
  });
  useStudio.getState().chooseStage('colorModule');
  await createCommands(fakeTrainer(), useStudio, vi.fn()).runStage();
  expect(useStudio.getState().previews).toEqual({ stage: null, snapshots: [], heldStep: null });
});

it('builds a model from the form and resets the stage provenance', async () => {
  const trainer = fakeTrainer();
  useStudio.getState().setPretrainedChoice('random');
  const patch = patcher(useStudio);
  patch('training', { previousStage: 'colorModule' });
  patch('transfer', { hasImportedWeights: true });
  await createCommands(trainer, useStudio, vi.fn()).buildModel();
  const s = useStudio.getState();
  expect(trainer.buildModel).toHaveBeenCalledWith(s.model.spec, { kind: 'random' });
  expect(s.model.built).toMatchObject({ isPretrained: false, parameters: { colorizer: 192_659 } });
  expect(s.training.previousStage).toBeNull();
  expect(s.transfer.hasImportedWeights).toBe(false);
});

it('drops the Built card of the earlier model when a new build fails', async () => {
  const built = { spec: useStudio.getState().model.spec, parameters: {}, pretrained: 'x' };
  useStudio.setState({
    model: { ...useStudio.getState().model, built: built as never, pretrained: 'random' },
  });
  const trainer = fakeTrainer({
    buildModel: vi.fn(async () => {
      throw new Error('https://example.org/resnet18.safetensors: network error');
    }),
  });
  await createCommands(trainer, useStudio, vi.fn()).buildModel();
  expect(useStudio.getState().model).toMatchObject({
    built: null,
    busy: false,
    error: 'https://example.org/resnet18.safetensors: network error',
  });
});

it('refuses a local weights source without a file, before asking the worker', async () => {
  const trainer = fakeTrainer();
  useStudio.getState().setPretrainedChoice('file');
  await createCommands(trainer, useStudio, vi.fn()).buildModel();
  expect(trainer.buildModel).not.toHaveBeenCalled();
  expect(useStudio.getState().model.error).toMatch(/weights file/);
});

it('saves the exported bytes under the worker file name', async () => {
  const save = vi.fn();
  useStudio.getState().setExportScope('network');
  const trainer = fakeTrainer();
  await createCommands(trainer, useStudio, save).exportWeights();
  expect(trainer.exportWeights).toHaveBeenCalledWith('network');
  expect(save).toHaveBeenCalledWith(
    'colorizer.safetensors',
    expect.any(ArrayBuffer),
    expect.any(String),
  );
  expect(useStudio.getState().transfer.exported).toEqual({
    fileName: 'colorizer.safetensors',
    bytes: 8,
    card: '{}',
  });
});

it('imports a file and unlocks the transfer stages, or shows why not', async () => {
  const file = new File([new Uint8Array(4)], 'network.safetensors');
  const imported = (transferReady: boolean) =>
    fakeTrainer({
      importWeights: vi.fn(
        async () =>
          ({ kind: 'imported', id: 4, summary: 'T and E: 122 tensors', transferReady }) as const,
      ),
    });
  await createCommands(imported(false), useStudio, vi.fn()).importWeights(file);
  expect(useStudio.getState().transfer.hasImportedWeights).toBe(false); // T alone: not enough
  await createCommands(imported(true), useStudio, vi.fn()).importWeights(file);
  expect(useStudio.getState().transfer).toMatchObject({
    importSummary: 'T and E: 122 tensors',
    hasImportedWeights: true,
  });
  const bad = fakeTrainer({
    importWeights: vi.fn(async () => {
      throw new Error('missing: deco.conv1.weight');
    }),
  });
  resetStudio();
  await createCommands(bad, useStudio, vi.fn()).importWeights(file);
  expect(useStudio.getState().transfer).toMatchObject({
    importError: 'missing: deco.conv1.weight',
    hasImportedWeights: false,
  });
});

it('clears the worker progress bar when its request ends, even without a final event', async () => {
  useStudio.setState({ activity: { task: 'Drawing phantom radiographs', done: 0, total: 1 } });
  await createCommands(fakeTrainer(), useStudio, vi.fn()).loadDemoData();
  expect(useStudio.getState().activity).toBeNull();
});

it('finds the learning rate for the selected stage and settings, and adopts a suggestion', async () => {
  const trainer = fakeTrainer();
  const { chooseStage, setLrNumIt } = useStudio.getState();
  chooseStage('all');
  setLrNumIt(8);
  const commands = createCommands(trainer, useStudio, vi.fn());
  await commands.findLr();
  expect(trainer.findLr).toHaveBeenCalledWith(
    expect.objectContaining({ stage: 'all', batchSize: 16, weightDecay: 0.01, seed: 0 }),
    8,
  );
  expect(useStudio.getState().lrFinder).toMatchObject({
    busy: false,
    error: null,
    result: { stage: 'all', losses: [0.7, 0.5, 3], stopReason: 'diverged' },
  });
  expect(useStudio.getState().activity).toBeNull();
  commands.adoptLr(1.23456e-4);
  expect(useStudio.getState().training.settings).toMatchObject({ lrMax: 1.23e-4, iterations: 300 });
});

it('shows a failed LR sweep next to its button, and a new model forgets the old curve', async () => {
  const failing = fakeTrainer({
    findLr: vi.fn(async () => {
      throw new Error('A stage or the LR finder is running: stop it first.');
    }),
  });
  await createCommands(failing, useStudio, vi.fn()).findLr();
  expect(useStudio.getState().lrFinder).toMatchObject({
    busy: false,
    error: 'A stage or the LR finder is running: stop it first.',
    result: null,
  });
  expect(useStudio.getState().training.error).toBeNull();
  const commands = createCommands(fakeTrainer(), useStudio, vi.fn());
  await commands.findLr();
  expect(useStudio.getState().lrFinder.error).toBeNull();
  expect(useStudio.getState().lrFinder.result).not.toBeNull();
  useStudio.getState().setPretrainedChoice('random');
  await commands.buildModel();
  expect(useStudio.getState().lrFinder.result).toBeNull();
});

it('marks the LR finder busy while the sweep runs', async () => {
  let finish = () => {};
  const aborted = lrFound({ lrs: [], losses: [], stopReason: 'aborted' });
  const trainer = fakeTrainer({
    findLr: vi.fn(
      () =>
        new Promise<LrFound>((resolve) => {
          finish = () => resolve(aborted);
        }),
    ),
  });
  const running = createCommands(trainer, useStudio, vi.fn()).findLr();
  expect(useStudio.getState().lrFinder.busy).toBe(true);
  finish();
  await running;
  expect(useStudio.getState().lrFinder).toMatchObject({ busy: false, result: { lrs: [] } });
});

const savedRun = (runIndex: number, experimentId = 'exp-1') =>
  runEntry({ procedure: 'Baseline', seed: runIndex, perLabelAuc: [0.7], runIndex, experimentId });

it('lists the runs history, keeping a run saved while the list was in flight', async () => {
  let answer = (_entries: RunHistoryEntry[]) => {};
  const trainer = fakeTrainer({
    listRuns: vi.fn(
      () =>
        new Promise<Runs>((resolve) => {
          answer = (entries) => resolve({ kind: 'runs', id: 6, entries });
        }),
    ),
  });
  const listing = createCommands(trainer, useStudio, vi.fn()).listRuns();
  expect(useStudio.getState().history.loading).toBe(true);
  const streamed = savedRun(1);
  const change = reduceEvent(useStudio.getState(), { kind: 'runSaved', entry: streamed });
  if (change) useStudio.setState(change);
  answer([savedRun(0)]);
  await listing;
  expect(useStudio.getState().history).toMatchObject({ loading: false, error: null });
  expect(useStudio.getState().history.entries.map((e) => e.id)).toEqual(['exp-1/0/0', 'exp-1/1/0']);
});

it('deletes runs, keeps what the worker says is left, and shows a failure', async () => {
  const trainer = fakeTrainer({
    listRuns: vi.fn(async () => ({
      kind: 'runs' as const,
      id: 6,
      entries: [0, 1, 2].map((i) => savedRun(i)),
    })),
    deleteRuns: vi.fn(async () => ({ kind: 'runs' as const, id: 7, entries: [savedRun(1)] })),
  });
  const commands = createCommands(trainer, useStudio, vi.fn());
  await commands.listRuns();
  await commands.deleteRuns(['exp-1/0/0', 'exp-1/2/0']);
  expect(trainer.deleteRuns).toHaveBeenCalledWith(['exp-1/0/0', 'exp-1/2/0']);
  expect(useStudio.getState().history.entries.map((e) => e.id)).toEqual(['exp-1/1/0']);
  const failing = fakeTrainer({
    deleteRuns: vi.fn(async () => {
      throw new Error('IndexedDB is blocked');
    }),
  });
  await createCommands(failing, useStudio, vi.fn()).deleteRuns(['exp-1/1/0']);
  expect(useStudio.getState().history).toMatchObject({
    deleting: false,
    error: 'IndexedDB is blocked',
  });
  expect(useStudio.getState().history.entries).toHaveLength(1);
});

it("downloads the shown experiment's report file, and nothing without runs", async () => {
  const save = vi.fn();
  const commands = createCommands(fakeTrainer(), useStudio, save);
  commands.downloadReport('report.md');
  expect(save).not.toHaveBeenCalled();
  const older = savedRun(0, 'older');
  const newer = { ...savedRun(0, 'newer'), savedAt: '2027-01-01T00:00:00Z' };
  patcher(useStudio)('history', { entries: [older, newer] });
  commands.downloadReport('tableI.csv');
  expect(save).toHaveBeenLastCalledWith(
    'tableI.csv',
    expect.stringContaining('Phantom'),
    'text/csv',
  );
  useStudio.getState().chooseExperiment('older');
  commands.downloadReport('report.json');
  const [name, text, type] = save.mock.lastCall ?? [];
  expect([name, type]).toEqual(['report.json', 'application/json']);
  expect(JSON.parse(text).tableI.rows[0].cells[0]).toMatchObject({ n: 1, mean: 0.7 });
});

it('leaves a lost worker to the page-wide banner instead of the control that was waiting', async () => {
  const lost = new Error('The training worker crashed: out of memory');
  lost.name = 'WorkerLostError';
  const trainer = fakeTrainer({
    runStage: vi.fn(async () => {
      throw lost;
    }),
  });
  await createCommands(trainer, useStudio, vi.fn()).runStage();
  expect(useStudio.getState().training).toMatchObject({ busy: false, error: null });
});
