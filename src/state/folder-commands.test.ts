// A dropped folder against fake workers: its format detected from the paths, progress and skipped
// files streamed into the dataset slice for this job only, then the labels indexed by the worker in
// the format the user settled on and the dataset loaded by key; failures shown at the drop zone.
import { beforeEach, expect, it, vi } from 'vitest';
import { detectDatasetFormat } from '../core/data/detect';
import type { IndexSummary, IngestEvent, IngestSummary } from '../worker/ingest-protocol';
import { type CachedDatasetLoader, createFolderCommands, type Ingester } from './folder-commands';
import { resetStudio, useStudio } from './store';

const summary: IngestSummary = {
  cached: 2,
  skipped: 1,
  reused: false,
  resumedFrom: 0,
  decoded: 3,
  cancelled: false,
};

const indexed: IndexSummary = {
  labels: ['NORMAL'],
  images: 2,
  missing: 1,
  problems: 0,
  counts: [],
  accounting: {
    files: 3,
    otherFiles: { count: 0, sample: [] },
    cached: 2,
    skipped: 1,
    labelled: 2,
    unlabelled: { count: 0, sample: [] },
    labelledSkipped: 0,
    rowsWithoutImage: { count: 1, sample: ['xrays/gone.png'] },
  },
};

const STORED = {
  usage: 10,
  quota: 100,
  details: {},
  datasets: [],
  checkpoint: null,
  runs: { count: 0, bytes: 0 },
};

/** A fake that emits `events` once subscribed, then resolves (or rejects) its job. */
function fakeIngester(
  events: IngestEvent[],
  outcome: Promise<IngestSummary>,
  index: (format: string) => Promise<IndexSummary> = async () => indexed,
) {
  let listener: ((event: IngestEvent) => void) | null = null;
  return {
    // The worker detects the format from the paths; the fake does it with the same core function.
    drop: vi.fn(async (files: readonly { path: string }[]) => ({
      dropId: 5,
      files: files.length,
      detected: detectDatasetFormat(files.map((f) => f.path)),
    })),
    ingest: vi.fn(() => ({
      id: 7,
      cancel: vi.fn(),
      done: (async () => {
        await Promise.resolve();
        for (const event of events) listener?.(event);
        return { ...(await outcome), datasetKey: 'key-1' };
      })(),
    })),
    index: vi.fn(async (_drop: number, _key: string, _name: string, format: { format: string }) =>
      index(format.format),
    ),
    subscribe: (l: (event: IngestEvent) => void) => {
      listener = l;
      return () => {
        listener = null;
      };
    },
    sheet: vi.fn(async () => ({ groups: [{ name: 'NORMAL', count: 0 }], items: [] })),
    storage: vi.fn(async () => STORED),
    deleteDataset: vi.fn(async () => STORED),
  } satisfies Ingester;
}

const file = (path: string) => ({ path, file: new File([], path.split('/').at(-1) ?? path) });

beforeEach(resetStudio);

it('detects the format from the paths, and says so for an empty folder', async () => {
  const commands = createFolderCommands({
    ingester: fakeIngester([], Promise.resolve(summary)),
    store: useStudio,
  });
  await commands.ingest([file('xrays/NORMAL/a.jpeg'), file('xrays/PNEUMONIA/b.jpeg')]);
  expect(useStudio.getState().dataset.folder).toMatchObject({
    name: 'xrays',
    files: 2,
    detected: { format: 'folder' },
  });
  await commands.ingest([]);
  expect(useStudio.getState().dataset.folderError).toMatch(/empty/);
});

