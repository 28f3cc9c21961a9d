// An experiment on a dropped folder: the queue reads the cached folder by key and gives the very
// reports the headless runner gives for the same config over the same images; without a loaded
// folder, or with one too large to hold, it says what to do and runs nothing.
import { expect, it } from 'vitest';
import { fakeSessionDeps, MemoryExperiments } from '../../test/helpers/session-fakes';
import type { FeedOptions } from '../core/data/feed';
import type { DatasetIndex } from '../core/data/types';
import { parseExperimentConfig } from '../core/experiment/config';
import { phantomDataset } from '../core/experiment/demo-data';
import { runExperiment, type StageRunReport } from '../core/experiment/experiment';
import type { LabelLookup } from '../platform/cached-feed-source';
import { loadExperimentData } from './experiment-data';
import { ExperimentQueue } from './experiment-session';
import { TrainerSession } from './session';
import type { DatasetStore } from './session-data';

const FOLDER = 'xray-folder';
const KEY = 'key-of-xray-folder';
const demo = phantomDataset({ patients: 24, imageSize: 40, seed: 5 });

const CONFIG = parseExperimentConfig({
  name: 'folder-queue-test',
  dataset: { kind: 'folder', path: FOLDER },
  inputSize: 32,
  backbone: 'resnet18',
  widthMultiplier: 0.125,
  seeds: [0],
  chains: [{ colorizer: 'replicate', stages: [{ stage: 'baseline' }] }],
  training: { iterations: 3, batchSize: 4, validateEvery: 3, lrMax: 0.01, augment: false },
});

/** The phantom's images as a folder the ingestion worker cached under KEY. */
class PhantomFolderStore implements DatasetStore {
  readonly requested: string[][] = [];
  constructor(private readonly index: DatasetIndex = demo.index) {}
  async loadIndex(key: string) {
    expect(key).toBe(KEY);
    return structuredClone({ name: FOLDER, format: 'folder' as const, index: this.index });
  }
  async trainFeed(_key: string, _labels: LabelLookup, _options: FeedOptions): Promise<never> {
    throw new Error('an experiment holds its images; it never streams them');
  }
  async loadItems(_key: string, paths: readonly string[], labels: LabelLookup) {
    this.requested.push([...paths]);
    return paths.flatMap((path) => {
      const image = demo.images.get(path);
      const label = labels(path);
      return image && label ? [{ path, image, ...label }] : [];
    });
  }
}

function folderQueue(store: DatasetStore) {
  const fake = fakeSessionDeps(store);
  const deps = { ...fake.deps, experiments: new MemoryExperiments() };
  return { queue: new ExperimentQueue(new TrainerSession(deps), deps), ...fake };
}

const comparable = (r: StageRunReport) => ({ ...r, trainSeconds: 0, evaluationSeconds: 0 });

it('runs a folder config on the cached folder and reports what the runner reports', async () => {
  const { queue, events } = folderQueue(new PhantomFolderStore());
  await queue.start(1, CONFIG, KEY);
  const reports = events.flatMap((e) => (e.kind === 'runSaved' ? [e.entry.report] : []));
  const runner = await runExperiment(
    CONFIG,
    { name: FOLDER, index: demo.index, imageOf: (path) => demo.images.get(path) },
    { backend: 'cpu' },
  );
  expect(reports).toHaveLength(1);
  expect(reports.map(comparable)).toEqual(runner.map(comparable));
  const progress = events.filter((e) => e.kind === 'progress');
  expect(progress.at(-1)).toMatchObject({ done: demo.index.items.length });
}, 120_000);

it('says to drop the folder first when none is loaded, and runs nothing', async () => {
  const { queue, events } = folderQueue(new PhantomFolderStore());
  await expect(queue.start(1, CONFIG)).rejects.toThrow(
    `This experiment runs on the folder "${FOLDER}": drop that folder in the Data step first`,
  );
  expect(events.some((e) => e.kind === 'trainStep')).toBe(false);
});

it('refuses a folder too large to hold after reading one chunk, naming its size', async () => {
  const store = new PhantomFolderStore();
  const count = demo.index.items.length;
  const bytesEach = 40 * 40; // the phantom's 8-bit 40 × 40 images
  await expect(
    loadExperimentData(CONFIG, KEY, store, () => {}, bytesEach * count - 1),
  ).rejects.toThrow(`"${FOLDER}" has ${count} images`);
  expect(store.requested).toHaveLength(1);
  const held = await loadExperimentData(CONFIG, KEY, store, () => {}, bytesEach * count);
  expect(held.imageOf(demo.index.items[0]?.path ?? '')).toBe(
    demo.images.get(demo.index.items[0]?.path ?? ''),
  );
});
