// Messages between the page and the ingestion worker. Types only: both sides import it, and
// neither the page nor the worker pulls the other's code in through it.
import type { DetectedFormat } from '../core/data/detect';
import type { CacheSettings, SkippedFile } from '../platform/image-cache';
import type { IndexSummary } from '../platform/index-labels';
import type { IngestSummary } from '../platform/ingest-loop';
import type { WalkedFile } from '../platform/walk-folder';

// The platform's types the page shows, so the page takes them from the protocol alone.
export type { LabelCount } from '../core/data/counts';
export type { CacheSettings, IndexSummary, IngestSummary, SkippedFile, WalkedFile };

export type IngestRequest =
  | {
      kind: 'ingest';
      id: number;
      /** Every walked file; the images among them are cached, keyed by their identities. */
      files: WalkedFile[];
      settings: CacheSettings;
    }
  /** Stops the ingestion `id` after the shard in progress is committed. */
  | { kind: 'cancel'; id: number }
  /** Parses the label files among `files` with `format` and stores the index under `datasetKey`
   *  (replacing an earlier one: the user may change the format). */
  | {
      kind: 'index';
      id: number;
      datasetKey: string;
      /** The dropped folder's name, kept with the index. */
      name: string;
      files: WalkedFile[];
      format: DetectedFormat;
    };

export type IngestEvent =
  | {
      kind: 'progress';
      id: number;
      done: number;
      total: number;
      imagesPerSecond: number;
      secondsLeft: number;
    }
  | ({ kind: 'skipped'; id: number } & SkippedFile)
  | ({ kind: 'done'; id: number; datasetKey: string } & IngestSummary)
  | ({ kind: 'indexed'; id: number } & IndexSummary)
  | { kind: 'error'; id: number; message: string };
