// The page's handle on the ingestion worker: cache a dropped folder's images (a job with a cancel
// switch), parse its labels into the stored index, and watch their events. The page hands over
// the walked files and the chosen format only: keying, decoding and parsing happen in the worker.
// No tfjs here.
import type { DetectedFormat } from '../core/data/detect';
import type { WalkedFile } from '../platform/walk-folder';
import type { CacheSettings, IndexSummary, IngestEvent, IngestRequest } from './ingest-protocol';
import { RequestClient } from './request-client';

type Reply<K extends IngestEvent['kind']> = Omit<Extract<IngestEvent, { kind: K }>, 'kind' | 'id'>;

/** One running ingestion: its summary (with the dataset key) when done, and a cancel switch. */
export interface IngestJob {
  id: number;
  done: Promise<Reply<'done'>>;
  cancel(): void;
}

/** 'done', 'indexed' and 'error' answer a request; progress and skipped files stream. */
const answerOf = (event: IngestEvent) => {
  if (event.kind === 'progress' || event.kind === 'skipped') return null;
  return { id: event.id, error: event.kind === 'error' ? event.message : null };
};

function reply<K extends IngestEvent['kind']>(event: IngestEvent, kind: K): Reply<K> {
  if (event.kind !== kind) throw new Error(`Unexpected reply ${event.kind} (expected ${kind})`);
  const { kind: _kind, id: _id, ...rest } = event as Extract<IngestEvent, { kind: K }>;
  return rest;
}

export class IngestClient extends RequestClient<IngestRequest, IngestEvent> {
  constructor(worker: Worker) {
    super(worker, 'ingestion', answerOf);
  }

  static start(): IngestClient {
    return new IngestClient(
      new Worker(new URL('./ingest.worker.ts', import.meta.url), { type: 'module' }),
    );
  }

  /** Caches the images among `files` (CSVs and other files are left out). */
  ingest(files: readonly WalkedFile[], settings: CacheSettings): IngestJob {
    const { id, reply: answer } = this.request({
      kind: 'ingest',
      files: [...files],
      settings,
    });
    const done = answer.then((event) => reply(event, 'done'));
    return { id, done, cancel: () => this.send({ kind: 'cancel' }, id) };
  }

  /** Parses the labels among `files` with `format`; the index is stored under `datasetKey`. */
  async index(
    datasetKey: string,
    name: string,
    files: readonly WalkedFile[],
    format: DetectedFormat,
  ): Promise<IndexSummary> {
    const request = this.request({
      kind: 'index',
      datasetKey,
      name,
      files: [...files],
      format,
    });
    return reply(await request.reply, 'indexed');
  }
}