it('streams this job progress and skipped files, then stores the summary', async () => {
  const ingester = fakeIngester(
    [
      { kind: 'progress', id: 7, done: 2, total: 3, imagesPerSecond: 40, secondsLeft: 0.5 },
      { kind: 'progress', id: 99, done: 1, total: 100, imagesPerSecond: 1, secondsLeft: 99 },
      { kind: 'skipped', id: 7, path: 'x/NORMAL/broken.jpeg', reason: 'not a JPEG' },
    ],
    Promise.resolve(summary),
  );
  await createFolderCommands({ ingester, store: useStudio }).ingest([file('x/NORMAL/a.jpeg')]);
  const { ingest, skipped } = useStudio.getState().dataset;
  expect(ingest).toMatchObject({
    running: false,
    done: 2,
    total: 3,
    cached: 2,
    datasetKey: 'key-1',
  });
  expect(skipped).toEqual([{ path: 'x/NORMAL/broken.jpeg', reason: 'not a JPEG' }]);
});

it('shows why an ingestion failed and stops showing it as running', async () => {
  const ingester = fakeIngester([], Promise.reject(new Error('QuotaExceededError: storage full')));
  await createFolderCommands({ ingester, store: useStudio }).ingest([file('x/a.png')]);
  const { ingest, folderError, error } = useStudio.getState().dataset;
  expect(error).toBeNull();
  expect(folderError).toBe('QuotaExceededError: storage full');
  expect(ingest?.running).toBe(false);
});

it('indexes the cached folder by key and has the trainer load it by that key alone', async () => {
  const ingester = fakeIngester([], Promise.resolve(summary));
  const trainer = {
    loadCachedDataset: vi.fn(async () => ({
      kind: 'datasetReady' as const,
      id: 1,
      summary: { name: 'xrays', labels: ['NORMAL'], splits: [], warnings: [] },
      dataset: { kind: 'cached' as const, datasetKey: 'key-1' },
    })),
  } satisfies CachedDatasetLoader;
  const files = [file('xrays/NORMAL/a.jpeg'), file('xrays/PNEUMONIA/c.jpeg')];
  await createFolderCommands({ ingester, store: useStudio, trainer }).ingest(files);
  expect(ingester.drop).toHaveBeenCalledWith(files);
  expect(ingester.ingest).toHaveBeenCalledWith(5, expect.objectContaining({ shortSide: 256 }));
  expect(ingester.index).toHaveBeenCalledWith(
    5,
    'key-1',
    'xrays',
    expect.objectContaining({ format: 'folder' }),
  );
  expect(trainer.loadCachedDataset).toHaveBeenCalledWith('key-1');
  const { folderIndex, summary: shown, loaded } = useStudio.getState().dataset;
  expect(folderIndex).toEqual(indexed);
  expect(shown?.name).toBe('xrays');
  expect(loaded).toEqual({ kind: 'cached', datasetKey: 'key-1' });
});

it('parses the labels again when the user changes the format, and shows why one does not fit', async () => {
  const ingester = fakeIngester([], Promise.resolve(summary), async (format) => {
    if (format === 'chexpert') throw new Error('No CheXpert train.csv or valid.csv in the folder');
    return indexed;
  });
  const commands = createFolderCommands({ ingester, store: useStudio });
  await commands.ingest([file('xrays/NORMAL/a.jpeg'), file('xrays/PNEUMONIA/c.jpeg')]);
  expect(useStudio.getState().dataset.folderIndex).toEqual(indexed);
  await commands.chooseFormat('chexpert');
  expect(ingester.index).toHaveBeenCalledTimes(2);
  expect(useStudio.getState().dataset.folder?.format).toBe('chexpert');
  expect(useStudio.getState().dataset.folderError).toMatch(/CheXpert/);
  expect(useStudio.getState().dataset.folderIndex).toBeNull();
});

