// In-memory stand-ins for what the training session reaches outside itself (SessionDeps): the
// checkpoint slot, a dropped dataset's stored index and cached images, and the weights download.
// They let Node tests and benchmarks run the worker's session as the browser does.
import { MemoryFeed } from '../../src/core/data/memory-feed';
import type { DatasetIndex } from '../../src/core/data/types';
import type { LabelLookup } from '../../src/platform/cached-feed-source';
import { CheckpointSlots } from '../../src/platform/checkpoint-slots';
import type { ExperimentStore } from '../../src/worker/experiment-session';
import type {
  ExperimentState,
  ModelSpec,
  RunHistoryEntry,
  StageRunSpec,
  WorkerEvent,
} from '../../src/worker/protocol';
import type { CheckpointStore, RunHistoryStore, SessionDeps } from '../../src/worker/session';
import type { DatasetStore } from '../../src/worker/session-data';

/** The browser's two checkpoint slots over a Map (a structured clone per write, as IndexedDB
 *  stores): `saves` counts the writes that landed, `refuse` makes the next writes fail as the
 *  browser does when storage is full, and `records` lets a test damage what is stored. */
/** The session tests' and the checkpoint bench's network: ColorU + ResNet18 at width ⅛, 32 px. */
export const TINY_MODEL: ModelSpec = {
  colorizer: 'coloru',
  backbone: 'resnet18',
  widthMultiplier: 0.125,
  inputSize: 32,
  seed: 0,
};

/** A four-step Color Module stage on batches of 4 (validation every step unless overridden). */
export const TINY_RUN: StageRunSpec = {
  stage: 'colorModule',
  iterations: 4,
  batchSize: 4,
  accumulation: 1,
  lrMax: 0.01,
  weightDecay: 0.01,
  validateEvery: 1,
  seed: 0,
};

export class MemoryCheckpoints extends CheckpointSlots implements CheckpointStore {
  readonly records = new Map<string, unknown>();
  saves = 0;
  refuse: (() => Error) | null = null;

  constructor() {
    super({
      get: async <T>(key: string) => this.records.get(key) as T | undefined,
      write: async (puts, deletions) => {
        if (this.refuse && puts.length > 0) throw this.refuse();
        for (const [key, value] of puts) this.records.set(key, structuredClone(value));
        for (const key of deletions) this.records.delete(key);
        if (puts.length > 0) this.saves++;
      },
    });
  }

  /** The current checkpoint's bytes, unchecked. */
  get bytes(): Uint8Array | undefined {
    const head = (this.records.get('head') as number | undefined) ?? 0;
    return this.records.get(head === 0 ? 'latest' : 'other') as Uint8Array | undefined;
  }
}

/** The runs history in memory, oldest first. */
export class MemoryHistory implements RunHistoryStore {
  readonly entries = new Map<string, RunHistoryEntry>();

  async save(entry: RunHistoryEntry): Promise<void> {
    this.entries.set(entry.id, structuredClone(entry));
  }
  async list() {
    return [...this.entries.values()];
  }
  async delete(ids: readonly string[]): Promise<void> {
    for (const id of ids) this.entries.delete(id);
  }
}

/** The experiment queue's store in memory. */
export class MemoryExperiments implements ExperimentStore {
  state: ExperimentState | null = null;

  async save(state: ExperimentState): Promise<void> {
    this.state = structuredClone(state);
  }
  async load() {
    return this.state && structuredClone(this.state);
  }
}

/** A seeded 40×40 gray image per path (a cheap stand-in for the decoded cache). */
function pixelsOf(path: string) {
  let hash = 0;
  for (const char of path) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  const pixels = new Uint8Array(40 * 40);
  for (let p = 0; p < pixels.length; p++) pixels[p] = (p * 7 + hash) % 256;
  return { width: 40, height: 40, pixels };
}

/**
 * A dropped dataset under one key: its full index, and images for the `cachedPaths` only (a
 * partly ingested cache, e.g. one whose ingestion was cancelled after a few shards). The index is
 * handed out as a structured clone, as IndexedDB would.
 */
export class MemoryDatasets implements DatasetStore {
  constructor(
    readonly name: string,
    public index: DatasetIndex,
    private readonly cachedPaths: ReadonlySet<string>,
  ) {}

  async loadIndex() {
    return structuredClone({ name: this.name, format: 'chexpert' as const, index: this.index });
  }

  async trainFeed(
    _key: string,
    labels: LabelLookup,
    options: ConstructorParameters<typeof MemoryFeed>[1],
  ) {
    return new MemoryFeed(this.items([...this.cachedPaths], labels), options);
  }

  async loadItems(_key: string, paths: readonly string[], labels: LabelLookup) {
    return this.items(
      paths.filter((path) => this.cachedPaths.has(path)),
      labels,
    );
  }

  private items(paths: readonly string[], labels: LabelLookup) {
    return paths.flatMap((path) => {
      const label = labels(path);
      return label ? [{ path, image: pixelsOf(path), ...label }] : [];
    });
  }
}

/** Deps over the fakes; `events` collects everything the session posts, and `onEvent` listeners
 *  see each as it is posted (e.g. to stop the stage at a given point). */
export function fakeSessionDeps(datasets: DatasetStore, checkpoints = new MemoryCheckpoints()) {
  const events: WorkerEvent[] = [];
  const listeners: ((event: WorkerEvent) => void)[] = [];
  const deps: SessionDeps = {
    post: (event) => {
      events.push(event);
      for (const listener of listeners) listener(event);
    },
    checkpoints,
    history: new MemoryHistory(),
    datasets,
    weights: {
      download: async () => {
        throw new Error('no downloads in tests');
      },
      sha256: async () => '0'.repeat(64),
    },
  };
  const onEvent = (listener: (event: WorkerEvent) => void) => listeners.push(listener);
  return { deps, events, checkpoints, onEvent };
}
