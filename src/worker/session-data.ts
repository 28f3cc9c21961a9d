// The worker's dataset: the built-in phantom demo, or a dropped folder whose index and images the
// ingestion worker stored under its key, split by patient, with the summary the page charts.
// Storage comes in through `DatasetStore`, so Node tests run the session on fakes. Worker-only.

import { oneClassWarnings } from '../core/data/counts';
import type { BatchFeed, FeedOptions } from '../core/data/feed';
import { resolvePolicy, type UncertaintyPolicy } from '../core/data/labels';
import type { FeedItem } from '../core/data/memory-feed';
import { DEFAULT_SPLIT, splitKeepingHoldout } from '../core/data/split';
import type { DatasetIndex, DatasetItem, SplitName } from '../core/data/types';
import { phantomDemo } from '../core/experiment/demo-data';
import { joinImages } from '../core/experiment/labelled-images';
import type { TrainFeedFactory } from '../core/experiment/stage-session';
import type { LabelLookup, PathedItem } from '../platform/cached-feed-source';
import type { StoredDatasetIndex } from '../platform/dataset-index-store';
import type { DatasetRef, DatasetSummary } from './protocol';

/** Where a dropped dataset's index and images live (IndexedDB in the browser). */
export interface DatasetStore {
  loadIndex(datasetKey: string): Promise<StoredDatasetIndex>;
  /** A seeded training feed over the stored images that `labels` knows. */
  trainFeed(datasetKey: string, labels: LabelLookup, options: FeedOptions): Promise<BatchFeed>;
  /** The labelled images among `paths`, in memory (validation, experiments). */
  loadItems(
    datasetKey: string,
    paths: readonly string[],
    labels: LabelLookup,
  ): Promise<PathedItem[]>;
}

/** How the data was split: what a checkpoint records to recognise the same split on resume. */
export interface SplitRecord {
  seed: number;
  images: Record<SplitName, number>;
}

export interface WorkerDataset {
  ref: DatasetRef;
  split: SplitRecord;
  labels: string[];
  /** How uncertain labels became targets (CheXpert-style sets only; empty otherwise). */
  uncertaintyPolicies: Record<string, UncertaintyPolicy>;
  train: readonly FeedItem[] | TrainFeedFactory;
  valid: FeedItem[];
  summary: DatasetSummary;
}

const SIDES: readonly SplitName[] = ['train', 'valid', 'test'];

export function loadDataset(ref: DatasetRef, store: DatasetStore): Promise<WorkerDataset> {
  return ref.kind === 'demo' ? Promise.resolve(loadDemo(ref)) : loadCached(ref, store);
}

/** One string per dataset reference: equal strings, same data. */
export const datasetRefKey = (ref: DatasetRef): string =>
  ref.kind === 'demo'
    ? `demo:${JSON.stringify(ref.demo)}`
    : `cached:${ref.datasetKey}:${splitSeedOf(ref)}`;

/** The seed a cached dataset is split by. */
export const splitSeedOf = (ref: Extract<DatasetRef, { kind: 'cached' }>): number =>
  ref.splitSeed ?? DEFAULT_SPLIT.seed;

function loadDemo(ref: Extract<DatasetRef, { kind: 'demo' }>): WorkerDataset {
  const { index, images } = phantomDemo(ref.demo);
  const { data } = joinImages('phantom', index, (path) => images.get(path));
  const summary = summarize('Phantom demo', index);
  return {
    ref,
    split: splitRecord(ref.demo.seed, summary),
    labels: data.labels,
    uncertaintyPolicies: policiesOf(index),
    train: data.splits.train,
    valid: data.splits.valid,
    summary,
  };
}

/** Official held-out sides are kept; the rest is drawn by patient (DEFAULT_SPLIT's fractions,
 *  the ref's seed). */
async function loadCached(
  ref: Extract<DatasetRef, { kind: 'cached' }>,
  store: DatasetStore,
): Promise<WorkerDataset> {
  const key = ref.datasetKey;
  const stored = await store.loadIndex(key);
  const seed = splitSeedOf(ref);
  const index = splitKeepingHoldout(stored.index, DEFAULT_SPLIT, seed);
  const trainLabels = labelsOn(index, 'train');
  const validLabels = labelsOn(index, 'valid');
  const validPaths = index.items.filter((i) => i.split === 'valid').map((i) => i.path);
  const summary = summarize(stored.name, index);
  return {
    ref,
    split: splitRecord(seed, summary),
    labels: index.labels,
    uncertaintyPolicies: policiesOf(index),
    train: (options) => store.trainFeed(key, trainLabels, options),
    valid: await store.loadItems(key, validPaths, validLabels),
    summary,
  };
}

/** Target and mask of the items on one side, by path. */
function labelsOn(index: DatasetIndex, side: SplitName): LabelLookup {
  const items = new Map<string, DatasetItem>();
  for (const item of index.items) if (item.split === side) items.set(item.path, item);
  return (path) => {
    const item = items.get(path);
    return item ? { target: item.target, mask: item.mask } : null;
  };
}

function splitRecord(seed: number, summary: DatasetSummary): SplitRecord {
  const images = { train: 0, valid: 0, test: 0 };
  for (const side of summary.splits) images[side.split] = side.images;
  return { seed, images };
}

/** The parsers' default policies (SPEC §5), for datasets that have uncertain labels (`raw`). */
function policiesOf(index: DatasetIndex): Record<string, UncertaintyPolicy> {
  if (!index.items.some((item) => item.raw !== undefined)) return {};
  return Object.fromEntries(index.labels.map((label) => [label, resolvePolicy(label)]));
}

function summarize(name: string, index: DatasetIndex): DatasetSummary {
  const splits = SIDES.map((split) => {
    const items = index.items.filter((i) => (i.split ?? 'train') === split);
    const count = (target: number) =>
      index.labels.map(
        (_, l) => items.filter((i) => i.target[l] === target && i.mask[l] === 1).length,
      );
    return {
      split,
      images: items.length,
      patients: new Set(items.map((i) => i.patientId)).size,
      positives: count(1),
      negatives: count(0),
    };
  });
  return {
    name,
    labels: [...index.labels],
    splits,
    warnings: oneClassWarnings(index.labels, splits),
  };
}
