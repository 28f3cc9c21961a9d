// The page's handle on the training worker: typed requests with ids, answered by promises, and
// a stream of events for subscribers. No tfjs here.
import type { DeviceInfo, WorkerEvent, WorkerRequest } from './protocol';

type Pending = { resolve: (event: WorkerEvent) => void; reject: (error: Error) => void };
type RequestBody = WorkerRequest extends infer R
  ? R extends { id: number }
    ? Omit<R, 'id'>
    : never
  : never;

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

  /** Starts tfjs in the worker; resolves with the backend and adapter in use. */
  async init(preferred?: DeviceInfo['backend'][]): Promise<DeviceInfo> {
    const event = await this.request(preferred ? { kind: 'init', preferred } : { kind: 'init' });
    if (event.kind !== 'ready') throw new Error(`Unexpected reply ${event.kind} to init`);
    return event.device;
  }

  subscribe(listener: (event: WorkerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  terminate(): void {
    this.worker.terminate();
    this.failAll(new Error('The training worker was stopped'));
  }

  private request(body: RequestBody): Promise<WorkerEvent> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...body, id } as WorkerRequest);
    });
  }

  private receive(event: WorkerEvent): void {
    for (const listener of this.listeners) listener(event);
    const waiting = event.id === null ? undefined : this.pending.get(event.id);
    if (!waiting || event.id === null) return;
    this.pending.delete(event.id);
    if (event.kind === 'error') waiting.reject(new Error(event.message));
    else waiting.resolve(event);
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