it('checks the browser storage first and does not start an ingestion that cannot fit', async () => {
  const ingester = fakeIngester([], Promise.resolve(summary));
  const check = (free: number) =>
    vi.fn(async (images: number) => ({
      neededBytes: images * 100_000,
      usageBytes: 1e9,
      quotaBytes: 1e9 + free,
      persisted: true,
    }));
  const tooSmall = check(150_000); // two files need 200 kB
  await createFolderCommands({ ingester, store: useStudio, checkStorage: tooSmall }).ingest([
    file('x/NORMAL/a.jpeg'),
    file('x/NORMAL/b.jpeg'),
  ]);
  expect(tooSmall).toHaveBeenCalledWith(2, expect.objectContaining({ shortSide: 256 }));
  expect(ingester.ingest).not.toHaveBeenCalled();
  expect(useStudio.getState().dataset.folderError).toMatch(/needs about 0\.0 GB .* only 0\.0 GB/);
  expect(useStudio.getState().dataset.storage?.neededBytes).toBe(200_000);

  const enough = check(1e9);
  await createFolderCommands({ ingester, store: useStudio, checkStorage: enough }).ingest([
    file('x/NORMAL/a.jpeg'),
  ]);
  expect(ingester.ingest).toHaveBeenCalledTimes(1);
  expect(useStudio.getState().dataset.folderError).toBeNull();
});

it("draws the loaded folder's split again with another seed, by key, nothing re-ingested", async () => {
  const ingester = fakeIngester([], Promise.resolve(summary));
  const trainer = {
    loadCachedDataset: vi.fn(async (datasetKey: string, splitSeed?: number) => ({
      kind: 'datasetReady' as const,
      id: 2,
      summary: { name: 'xrays', labels: ['NORMAL'], splits: [], warnings: [] },
      dataset: {
        kind: 'cached' as const,
        datasetKey,
        ...(splitSeed === undefined ? {} : { splitSeed }),
      },
    })),
  } satisfies CachedDatasetLoader;
  useStudio.setState({
    dataset: { ...useStudio.getState().dataset, loaded: { kind: 'cached', datasetKey: 'key-9' } },
  });
  await createFolderCommands({ ingester, store: useStudio, trainer }).redrawSplit(4);
  expect(trainer.loadCachedDataset).toHaveBeenCalledWith('key-9', 4);
  expect(ingester.ingest).not.toHaveBeenCalled();
  expect(useStudio.getState().dataset.loaded).toEqual({
    kind: 'cached',
    datasetKey: 'key-9',
    splitSeed: 4,
  });
});

it('asks the ingestion worker for contact-sheet pages of the loaded folder only', async () => {
  const ingester = fakeIngester([], Promise.resolve(summary));
  const commands = createFolderCommands({ ingester, store: useStudio });
  const page = { group: 1, offset: 60, count: 30, size: 96 };
  expect(commands.sheetPage(page)).toBeNull();
  useStudio.setState({
    dataset: { ...useStudio.getState().dataset, loaded: { kind: 'cached', datasetKey: 'key-3' } },
  });
  await commands.sheetPage(page);
  expect(ingester.sheet).toHaveBeenCalledWith('key-3', page);
});

it('caches a folder of unknown layout but says why only once, beside the format picker', async () => {
  const ingester = fakeIngester([], Promise.resolve(summary));
  const files = [file('scans/a.png'), file('scans/b.png')];
  await createFolderCommands({ ingester, store: useStudio }).ingest(files);
  const { folder, folderError } = useStudio.getState().dataset;
  expect(folder?.detected.format).toBe('unknown');
  expect(folder?.detected.reason).toMatch(/^No known label file or layout/);
  expect(ingester.ingest).toHaveBeenCalled();
  expect(ingester.index).not.toHaveBeenCalled();
  expect(folderError).toBeNull();
});

it('deletes a cached dataset in the worker, but never the one loaded for training', async () => {
  const ingester = fakeIngester([], Promise.resolve(summary));
  const commands = createFolderCommands({ ingester, store: useStudio });
  useStudio.setState({
    dataset: { ...useStudio.getState().dataset, loaded: { kind: 'cached', datasetKey: 'in-use' } },
  });
  await expect(commands.deleteCachedDataset('in-use')).rejects.toThrow(
    'This dataset is loaded for training: load another first.',
  );
  expect(ingester.deleteDataset).not.toHaveBeenCalled();
  await commands.deleteCachedDataset('old');
  expect(ingester.deleteDataset).toHaveBeenCalledWith('old');
});
