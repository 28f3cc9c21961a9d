// An experiment in the studio: the runner's config planned into runs (core planExperiment), queued,
// and run one after another on the same engine as `npm run experiment` (runExperimentRun), with
// live, run-tagged events, previews, checkpoints and a history entry per stage. The queue is stored
// on every change, so a reload or a Stop resumes it where it stopped; runs can be skipped and
// pending ones moved.
import * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig } from '../core/experiment/config';
import {
  type ExperimentRunSpec,
  experimentImages,
  lastValueCache,
  planExperiment,
  runExperimentRun,
  type StageRunReport,
} from '../core/experiment/experiment';
import type { LabelledImages } from '../core/experiment/labelled-images';
import { COLORIZER_NAMES } from '../core/model/kinds';
import {
  decodeCheckpoint,
  disposeCheckpoint,
  type StageCheckpoint,
} from '../core/train/checkpoint';
import { STAGES } from '../core/train/stages';
import { fallbackMessage } from '../platform/checkpoint-slots';
import { CONTEXT_VERSION, parseCheckpointContext } from './checkpoint-context';
import { loadExperimentData } from './experiment-data';
import { type StageLog, stageHooks } from './experiment-stage';
import type { ExperimentState, PlannedRun, RunTag } from './protocol';
import type { SessionDeps, TrainerSession } from './session';

/** The experiment's current queue (IndexedDB in the browser). */
export interface ExperimentStore {
  save(state: ExperimentState): Promise<void>;
  load(): Promise<ExperimentState | null>;
}

type RunOutcome = 'done' | 'stopped' | 'skipped' | 'failed';

/** A planned run as the queue lists it. */
export function plannedRun(run: ExperimentRunSpec): PlannedRun {
  const stages = run.chain.stages.map((s) => s.stage);
  const procedure = stages.map((stage) => STAGES[stage].title).join(' → ');
  const subset = run.fraction < 1 ? ` · ${run.fraction * 100} % draw ${run.draw}` : '';
  const colorizer =
    run.chain.colorizer === 'replicate' ? '' : ` (${COLORIZER_NAMES[run.chain.colorizer]})`;
  return {
    index: run.index,
    colorizer: run.chain.colorizer,
    seed: run.seed,
    fraction: run.fraction,
    draw: run.draw,
    stages,
    title: `${procedure}${colorizer} · seed ${run.seed}${subset}`,
    status: 'pending',
  };
}

/** The run a checkpoint's context names, or null (a stage run by hand, or a damaged context). */
function experimentTagOf(context: unknown): RunTag | null {
  try {
    const saved = parseCheckpointContext(context);
    return 'experiment' in saved ? saved.experiment : null;
  } catch {
    return null;
  }
}

export class ExperimentQueue {
  private state: ExperimentState | null = null;
  private skipRequested = false;

  constructor(
    private readonly session: TrainerSession,
    private readonly deps: SessionDeps & { experiments: ExperimentStore },
  ) {}

  /** Plans `config` and runs its queue; resolves when the queue is empty or stopped. A folder
   *  config runs on the cached dataset `datasetKey` (the folder the Data step loaded). */
  async start(id: number, config: ExperimentConfig, datasetKey?: string): Promise<void> {
    const runs = planExperiment(config).map(plannedRun);
    const experimentId = `${config.name}-${Date.now().toString(36)}`;
    await this.deps.checkpoints.clear();
    const source = datasetKey === undefined ? {} : { datasetKey };
    await this.update({ id: experimentId, config, runs, paused: false, ...source });
    await this.drain(id);
  }

  /** Continues the stored queue; a run stopped mid-stage continues from its checkpoint. */
  async resume(id: number): Promise<void> {
    const saved = await this.deps.experiments.load();
    if (!saved) throw new Error('There is no experiment to resume.');
    await this.update({ ...saved, paused: false });
    await this.drain(id);
  }

  /** Ends the running run now; the queue goes on with the next. */
  skip(): void {
    if (!this.state?.runs.some((r) => r.status === 'running')) return;
    this.skipRequested = true;
    this.session.control.stop();
  }

  /** Moves pending run `runIndex` to position `to` of the queue. */
  async move(runIndex: number, to: number): Promise<void> {
    const state = this.requireState();
    const from = state.runs.findIndex((r) => r.index === runIndex);
    const run = state.runs[from];
    if (!run || run.status !== 'pending') throw new Error('Only a pending run can be moved.');
    const runs = state.runs.filter((r) => r !== run);
    runs.splice(Math.max(0, Math.min(to, runs.length)), 0, run);
    await this.update({ ...state, runs });
  }

  private async drain(id: number): Promise<void> {
    await this.session.exclusively(async () => {
      const { control } = this.session;
      control.reset();
      this.deps.post({ kind: 'runState', state: 'running' });
      try {
        const data = await this.experimentData(this.requireState(), id);
        for (let next = this.nextRun(); next; next = this.nextRun()) {
          // A Stop pressed between two runs stops before the next one starts.
          const outcome = control.shouldStop() ? 'stopped' : await this.runOne(next, data);
          if (outcome === 'stopped') {
            await this.update({ ...this.requireState(), paused: true });
            this.finished(id, 'stopped');
            return;
          }
        }
        this.finished(id, 'completed');
      } finally {
        this.deps.post({ kind: 'runState', state: 'idle' });
      }
    });
  }

