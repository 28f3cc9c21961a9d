// The page's handle on the ingestion worker: hand it a dropped folder once (in chunks), then cache
// the folder's images (a job with a cancel switch), parse its labels into the stored index, and
// watch their events. Detecting, keying, decoding and parsing all happen in the worker, so the page
// never blocks on a large folder. No tfjs here.
import type { DetectedFormat } from '../core/data/detect';
import type { WalkedFile } from '../platform/walk-folder';
import type {
  CacheSettings,
  IndexSummary,
  IngestEvent,
  IngestRequest,
  SheetPage,
  StorageUse,
  StoredItems,
} from './ingest-protocol';
import { RequestClient, type WorkerLike } from './request-client';

type Reply<K extends IngestEvent['kind']> = Omit<Extract<IngestEvent, { kind: K }>, 'kind' | 'id'>;

/** One running ingestion: its summary (with the dataset key) when done, and a cancel switch. */
export interface IngestJob {
  id: number;
  done: Promise<Reply<'done'>>;
  cancel(): void;
}

/** 'scanned', 'done', 'indexed' and 'error' answer a request; progress and skipped files stream. */
const answerOf = (event: IngestEvent) => {
  if (event.kind === 'progress' || event.kind === 'skipped') return null;
  return { id: event.id, error: event.kind === 'error' ? event.message : null };
};

function reply<K extends IngestEvent['kind']>(event: IngestEvent, kind: K): Reply<K> {
  if (event.kind !== kind) throw new Error(`Unexpected reply ${event.kind} (expected ${kind})`);
  const { kind: _kind, id: _id, ...rest } = event as Extract<IngestEvent, { kind: K }>;
  return rest;
}

/** A dropped folder as the worker holds it: its id, its size and the format its paths suggest. */
export interface HeldDrop {
  dropId: number;
  files: number;
  detected: DetectedFormat;
}

/** Files per message: a CheXpert-sized list in one message takes over 100 ms to clone on the
 *  page; this many take about 5 ms. */
const DROP_CHUNK = 10_000;

/** Lets the page paint and handle input between two chunks. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class IngestClient extends RequestClient<IngestRequest, IngestEvent> {
  private nextDrop = 1;

  constructor(spawn: () => WorkerLike) {
    super(spawn, 'ingestion', answerOf);
  }

  static start(): IngestClient {
    return new IngestClient(
      () => new Worker(new URL('./ingest.worker.ts', import.meta.url), { type: 'module' }),
    );
  }

  /** Hands a walked folder to the worker in chunks, one task each; it detects the format. */
  async drop(files: readonly WalkedFile[]): Promise<HeldDrop> {
    const dropId = this.nextDrop++;
    for (let start = 0; start + DROP_CHUNK < files.length; start += DROP_CHUNK) {
      this.send({
        kind: 'drop',
        dropId,
        files: files.slice(start, start + DROP_CHUNK),
        last: false,
      });
      await nextTask();
    }
    const rest = files.slice(Math.floor(Math.max(files.length - 1, 0) / DROP_CHUNK) * DROP_CHUNK);
    const answer = await this.request({ kind: 'drop', dropId, files: rest, last: true }).reply;
    const { files: count, detected } = reply(answer, 'scanned');
    return { dropId, files: count, detected };
  }

  /** Caches the images of drop `dropId` (CSVs and other files are left out). */
  ingest(dropId: number, settings: CacheSettings): IngestJob {
    const { id, reply: answer } = this.request({ kind: 'ingest', dropId, settings });
    const done = answer.then((event) => reply(event, 'done'));
    return { id, done, cancel: () => this.send({ kind: 'cancel' }, id) };
  }

  /** Parses the labels of drop `dropId` with `format`; the index is stored under `datasetKey`. */
  async index(
    dropId: number,
    datasetKey: string,
    name: string,
    format: DetectedFormat,
  ): Promise<IndexSummary> {
    const request = this.request({ kind: 'index', dropId, datasetKey, name, format });
    return reply(await request.reply, 'indexed');
  }

  /** What this site stores: usage, quota and the cached datasets by size. */
  async storage(): Promise<StorageUse & StoredItems> {
    return reply(await this.request({ kind: 'storage' }).reply, 'storage');
  }

  /** Deletes a cached dataset (images and label index); what is stored afterwards. */
  async deleteDataset(datasetKey: string): Promise<StorageUse & StoredItems> {
    return reply(await this.request({ kind: 'deleteDataset', datasetKey }).reply, 'storage');
  }

  /** A contact-sheet page of the cached dataset (thumbnails read in the worker). */
  async sheet(
    datasetKey: string,
    page: { group: number; offset: number; count: number; size: number },
  ): Promise<SheetPage> {
    return reply(await this.request({ kind: 'sheet', datasetKey, ...page }).reply, 'sheet');
  }
}
