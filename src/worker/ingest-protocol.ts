// Messages between the page and the ingestion worker. Types only: both sides import it, and
// neither the page nor the worker pulls the other's code in through it. A dropped folder's file
// list crosses once, in chunks (cloning a CheXpert-sized list in one message blocks the page for
// over 100 ms), and is referred to by its drop id after that.
import type { DetectedFormat } from '../core/data/detect';
import type { SheetItem, SheetPage } from '../platform/contact-sheet-source';
import type { CacheSettings, SkippedFile } from '../platform/image-cache';
import type { IndexSummary } from '../platform/index-labels';
import type { IngestSummary } from '../platform/ingest-loop';
import type { StorageUse } from '../platform/storage-full';
import type { StoredItems } from '../platform/stored-items';
import type { WalkedFile } from '../platform/walk-folder';

// The platform's types the page shows, so the page takes them from the protocol alone.
export type { LabelCount } from '../core/data/counts';
export type {
  CacheSettings,
  IndexSummary,
  IngestSummary,
  SheetItem,
  SheetPage,
  SkippedFile,
  StorageUse,
  StoredItems,
  WalkedFile,
};

export type IngestRequest =
  /** Part of a dropped folder's file list; the worker keeps it under `dropId`. The last part is
   *  answered by 'scanned'. */
  | { kind: 'drop'; id: number; dropId: number; files: WalkedFile[]; last: boolean }
  /** Caches the images of drop `dropId`, keyed by their identities. */
  | { kind: 'ingest'; id: number; dropId: number; settings: CacheSettings }
  /** Stops the ingestion `id` after the shard in progress is committed. */
  | { kind: 'cancel'; id: number }
  /** Parses the label files of drop `dropId` with `format` and stores the index under
   *  `datasetKey` (replacing an earlier one: the user may change the format). */
  | {
      kind: 'index';
      id: number;
      dropId: number;
      datasetKey: string;
      /** The dropped folder's name, kept with the index. */
      name: string;
      format: DetectedFormat;
    }
  /** What this site stores (usage, quota, cached datasets by size); answered by 'storage'. */
  | { kind: 'storage'; id: number }
  /** Deletes the cached images and label index of `datasetKey`; answered by 'storage'. */
  | { kind: 'deleteDataset'; id: number; datasetKey: string }
  /** A contact-sheet page of the cached dataset `datasetKey`: thumbnails (longer side ≤ `size`)
   *  of `count` images of group `group` from `offset`; answered by 'sheet'. */
  | {
      kind: 'sheet';
      id: number;
      datasetKey: string;
      group: number;
      offset: number;
      count: number;
      size: number;
    };

export type IngestEvent =
  /** The drop is complete in the worker: its size and the format its paths suggest. */
  | { kind: 'scanned'; id: number; files: number; detected: DetectedFormat }
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
  | ({ kind: 'sheet'; id: number } & SheetPage)
  | ({ kind: 'storage'; id: number } & StorageUse & StoredItems)
  | { kind: 'error'; id: number; message: string };
