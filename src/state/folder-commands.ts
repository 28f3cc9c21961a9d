// A dropped or picked folder: its file list goes to the ingestion worker once (in chunks), which
// detects the format (nothing decoded), caches the images in IndexedDB, then parses the label files
// in the format the user settled on into the index stored under the dataset's key; the training
// worker loads it by that key. The page only ever holds what it shows: progress,
// skipped files, the index's summary. Workers are reached through the `Ingester` and
// `CachedDatasetLoader` shapes (the clients satisfy them; tests fake them), the folder through
// `FolderWalker` (platform's walkers, wired in main.tsx).
import type { DatasetFormat } from '../core/data/detect';
import type { TrainerClient } from '../worker/client';
import type { IngestClient } from '../worker/ingest-client';
import type { IngestEvent, WalkedFile } from '../worker/ingest-protocol';
import type { IngestState, StorageCheck } from './dataset';
import { patcher } from './patch';
import type { StudioData, StudioState } from './store';

export type Ingester = Pick<
  IngestClient,
  'drop' | 'ingest' | 'index' | 'subscribe' | 'sheet' | 'storage' | 'deleteDataset'
>;
/** The training worker's side of a dropped folder: it reads the cached images to train on. */
export type CachedDatasetLoader = Pick<TrainerClient, 'loadCachedDataset'>;

/** How the UI's drop and "Choose folder…" become a file list (platform/walk-folder). */
export interface FolderWalker {
  /** Reads a drop's DataTransfer; call it inside the drop handler (it empties afterwards). */
  fromDrop(transfer: DataTransfer): Promise<WalkedFile[]>;
  pick(): Promise<WalkedFile[]>;
}

interface StoreLike {
  getState(): StudioState;
  setState(change: Partial<StudioData>): void;
}

/** Cache settings: a short side a little above the 224 px default input leaves room for random
 *  crops; 8-bit gray; 64 images per IndexedDB record keeps writes few and records ~4 MB. */
export const CACHE_SETTINGS = { shortSide: 256, bitDepth: 8, shardImages: 64 } as const;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

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

export interface FolderDeps {
  ingester: Ingester;
  store: StoreLike;
  trainer?: CachedDatasetLoader;
  checkStorage?: StorageChecker;
  walker?: FolderWalker;
}

