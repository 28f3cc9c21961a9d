// The Compare step's requests: start the default (or an imported) experiment, resume the saved
// queue, skip or move runs, stop; export the experiment as the runner's JSON config and import one.
// The queue's changes stream in as 'experiment' events (worker-events.ts).
import type { TrainerClient } from '../worker/client';
import type { ExperimentConfig } from '../worker/protocol';
import { isWorkerLost, type SaveFile } from './commands';
import { datasetKeyFor } from './experiment';
import { patcher } from './patch';
import { parseExperimentConfig } from './pure-core';
import type { StudioData, StudioState } from './store';

export type ExperimentTrainer = Pick<
  TrainerClient,
  'startExperiment' | 'resumeExperiment' | 'skipRun' | 'moveRun' | 'control'
>;

interface StoreLike {
  getState(): StudioState;
  setState(change: Partial<StudioData>): void;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createExperimentCommands(
  trainer: ExperimentTrainer,
  store: StoreLike,
  save: SaveFile,
) {
  const patch = patcher(store);
  const run = async (request: () => Promise<unknown>) => {
    patch('experiment', { busy: true, error: null });
    try {
      await request();
    } catch (error) {
      if (!isWorkerLost(error)) patch('experiment', { error: message(error) });
    } finally {
      patch('experiment', { busy: false });
    }
  };
  /** A folder config runs on the folder the Data step loaded; the worker says so if none is. */
  const start = (config: ExperimentConfig) =>
    run(() => trainer.startExperiment(config, datasetKeyFor(config, loadedDataset())));
  const loadedDataset = () => store.getState().dataset.loaded;
  return {
    startExperiment: (config: ExperimentConfig) => start(config),
    resumeExperiment: () => run(() => trainer.resumeExperiment()),
    skipRun: () => trainer.skipRun(),
    moveRun: (runIndex: number, to: number) => trainer.moveRun(runIndex, to),
    stopExperiment: () => trainer.control('stop'),
    /** Saves `config` as the runner's JSON (npm run experiment -- file.json reruns it). */
    exportConfig: (config: ExperimentConfig) =>
      save(`${config.name}.json`, `${JSON.stringify(config, null, 2)}\n`, 'application/json'),
    /** Reads a runner config and starts it; a file that is no config says why, nothing runs. */
    importConfig: async (file: File) => {
      let config: ExperimentConfig;
      try {
        config = parseExperimentConfig(JSON.parse(await file.text()));
      } catch (error) {
        patch('experiment', { error: `${file.name}: ${message(error)}` });
        return;
      }
      await start(config);
    },
  };
}

export type ExperimentCommands = ReturnType<typeof createExperimentCommands>;
