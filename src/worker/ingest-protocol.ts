// Messages between the page and the ingestion worker. Types only: both sides import it, and
// neither the page nor the worker pulls the other's code in through it.
import type { CacheSettings } from '../platform/image-cache';
import type { WalkedFile } from '../platform/walk-folder';

export type IngestRequest =
  | {
      kind: 'ingest';
      id: number;
      /** Image files only, sorted by path (imageFiles), in the order the key was computed on. */
      files: WalkedFile[];
      settings: CacheSettings;
      /** datasetKey(files, settings): the same drop maps to the same cache. */
      datasetKey: string;
    }
  /** Stops the ingestion `id` after the shard in progress is committed. */
  | { kind: 'cancel'; id: number };

export interface IngestSummary {
  /** Images in the cache for this key now. */
  cached: number;
  /** Files listed as skipped (with reasons) in the manifest. */
  skipped: number;
  /** The cache was complete already: nothing was decoded. */
  reused: boolean;
  /** Files already done (committed shards) when this run started; 0 for a fresh ingestion. */
  resumedFrom: number;
  /** Files decoded by this run. */
  decoded: number;
  cancelled: boolean;
}

export type IngestEvent =
  | {
      kind: 'progress';
      id: number;
      done: number;
      total: number;
      imagesPerSecond: number;
      secondsLeft: number;
    }
  | { kind: 'skipped'; id: number; path: string; reason: string }
  | ({ kind: 'done'; id: number } & IngestSummary)
  | { kind: 'error'; id: number; message: string };