export function createFolderCommands({
  ingester,
  store,
  trainer,
  checkStorage,
  walker,
}: FolderDeps) {
  const patch = patcher(store);
  const ingestOf = () => store.getState().dataset.ingest;
  let cancelCurrent: (() => void) | null = null;
  /** The worker's id of the last folder handed to it: the labels are parsed (again) from it. */
  let dropId: number | null = null;

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

  /** Hands a folder's file list to the worker, which guesses its format (nothing decoded).
   *  False: the folder is empty. */
  async function scanFolder(files: readonly WalkedFile[]): Promise<boolean> {
    const first = files[0];
    if (first === undefined) {
      patch('dataset', {
        folderError: 'The folder is empty (or only held hidden and system files).',
      });
      return false;
    }
    dropId = null;
    const held = await ingester.drop(files);
    dropId = held.dropId;
    const name = first.path.split('/')[0] ?? '';
    const { detected } = held;
    const folder = { name, files: held.files, detected, format: detected.format };
    patch('dataset', { folder, folderError: null, ingest: null, folderIndex: null, skipped: [] });
    return true;
  }

  /** Whether the browser can hold the cache; says why not at the drop zone. */
  async function storageFits(files: number): Promise<boolean> {
    if (!checkStorage) return true;
    const storage = await checkStorage(files, { ...CACHE_SETTINGS });
    patch('dataset', { storage });
    const shortfall = storageShortfall(storage);
    if (shortfall) patch('dataset', { folderError: shortfall });
    return shortfall === null;
  }

  /** Caches the images of drop `held`; the dataset key when every shard is in, null if cancelled. */
  async function cacheImages(held: number): Promise<string | null> {
    patch('dataset', { folderError: null, skipped: [], ingest: startingIngest() });
    // Subscribed before the request, so no event is missed; the job's id is known at once.
    let jobId: number | null = null;
    const unsubscribe = ingester.subscribe((event) => {
      if (jobId !== null) onEvent(jobId, event);
    });
    try {
      const job = ingester.ingest(held, { ...CACHE_SETTINGS });
      jobId = job.id;
      cancelCurrent = job.cancel;
      const { cached, reused, resumedFrom, cancelled, datasetKey } = await job.done;
      const current = ingestOf();
      if (current === null) return null;
      const ended = { ...current, cached, reused, resumedFrom, cancelled, running: false };
      patch('dataset', { ingest: { ...ended, datasetKey } });
      return cancelled ? null : datasetKey;
    } finally {
      unsubscribe();
      cancelCurrent = null;
    }
  }

  /** Parses the labels in the current format into the stored index, then has the trainer load it. */
  async function indexAndLoad(datasetKey: string): Promise<void> {
    const folder = store.getState().dataset.folder;
    // An unknown layout is said once, beside the format picker; choosing a format indexes.
    if (folder === null || dropId === null || folder.format === 'unknown') return;
    const format = { ...folder.detected, format: folder.format };
    const folderIndex = await ingester.index(dropId, datasetKey, folder.name, format);
    patch('dataset', { folderIndex });
    if (trainer) {
      const ready = await trainer.loadCachedDataset(datasetKey);
      patch('dataset', { summary: ready.summary, loaded: ready.dataset });
    }
  }

  /** Failures of the folder path are shown at the drop zone; nothing stored is touched. */
  async function guarded(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      const current = ingestOf();
      patch('dataset', {
        folderError: message(error),
        ingest: current && { ...current, running: false },
      });
    }
  }

  /** Scans, caches and indexes a walked folder. */
  const ingest = (files: readonly WalkedFile[]) =>
    guarded(async () => {
      if (!(await scanFolder(files)) || dropId === null) return;
      if (!(await storageFits(files.length))) return;
      const datasetKey = await cacheImages(dropId);
      if (datasetKey !== null) await indexAndLoad(datasetKey);
    });

  /** `walk` runs at once, so a drop's DataTransfer is read before its handler returns. */
  const open = (walk: () => Promise<WalkedFile[]>) => guarded(async () => ingest(await walk()));

  /** The user's answer when the detected format is wrong: once cached, the labels are parsed
   *  again in the new format. */
  const chooseFormat = (format: DatasetFormat) =>
    guarded(async () => {
      store.getState().overrideFolderFormat(format);
      const { ingest: state } = store.getState().dataset;
      if (state?.datasetKey && !state.running && !state.cancelled) {
        patch('dataset', { folderError: null, folderIndex: null });
        await indexAndLoad(state.datasetKey);
      }
    });

  /** Splits the loaded folder again by patient with `seed` (e.g. when a label has one class on
   *  a scored side); the cache and the index stay as they are. */
  const redrawSplit = (seed: number) =>
    guarded(async () => {
      const loaded = store.getState().dataset.loaded;
      if (loaded?.kind !== 'cached' || !trainer) return;
      const ready = await trainer.loadCachedDataset(loaded.datasetKey, seed);
      patch('dataset', { summary: ready.summary, loaded: ready.dataset });
    });

  /** A contact-sheet page of the loaded folder, or null when no folder is loaded. The pages are
   *  view data (thumbnails): the component holds them, not the store. */
  const sheetPage = (page: { group: number; offset: number; count: number; size: number }) => {
    const loaded = store.getState().dataset.loaded;
    return loaded?.kind === 'cached' ? ingester.sheet(loaded.datasetKey, page) : null;
  };

  /** The storage view's data (view data, like the sheet's pages: the component holds it). */
  const storageUse = () => ingester.storage();
  /** Deletes a cached dataset; the one the trainer has loaded stays (training reads it). */
  const deleteCachedDataset = (datasetKey: string) => {
    const loaded = store.getState().dataset.loaded;
    if (loaded?.kind === 'cached' && loaded.datasetKey === datasetKey)
      return Promise.reject(new Error('This dataset is loaded for training: load another first.'));
    return ingester.deleteDataset(datasetKey);
  };

  return {
    ingest,
    redrawSplit,
    sheetPage,
    storageUse,
    deleteCachedDataset,
    /** Call inside the drop handler. */
    dropFolder: (transfer: DataTransfer) => open(() => walkerOf(walker).fromDrop(transfer)),
    chooseFolder: () => open(() => walkerOf(walker).pick()),
    chooseFormat,
    cancelIngest: () => cancelCurrent?.(),
  };
}

function walkerOf(walker: FolderWalker | undefined): FolderWalker {
  if (!walker) throw new Error('No folder walker: this studio cannot read folders.');
  return walker;
}

export type FolderCommands = ReturnType<typeof createFolderCommands>;
