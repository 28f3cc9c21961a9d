// The page's handle on the training worker: typed requests with ids, answered by promises, and
// a stream of events for subscribers. No tfjs here.
import type { DatasetIndex } from '../core/data/types';
import type {
  CheckpointInfo,
  DemoDataRequest,
  DeviceInfo,
  ExportScope,
  ModelSpec,
  PretrainedSource,
  StageRunSpec,
  WorkerEvent,
  WorkerRequest,
} from './protocol';

type Pending = { resolve: (event: WorkerEvent) => void; reject: (error: Error) => void };
type RequestBody = WorkerRequest extends infer R
  ? R extends { id: number }
    ? Omit<R, 'id'>
    : never
  : never;
type EventOf<K extends WorkerEvent['kind']> = Extract<WorkerEvent, { kind: K }>;

export class TrainerClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(event: WorkerEvent) => void>();

  constructor(private readonly worker: Worker) {
    worker.onmessage = (message: MessageEvent<WorkerEvent>) => this.receive(message.data);
    worker.onerror = (error) =>
      this.failAll(new Error(`The training worker crashed: ${error.message}`));
  }

  static start(): TrainerClient {
    return new TrainerClient(
      new Worker(new URL('./trainer.worker.ts', import.meta.url), { type: 'module' }),
    );
  }

  /** Starts tfjs in the worker; resolves with the device and any checkpoint left to resume. */
  async init(
    preferred?: DeviceInfo['backend'][],
  ): Promise<{ device: DeviceInfo; checkpoint: CheckpointInfo | null }> {
    const event = await this.expect(
      'ready',
      preferred ? { kind: 'init', preferred } : { kind: 'init' },
    );
    return { device: event.device, checkpoint: event.checkpoint };
  }

  loadDemoData(demo: DemoDataRequest): Promise<EventOf<'datasetReady'>> {
    return this.expect('datasetReady', { kind: 'loadDemoData', demo });
  }

  /** A dropped folder already in the IndexedDB image cache, with its parsed index. */
  loadCachedDataset(
    name: string,
    datasetKey: string,
    index: DatasetIndex,
  ): Promise<EventOf<'datasetReady'>> {
    return this.expect('datasetReady', { kind: 'loadCachedDataset', name, datasetKey, index });
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
    this.worker.postMessage({ kind: 'control', action, id: this.nextId++ } satisfies WorkerRequest);
  }

  exportWeights(scope: ExportScope): Promise<EventOf<'exported'>> {
    return this.expect('exported', { kind: 'exportWeights', scope });
  }

  importWeights(fileName: string, bytes: ArrayBuffer): Promise<EventOf<'imported'>> {
    return this.expect('imported', { kind: 'importWeights', fileName, bytes }, [bytes]);
  }

  subscribe(listener: (event: WorkerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  terminate(): void {
    this.worker.terminate();
    this.failAll(new Error('The training worker was stopped'));
  }

  private async expect<K extends WorkerEvent['kind']>(
    kind: K,
    body: RequestBody,
    transfer: Transferable[] = [],
  ): Promise<EventOf<K>> {
    const event = await this.request(body, transfer);
    if (event.kind !== kind) throw new Error(`Unexpected reply ${event.kind} to ${body.kind}`);
    return event as EventOf<K>;
  }

  private request(body: RequestBody, transfer: Transferable[]): Promise<WorkerEvent> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...body, id } as WorkerRequest, transfer);
    });
  }

  private receive(event: WorkerEvent): void {
    for (const listener of this.listeners) listener(event);
    // Progress shares its request's id but is not the answer to it.
    const id = 'id' in event && event.kind !== 'progress' ? event.id : null;
    const waiting = id === null ? undefined : this.pending.get(id);
    if (!waiting || id === null) return;
    this.pending.delete(id);
    if (event.kind === 'error') waiting.reject(new Error(event.message));
    else waiting.resolve(event);
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
