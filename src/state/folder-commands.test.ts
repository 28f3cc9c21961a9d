// Folder ingestion against a fake ingestion worker: progress and skipped files stream into the
// dataset slice for this job only, the summary lands at the end, a failure is shown.
import { beforeEach, expect, it, vi } from 'vitest';
import type { IngestEvent, IngestSummary } from '../worker/ingest-protocol';
import { createCommands, type Trainer } from './commands';
import { createFolderCommands, type Ingester } from './folder-commands';
import { resetStudio, useStudio } from './store';

const summary: IngestSummary = {
  cached: 2,
  skipped: 1,
  reused: false,
  resumedFrom: 0,
  decoded: 3,
  cancelled: false,
};

/** A fake that emits `events` once subscribed, then resolves (or rejects) its job. */
function fakeIngester(events: IngestEvent[], outcome: Promise<IngestSummary>): Ingester {
  let listener: ((event: IngestEvent) => void) | null = null;
  return {
    ingest: vi.fn(async (files) => ({
      id: 7,
      datasetKey: 'key-1',
      files: [...files],
      cancel: vi.fn(),
      done: (async () => {
        await Promise.resolve();
        for (const event of events) listener?.(event);
        return outcome;
      })(),
    })),
    subscribe: (l) => {
      listener = l;
      return () => {
        listener = null;
      };
    },
  };
}

/** Folder scans need no worker: a trainer that is never called. */
const fakeTrainer = () => ({}) as Trainer;

const file = (path: string) => ({ path, file: new File([], path.split('/').at(-1) ?? path) });

beforeEach(resetStudio);

it('streams this job progress and skipped files, then stores the summary', async () => {
  const ingester = fakeIngester(
    [
      { kind: 'progress', id: 7, done: 2, total: 3, imagesPerSecond: 40, secondsLeft: 0.5 },
      { kind: 'progress', id: 99, done: 1, total: 100, imagesPerSecond: 1, secondsLeft: 99 },
      { kind: 'skipped', id: 7, path: 'x/NORMAL/broken.jpeg', reason: 'not a JPEG' },
    ],
    Promise.resolve(summary),
  );
  await createFolderCommands(ingester, useStudio).ingest([file('x/NORMAL/a.jpeg')]);
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
  await createFolderCommands(ingester, useStudio).ingest([file('x/a.png')]);
  const { ingest, folderError, error } = useStudio.getState().dataset;
  expect(error).toBeNull();
  expect(folderError).toBe('QuotaExceededError: storage full');
  expect(ingest?.running).toBe(false);
});

it('parses the labels of the cached folder in the format the user settled on', async () => {
  const files = [
    file('xrays/NORMAL/a.jpeg'),
    file('xrays/NORMAL/b.jpeg'),
    file('xrays/PNEUMONIA/c.jpeg'),
  ];
  createCommands(fakeTrainer(), useStudio, vi.fn()).scanFolder(files);
  expect(useStudio.getState().dataset.folder?.format).toBe('folder');
  await createFolderCommands(fakeIngester([], Promise.resolve(summary)), useStudio).ingest(files);
  const folderIndex = useStudio.getState().dataset.folderIndex;
  expect(folderIndex?.index.items.map((item) => item.path)).toEqual(files.map((f) => f.path));
  expect(folderIndex?.index.labels.length).toBeGreaterThan(0);
  expect(folderIndex).toMatchObject({ missing: 0, problems: 0 });
});

it('shows why the labels could not be parsed when the override does not fit', async () => {
  const files = [file('xrays/NORMAL/a.jpeg'), file('xrays/PNEUMONIA/c.jpeg')];
  createCommands(fakeTrainer(), useStudio, vi.fn()).scanFolder(files);
  useStudio.getState().overrideFolderFormat('chexpert');
  await createFolderCommands(fakeIngester([], Promise.resolve(summary)), useStudio).ingest(files);
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
  await createFolderCommands(ingester, useStudio, undefined, tooSmall).ingest([
    file('x/NORMAL/a.jpeg'),
    file('x/NORMAL/b.jpeg'),
  ]);
  expect(tooSmall).toHaveBeenCalledWith(2, expect.objectContaining({ shortSide: 256 }));
  expect(ingester.ingest).not.toHaveBeenCalled();
  expect(useStudio.getState().dataset.folderError).toMatch(/needs about 0\.0 GB .* only 0\.0 GB/);
  expect(useStudio.getState().dataset.storage?.neededBytes).toBe(200_000);

  await createFolderCommands(ingester, useStudio, undefined, check(1e9)).ingest([
    file('x/NORMAL/a.jpeg'),
  ]);
  expect(ingester.ingest).toHaveBeenCalledTimes(1);
  expect(useStudio.getState().dataset.folderError).toBeNull();
});
