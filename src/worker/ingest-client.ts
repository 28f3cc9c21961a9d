// The page's handle on the ingestion worker: start an ingestion (a promise of its summary), watch
// its events, cancel it. No tfjs here; the dataset key is computed on the page from file metadata.
import { type CacheSettings, datasetKey, imageFiles } from '../platform/image-cache';
import type { WalkedFile } from '../platform/walk-folder';
import type { IngestEvent, IngestRequest, IngestSummary } from './ingest-protocol';

type Pending = { resolve: (summary: IngestSummary) => void; reject: (error: Error) => void };

/** One running ingestion: its key, its summary when done, and a cancel switch. */
export interface IngestJob {
  id: number;
  datasetKey: string;
  /** Image files in cache order (the order the cache's file indices refer to). */
  files: WalkedFile[];
  done: Promise<IngestSummary>;
  cancel(): void;
}

export class IngestClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(event: IngestEvent) => void>();

  constructor(private readonly worker: Worker) {
    worker.onmessage = (message: MessageEvent<IngestEvent>) => this.receive(message.data);
    worker.onerror = (error) =>
      this.failAll(new Error(`The ingestion worker crashed: ${error.message}`));
  }

  static start(): IngestClient {
    return new IngestClient(
      new Worker(new URL('./ingest.worker.ts', import.meta.url), { type: 'module' }),
    );
  }

  /** Ingests the image files among `walked` (others, e.g. CSVs, are left out) into the cache. */
  async ingest(walked: readonly WalkedFile[], settings: CacheSettings): Promise<IngestJob> {
    const files = imageFiles(walked);
    const identities = files.map(({ path, file }) => ({
      path,
      size: file.size,
      lastModified: file.lastModified,
    }));
    const key = await datasetKey(identities, settings);
    const id = this.nextId++;
    const done = new Promise<IngestSummary>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
    });
    const request: IngestRequest = { kind: 'ingest', id, files, settings, datasetKey: key };
    this.worker.postMessage(request);
    const cancel = () => this.worker.postMessage({ kind: 'cancel', id } satisfies IngestRequest);
    return { id, datasetKey: key, files, done, cancel };
  }

  /** Every event of every ingestion (progress, skipped files, done, errors). */
  subscribe(listener: (event: IngestEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  terminate(): void {
    this.worker.terminate();
    this.failAll(new Error('The ingestion worker was stopped'));
  }

  private receive(event: IngestEvent): void {
    for (const listener of this.listeners) listener(event);
    const waiting = this.pending.get(event.id);
    if (!waiting || (event.kind !== 'done' && event.kind !== 'error')) return;
    this.pending.delete(event.id);
    if (event.kind === 'error') waiting.reject(new Error(event.message));
    else {
      const { kind: _kind, id: _id, ...summary } = event;
      waiting.resolve(summary);
    }
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
