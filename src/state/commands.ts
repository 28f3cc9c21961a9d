// The studio's requests to the worker: each marks its control busy, awaits the answer, stores the
// result, and stores any failure next to the control that caused it (never swallowed). The
// worker is reached through the `Trainer` shape (TrainerClient satisfies it; tests pass a fake).
import type { TrainerClient } from '../worker/client';
import type { PretrainedSource } from '../worker/protocol';
import { initialCurves } from './curves';
import { mergeEntries, shownExperiment } from './history';
import { suggestedLrMax } from './lr-finder';
import { patcher } from './patch';
import { initialPreviews } from './previews';
import { type ReportFileName, reportFiles, resultsOf } from './results';
import type { StudioData, StudioState } from './store';

export type Trainer = Pick<
  TrainerClient,
  | 'loadDemoData'
  | 'buildModel'
  | 'runStage'
  | 'findLr'
  | 'resumeStage'
  | 'control'
  | 'exportWeights'
  | 'importWeights'
  | 'listRuns'
  | 'deleteRuns'
>;

interface StoreLike {
  getState(): StudioState;
  setState(change: Partial<StudioData>): void;
}

/** Saves bytes as a download (the page's Blob + <a download>; a spy in tests). */
export type SaveFile = (fileName: string, bytes: ArrayBuffer | string, type: string) => void;

