// The page's handle on the training worker: typed requests answered by promises of their reply
// event, and a stream of events for subscribers (request-client.ts: subscribe, terminate). No tfjs
// here.
import type {
  DatasetRef,
  DemoDataRequest,
  DeviceInfo,
  ExperimentConfig,
  ExportScope,
  ModelSpec,
  PretrainedSource,
  StageRunSpec,
  WorkerEvent,
  WorkerRequest,
} from './protocol';
import { type Body, RequestClient, type WatchdogOptions, type WorkerLike } from './request-client';

type EventOf<K extends WorkerEvent['kind']> = Extract<WorkerEvent, { kind: K }>;

/** Progress shares its request's id but is not the answer to it; id-less errors answer nothing. */
const answerOf = (event: WorkerEvent) => {
  if (!('id' in event) || event.id === null || event.kind === 'progress') return null;
  return { id: event.id, error: event.kind === 'error' ? event.message : null };
};

export class TrainerClient extends RequestClient<WorkerRequest, WorkerEvent> {
  constructor(spawn: () => WorkerLike, options?: WatchdogOptions) {
    super(spawn, 'training', answerOf, options);
  }

  static start(): TrainerClient {
    return new TrainerClient(
      () => new Worker(new URL('./trainer.worker.ts', import.meta.url), { type: 'module' }),
    );
  }

  /** Starts tfjs in the worker; resolves with the device and any checkpoint left to resume. */
  async init(preferred?: DeviceInfo['backend'][]) {
    const event = await this.expect(
      'ready',
      preferred ? { kind: 'init', preferred } : { kind: 'init' },
    );
    return { device: event.device, checkpoint: event.checkpoint, experiment: event.experiment };
  }

  loadDemoData(demo: DemoDataRequest): Promise<EventOf<'datasetReady'>> {
    return this.loadDataset({ kind: 'demo', demo });
  }

  /** A dropped folder, already parsed and cached under `datasetKey` by the ingestion worker,
   *  split by patient with `splitSeed` (DEFAULT_SPLIT's seed when absent). */
  loadCachedDataset(datasetKey: string, splitSeed?: number): Promise<EventOf<'datasetReady'>> {
    const split = splitSeed === undefined ? {} : { splitSeed };
    return this.loadDataset({ kind: 'cached', datasetKey, ...split });
  }

  private loadDataset(dataset: DatasetRef): Promise<EventOf<'datasetReady'>> {
    return this.expect('datasetReady', { kind: 'loadDataset', dataset });
  }

  /** `pretrained.bytes` (a dropped file) is transferred, not copied. */
  buildModel(model: ModelSpec, pretrained: PretrainedSource): Promise<EventOf<'modelReady'>> {
    const transfer = pretrained.kind === 'file' ? [pretrained.bytes] : [];
    return this.expect('modelReady', { kind: 'buildModel', model, pretrained }, transfer);
  }

  /** Resolves when the stage ends (completed, stopped or diverged); progress comes as events. */
  runStage(run: StageRunSpec): Promise<EventOf<'stageFinished'>> {
    return this.expect('stageFinished', { kind: 'runStage', run });
  }

  /** Sweeps the learning rate on `run`'s stage for `numIt` steps; progress comes as events. */
  findLr(run: StageRunSpec, numIt: number): Promise<EventOf<'lrFound'>> {
    return this.expect('lrFound', { kind: 'findLr', run, numIt });
  }

  resumeStage(): Promise<EventOf<'stageFinished'>> {
    return this.expect('stageFinished', { kind: 'resumeStage' });
  }

  /** Pause, resume or stop the running stage; answered between steps. */
  control(action: 'pause' | 'resume' | 'stop'): void {
    this.send({ kind: 'control', action });
  }

  exportWeights(scope: ExportScope): Promise<EventOf<'exported'>> {
    return this.expect('exported', { kind: 'exportWeights', scope });
  }

  /** Queues the runs of `config` and runs them; resolves when the queue ends or is stopped. */
  startExperiment(
    config: ExperimentConfig,
    datasetKey?: string,
  ): Promise<EventOf<'experimentFinished'>> {
    const source = datasetKey === undefined ? {} : { datasetKey };
    return this.expect('experimentFinished', { kind: 'startExperiment', config, ...source });
  }

  /** Continues the saved experiment where it stopped. */
  resumeExperiment(): Promise<EventOf<'experimentFinished'>> {
    return this.expect('experimentFinished', { kind: 'resumeExperiment' });
  }

  /** Skips the running run. */
  skipRun(): void {
    this.send({ kind: 'experimentQueue', action: 'skip' });
  }

  /** Moves pending run `runIndex` to place `to` in the queue. */
  moveRun(runIndex: number, to: number): void {
    this.send({ kind: 'experimentQueue', action: 'move', runIndex, to });
  }

  /** The runs history (IndexedDB), oldest first. */
  listRuns(): Promise<EventOf<'runs'>> {
    return this.expect('runs', { kind: 'listRuns' });
  }

  /** Forgets the history entries `ids`; resolves with what is left. */
  deleteRuns(ids: string[]): Promise<EventOf<'runs'>> {
    return this.expect('runs', { kind: 'deleteRuns', ids });
  }

  importWeights(fileName: string, bytes: ArrayBuffer): Promise<EventOf<'imported'>> {
    return this.expect('imported', { kind: 'importWeights', fileName, bytes }, [bytes]);
  }

  private async expect<K extends WorkerEvent['kind']>(
    kind: K,
    body: Body<WorkerRequest>,
    transfer: Transferable[] = [],
  ): Promise<EventOf<K>> {
    const event = await this.request(body, transfer).reply;
    if (event.kind !== kind) throw new Error(`Unexpected reply ${event.kind} to ${body.kind}`);
    return event as EventOf<K>;
  }
}