  private nextRun(): PlannedRun | undefined {
    return this.requireState().runs.find((r) => r.status === 'pending' || r.status === 'running');
  }

  private finished(id: number, outcome: 'completed' | 'stopped'): void {
    const experimentId = this.requireState().id;
    this.deps.post({ kind: 'experimentFinished', id, experimentId, outcome });
  }

  /** Runs one planned run to its end, its stop or its failure, and records which. */
  private async runOne(
    planned: PlannedRun,
    imagesOf: (run: ExperimentRunSpec) => LabelledImages,
  ): Promise<RunOutcome> {
    const state = this.requireState();
    const spec = planExperiment(state.config)[planned.index] as ExperimentRunSpec;
    const resume = await this.checkpointOf(state.id, planned.index);
    await this.setStatus(planned.index, 'running');
    const logs: StageLog[] = [];
    try {
      const images = imagesOf(spec);
      const reports = await runExperimentRun(
        state.config,
        spec,
        images,
        { backend: tf.getBackend() },
        {
          stage: (j, settings, network) => {
            const tag: RunTag = { experimentId: state.id, runIndex: planned.index, stageIndex: j };
            const context = { version: CONTEXT_VERSION, experiment: tag };
            return stageHooks(this.deps, this.session.control, {
              tag,
              settings,
              network,
              images,
              context,
              logs,
              inputSize: state.config.inputSize,
            });
          },
          onStageReport: (j, report) => this.saveHistory(state, planned.index, j, report, logs[j]),
          ...(resume ? { resume } : {}),
        },
      );
      const completed = (resume?.stageIndex ?? 0) + reports.length === spec.chain.stages.length;
      const outcome: RunOutcome = completed ? 'done' : this.skipRequested ? 'skipped' : 'stopped';
      if (outcome === 'skipped') {
        this.skipRequested = false;
        this.session.control.reset(); // the skip's stop ends this run only
      }
      if (outcome !== 'stopped') await this.deps.checkpoints.clear();
      await this.setStatus(planned.index, outcome === 'stopped' ? 'pending' : outcome);
      return outcome;
    } catch (error) {
      if (resume) disposeCheckpoint(resume.checkpoint);
      const message = error instanceof Error ? error.message : String(error);
      await this.setStatus(planned.index, 'failed', message);
      return 'failed';
    } finally {
      for (const log of logs) log.dispose();
    }
  }

  /** The stored checkpoint when it belongs to this run (a reload or Stop interrupted it). */
  private async checkpointOf(
    experimentId: string,
    runIndex: number,
  ): Promise<{ stageIndex: number; checkpoint: StageCheckpoint } | null> {
    let decoded: ReturnType<typeof decodeCheckpoint>;
    try {
      const loaded = await this.deps.checkpoints.load();
      if (!loaded) return null;
      if (loaded.damaged) {
        this.deps.post({ kind: 'error', id: null, message: fallbackMessage(loaded) });
      }
      decoded = decodeCheckpoint(loaded.bytes, 'the saved checkpoint');
    } catch {
      return null; // unreadable or damaged: the run starts again rather than failing for good
    }
    const { checkpoint, context } = decoded;
    const tag = experimentTagOf(context);
    if (tag?.experimentId === experimentId && tag.runIndex === runIndex) {
      return { stageIndex: tag.stageIndex, checkpoint };
    }
    disposeCheckpoint(checkpoint);
    return null;
  }

  /** The images of each run's data draw (the last draw kept), from the experiment's dataset. */
  private async experimentData(
    { config, datasetKey }: ExperimentState,
    id: number,
  ): Promise<(run: ExperimentRunSpec) => LabelledImages> {
    const task = "Reading the experiment's images";
    const data = await loadExperimentData(config, datasetKey, this.deps.datasets, (done, total) =>
      this.deps.post({ kind: 'progress', id, task, done, total }),
    );
    return lastValueCache(
      (run) => `${run.fraction}/${run.draw}`,
      (run) => experimentImages(config, data, run),
    );
  }

  private async saveHistory(
    state: ExperimentState,
    runIndex: number,
    stageIndex: number,
    report: StageRunReport,
    log: StageLog | undefined,
  ): Promise<void> {
    const entry = {
      id: `${state.id}/${runIndex}/${stageIndex}`,
      experimentId: state.id,
      experimentName: state.config.name,
      runIndex,
      stageIndex,
      report,
      curves: log?.curves() ?? { loss: [], validations: [] },
      previews: log?.previews ?? [],
      savedAt: new Date().toISOString(),
    };
    await this.deps.history.save(entry);
    this.deps.post({ kind: 'runSaved', entry });
  }

  private async setStatus(index: number, status: PlannedRun['status'], error?: string) {
    const state = this.requireState();
    const runs = state.runs.map((r) =>
      r.index === index ? { ...r, status, ...(error ? { error } : {}) } : r,
    );
    await this.update({ ...state, runs });
  }

  private async update(state: ExperimentState): Promise<void> {
    this.state = state;
    await this.deps.experiments.save(state);
    this.deps.post({ kind: 'experiment', state });
  }

  private requireState(): ExperimentState {
    if (!this.state) throw new Error('No experiment is set up.');
    return this.state;
  }
}
