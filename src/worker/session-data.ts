// The worker's dataset: the built-in phantom demo or a dropped folder already in the IndexedDB
// image cache, split by patient, with the summary the page charts. Worker-only.

import { resolvePolicy, type UncertaintyPolicy } from '../core/data/labels';
import type { FeedItem } from '../core/data/memory-feed';
import { splitKeepingHoldout } from '../core/data/split';
import type { DatasetIndex, DatasetItem, SplitName } from '../core/data/types';
import { phantomDemo } from '../core/experiment/demo-data';
import { joinImages } from '../core/experiment/labelled-images';
import type { TrainFeedFactory } from '../core/experiment/stage-session';
import { deriveSeed } from '../core/util/random';
import { createCachedFeed, loadCachedItems } from '../platform/cached-feed-source';
import type { DatasetSummary, DemoDataRequest } from './protocol';

/** How to load the dataset again after a reload (kept in checkpoints). */
export type DataSource =
  | { kind: 'demo'; demo: DemoDataRequest }
  | { kind: 'cached'; name: string; datasetKey: string; index: DatasetIndex };

export interface WorkerDataset {
  source: DataSource;
  labels: string[];
  /** How uncertain labels became targets (CheXpert-style sets only; empty otherwise). */
  uncertaintyPolicies: Record<string, UncertaintyPolicy>;
  train: readonly FeedItem[] | TrainFeedFactory;
  valid: FeedItem[];
  summary: DatasetSummary;
}

const SPLIT_SEED = 0;
const SIDES: SplitName[] = ['train', 'valid', 'test'];

export function loadDataset(source: DataSource): Promise<WorkerDataset> | WorkerDataset {
  return source.kind === 'demo' ? loadDemo(source) : loadCached(source);
}

function loadDemo(source: Extract<DataSource, { kind: 'demo' }>): WorkerDataset {
  const { index, images } = phantomDemo(source.demo);
  const { data } = joinImages('phantom', index, (path) => images.get(path));
  return {
    source,
    labels: data.labels,
    uncertaintyPolicies: policiesOf(index),
    train: data.splits.train,
    valid: data.splits.valid,
    summary: summarize('Phantom demo', index),
  };
}

/** Official held-out sides are kept; the rest is drawn by patient (70 / 15 / 15). */
async function loadCached(source: Extract<DataSource, { kind: 'cached' }>): Promise<WorkerDataset> {
  const index = splitKeepingHoldout(
    source.index,
    { train: 0.7, valid: 0.15, test: 0.15 },
    deriveSeed(SPLIT_SEED, source.datasetKey),
  );
  const bySide = (side: SplitName) =>
    new Map(index.items.filter((i) => i.split === side).map((i) => [i.path, i]));
  const trainItems = bySide('train');
  const validItems = bySide('valid');
  const labelsOf = (items: Map<string, DatasetItem>) => (path: string) => {
    const item = items.get(path);
    return item ? { target: item.target, mask: item.mask } : null;
  };
  const valid = await loadCachedItems(
    source.datasetKey,
    [...validItems.keys()],
    labelsOf(validItems),
  );
  return {
    source,
    labels: index.labels,
    uncertaintyPolicies: policiesOf(index),
    train: (options) => createCachedFeed(source.datasetKey, labelsOf(trainItems), options),
    valid,
    summary: summarize(source.name, index),
  };
}

/** The parsers' default policies (SPEC §5), for datasets that have uncertain labels (`raw`). */
function policiesOf(index: DatasetIndex): Record<string, UncertaintyPolicy> {
  if (!index.items.some((item) => item.raw !== undefined)) return {};
  return Object.fromEntries(index.labels.map((label) => [label, resolvePolicy(label)]));
}

function summarize(name: string, index: DatasetIndex): DatasetSummary {
  return {
    name,
    labels: [...index.labels],
    splits: SIDES.map((split) => {
      const items = index.items.filter((i) => (i.split ?? 'train') === split);
      return {
        split,
        images: items.length,
        patients: new Set(items.map((i) => i.patientId)).size,
        positives: index.labels.map(
          (_, l) => items.filter((i) => i.target[l] === 1 && i.mask[l] === 1).length,
        ),
      };
    }),
  };
}
