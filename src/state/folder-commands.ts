// Ingesting a dropped folder: the image files go to the ingestion worker, which decodes them into
// the IndexedDB image cache; its progress, skipped files and summary land in the dataset slice,
// and then the label files are parsed into the dataset index (format as detected or overridden).
// The worker is reached through the `Ingester` shape (IngestClient satisfies it; tests fake it).
import type { TrainerClient } from '../worker/client';
import type { IngestClient } from '../worker/ingest-client';
import type { IngestEvent } from '../worker/ingest-protocol';
import type { FolderIndex, IngestState, StorageCheck } from './dataset';
import { patcher } from './patch';
import { parseDatasetFiles } from './pure-core';
import type { StudioData, StudioState } from './store';

export type Ingester = Pick<IngestClient, 'ingest' | 'subscribe'>;
/** The training worker's side of a dropped folder: it reads the cached images to train on. */
export type CachedDatasetLoader = Pick<TrainerClient, 'loadCachedDataset'>;
type WalkedFiles = Parameters<IngestClient['ingest']>[0];

interface StoreLike {
  getState(): StudioState;
  setState(change: Partial<StudioData>): void;
}

/** Cache settings: a short side a little above the 224 px default input leaves room for random
 *  crops; 8-bit gray; 64 images per IndexedDB record keeps writes few and records ~4 MB. */
export const CACHE_SETTINGS = { shortSide: 256, bitDepth: 8, shardImages: 64 } as const;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Parses the folder's labels in the format the user settled on (detected or overridden). */
async function indexFolder(store: StoreLike, files: WalkedFiles): Promise<FolderIndex | null> {
  const folder = store.getState().dataset.folder;
  if (folder === null) return null;
  const byPath = new Map(files.map(({ path, file }) => [path, file]));
  const readText = (path: string) => {
    const file = byPath.get(path);
    if (file === undefined) throw new Error(`${path} is not in the dropped folder`);
    return file.text();
  };
  const detected = { ...folder.detected, format: folder.format };
  const parsed = await parseDatasetFiles(detected, [...byPath.keys()], readText);
  const { labels, items, missing, problems } = parsed;
  return { index: { labels, items }, missing: missing.length, problems: problems.length };
}

const startingIngest = (): IngestState => ({
  running: true,
  done: 0,
  total: 0,
  imagesPerSecond: 0,
  secondsLeft: 0,
  cached: null,
  reused: false,
  resumedFrom: 0,
  cancelled: false,
  datasetKey: null,
});

/** Asks for persistent storage and estimates what caching `images` files needs (platform). */
export type StorageChecker = (
  images: number,
  settings: typeof CACHE_SETTINGS,
) => Promise<StorageCheck>;

const gigabytes = (bytes: number) => `${(bytes / 1e9).toFixed(1)} GB`;

/** Why an ingestion of this size cannot fit, or null when it can. */
export function storageShortfall(check: StorageCheck): string | null {
  const free = check.quotaBytes - check.usageBytes;
  if (check.neededBytes <= free) return null;
  return (
    `The image cache needs about ${gigabytes(check.neededBytes)} but the browser allows only ` +
    `${gigabytes(free)} more for this site. Free space (or clear old cached datasets) and drop the folder again.`
  );
}

export function createFolderCommands(
  ingester: Ingester,
  store: StoreLike,
  trainer?: CachedDatasetLoader,
  checkStorage?: StorageChecker,
) {
  const patch = patcher(store);
  const ingestOf = () => store.getState().dataset.ingest;
  let cancelCurrent: (() => void) | null = null;

  function onEvent(jobId: number, event: IngestEvent): void {
    const current = ingestOf();
    if (event.id !== jobId || current === null) return;
    if (event.kind === 'progress') {
      const { done, total, imagesPerSecond, secondsLeft } = event;
      patch('dataset', { ingest: { ...current, done, total, imagesPerSecond, secondsLeft } });
    } else if (event.kind === 'skipped') {
      const skipped = store.getState().dataset.skipped;
      patch('dataset', { skipped: [...skipped, { path: event.path, reason: event.reason }] });
    }
  }

  async function ingest(files: WalkedFiles): Promise<void> {
    if (checkStorage) {
      const storage = await checkStorage(files.length, { ...CACHE_SETTINGS });
      patch('dataset', { storage });
      const shortfall = storageShortfall(storage);
      if (shortfall) {
        patch('dataset', { folderError: shortfall });
        return;
      }
    }
    patch('dataset', { folderError: null, skipped: [], ingest: startingIngest() });
    // Subscribed before the request, so no event is missed; those that arrive before the job's
    // id is known wait in `early`.
    let jobId: number | null = null;
    const early: IngestEvent[] = [];
    const unsubscribe = ingester.subscribe((event) =>
      jobId === null ? early.push(event) : onEvent(jobId, event),
    );
    try {
      const job = await ingester.ingest(files, { ...CACHE_SETTINGS });
      jobId = job.id;
      for (const event of early) onEvent(job.id, event);
      cancelCurrent = job.cancel;
      const { cached, reused, resumedFrom, cancelled } = await job.done;
      const current = ingestOf();
      if (current === null) return;
      const ended = { ...current, cached, reused, resumedFrom, cancelled, running: false };
      patch('dataset', { ingest: { ...ended, datasetKey: job.datasetKey } });
      if (cancelled) return;
      const folderIndex = await indexFolder(store, files);
      patch('dataset', { folderIndex });
      const name = store.getState().dataset.folder?.name ?? 'dropped folder';
      if (trainer && folderIndex) {
        const ready = await trainer.loadCachedDataset(name, job.datasetKey, folderIndex.index);
        patch('dataset', { summary: ready.summary });
      }
    } catch (error) {
      const current = ingestOf();
      patch('dataset', {
        folderError: message(error),
        ingest: current && { ...current, running: false },
      });
    } finally {
      unsubscribe();
      cancelCurrent = null;
    }
  }

  /** A failure before ingestion (walking the folder), shown at the drop zone. */
  const folderFailed = (error: unknown) => patch('dataset', { folderError: message(error) });

  return { ingest, folderFailed, cancelIngest: () => cancelCurrent?.() };
}

export type FolderCommands = ReturnType<typeof createFolderCommands>;