interface Deps {
  trainer: Trainer;
  store: StoreLike;
  save: SaveFile;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Runs `work` between `begin` and `end`; a failure goes to `fail` with its message. The
 *  worker's progress bar goes with the request: a task may end without a final progress event. */
/** A request that failed because its worker crashed or hung (request-client.ts WorkerLostError):
 *  the page says that once, in its own banner (actions.ts workerLost). */
export const isWorkerLost = (error: unknown) =>
  error instanceof Error && error.name === 'WorkerLostError';

async function tracked(
  store: StoreLike,
  begin: () => void,
  work: () => Promise<void>,
  fail: (message: string) => void,
  end: () => void,
): Promise<void> {
  begin();
  try {
    await work();
  } catch (error) {
    if (!isWorkerLost(error)) fail(message(error));
  } finally {
    end();
    store.setState({ activity: null });
  }
}

function loadDemoData({ trainer, store }: Deps): Promise<void> {
  const patch = patcher(store);
  return tracked(
    store,
    () => patch('dataset', { busy: true, error: null }),
    async () => {
      const { summary, dataset } = await trainer.loadDemoData(store.getState().dataset.demo);
      const cleared = { folder: null, ingest: null, folderIndex: null, skipped: [] };
      patch('dataset', { summary, loaded: dataset, ...cleared });
    },
    (error) => patch('dataset', { error }),
    () => patch('dataset', { busy: false }),
  );
}

async function pretrainedSource(store: StoreLike): Promise<PretrainedSource> {
  const { pretrained, pretrainedFile } = store.getState().model;
  if (pretrained !== 'file') return { kind: pretrained };
  if (pretrainedFile === null) throw new Error('Choose the ImageNet weights file first.');
  return { kind: 'file', fileName: pretrainedFile.name, bytes: await pretrainedFile.arrayBuffer() };
}

function buildModel({ trainer, store }: Deps): Promise<void> {
  const patch = patcher(store);
  const spec = { ...store.getState().model.spec };
  return tracked(
    store,
    // The worker drops the old network before building: its card goes now, success or not.
    () => patch('model', { busy: true, error: null, built: null }),
    async () => {
      const { parameters, pretrained, isPretrained } = await trainer.buildModel(
        spec,
        await pretrainedSource(store),
      );
      patch('model', { built: { spec, parameters, pretrained, isPretrained } });
      // A new network: nothing has trained it, and imported weights are gone with the old one.
      patch('training', { previousStage: null, diverged: null });
      patch('lrFinder', { result: null }); // it described the old network
      patch('transfer', { hasImportedWeights: false, importSummary: null });
      store.setState({ progress: null, curves: initialCurves(), previews: initialPreviews() });
    },
    (error) => patch('model', { error }),
    () => patch('model', { busy: false }),
  );
}

/** Starts or resumes a stage; its progress and end arrive as events (worker-events.ts). */
function train({ store }: Deps, request: () => Promise<unknown>): Promise<void> {
  const patch = patcher(store);
  return tracked(
    store,
    () => {
      patch('training', { busy: true, error: null, diverged: null, resumable: null });
      store.setState({ progress: null, curves: initialCurves(), previews: initialPreviews() });
    },
    async () => {
      await request();
    },
    (error) => patch('training', { error }),
    () => patch('training', { busy: false }),
  );
}

/** The LR finder on the selected stage with the current settings; Stop (control) ends it early. */
function findLr({ trainer, store }: Deps): Promise<void> {
  const patch = patcher(store);
  const { selectedStage: stage, settings } = store.getState().training;
  return tracked(
    store,
    () => patch('lrFinder', { busy: true, error: null, result: null }),
    async () => {
      const found = await trainer.findLr({ stage, ...settings }, store.getState().lrFinder.numIt);
      const { lrs, losses, stopReason, suggestions } = found;
      patch('lrFinder', { result: { stage, lrs, losses, stopReason, suggestions } });
    },
    (error) => patch('lrFinder', { error }),
    () => patch('lrFinder', { busy: false }),
  );
}

/** A suggestion becomes the one-cycle peak, rounded (lr-finder.ts). */
function adoptLr({ store }: Deps, lr: number): void {
  store.getState().setTrainSetting('lrMax', suggestedLrMax(lr));
}

function exportWeights({ trainer, store, save }: Deps): Promise<void> {
  const patch = patcher(store);
  return tracked(
    store,
    () => patch('transfer', { exporting: true, exportError: null }),
    async () => {
      const scope = store.getState().transfer.scope;
      const { fileName, bytes, card } = await trainer.exportWeights(scope);
      save(fileName, bytes, 'application/octet-stream');
      patch('transfer', { exported: { fileName, bytes: bytes.byteLength, card } });
    },
    (exportError) => patch('transfer', { exportError }),
    () => patch('transfer', { exporting: false }),
  );
}

function importWeights({ trainer, store }: Deps, file: File): Promise<void> {
  const patch = patcher(store);
  return tracked(
    store,
    () => patch('transfer', { importing: true, importError: null, importSummary: null }),
    async () => {
      const imported = await trainer.importWeights(file.name, await file.arrayBuffer());
      patch('transfer', {
        importSummary: imported.summary,
        hasImportedWeights: imported.transferReady,
      });
    },
    (importError) => patch('transfer', { importError }),
    () => patch('transfer', { importing: false }),
  );
}

/** The runs history from IndexedDB (at start); runs saved meanwhile (runSaved) are kept. */
function listRuns({ trainer, store }: Deps): Promise<void> {
  const patch = patcher(store);
  return tracked(
    store,
    () => patch('history', { loading: true, error: null }),
    async () => {
      const { entries } = await trainer.listRuns();
      patch('history', { entries: mergeEntries(store.getState().history.entries, entries) });
    },
    (error) => patch('history', { error }),
    () => patch('history', { loading: false }),
  );
}

/** Forgets the stage runs `ids`; the worker answers with what is left in IndexedDB. */
function deleteRuns({ trainer, store }: Deps, ids: string[]): Promise<void> {
  const patch = patcher(store);
  return tracked(
    store,
    () => patch('history', { deleting: true, error: null }),
    async () => {
      const { entries } = await trainer.deleteRuns(ids);
      patch('history', { entries: mergeEntries(store.getState().history.entries, entries, ids) });
    },
    (error) => patch('history', { error }),
    () => patch('history', { deleting: false }),
  );
}

/** Saves one of the runner's report files for the experiment the Results view shows. */
function downloadReport({ store, save }: Deps, name: ReportFileName): void {
  const { entries, chosenExperiment } = store.getState().history;
  const { report } = resultsOf(entries, shownExperiment(entries, chosenExperiment));
  const file = report && reportFiles(report).find((f) => f.name === name);
  if (file) save(file.name, file.text, file.type);
}

export function createCommands(trainer: Trainer, store: StoreLike, save: SaveFile) {
  const deps: Deps = { trainer, store, save };
  return {
    loadDemoData: () => loadDemoData(deps),
    buildModel: () => buildModel(deps),
    runStage: () => {
      const { selectedStage, settings } = store.getState().training;
      return train(deps, () => trainer.runStage({ stage: selectedStage, ...settings }));
    },
    resumeStage: () => train(deps, () => trainer.resumeStage()),
    findLr: () => findLr(deps),
    adoptLr: (lr: number) => adoptLr(deps, lr),
    control: (action: 'pause' | 'resume' | 'stop') => trainer.control(action),
    exportWeights: () => exportWeights(deps),
    importWeights: (file: File) => importWeights(deps, file),
    listRuns: () => listRuns(deps),
    deleteRuns: (ids: string[]) => deleteRuns(deps, ids),
    downloadReport: (name: ReportFileName) => downloadReport(deps, name),
  };
}

export type Commands = ReturnType<typeof createCommands>;
