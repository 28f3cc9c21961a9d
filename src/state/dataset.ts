// The dataset slice: demo-data form, the loaded dataset's summary, a scanned folder and its
// ingestion. Plain data only (types from the protocol and the pure core), so Node tests build it.
import type { DatasetFormat, DetectedFormat } from '../core/data/detect';
import type { IndexSummary, SkippedFile } from '../worker/ingest-protocol';
import type { DatasetRef, DatasetSummary, DemoDataRequest } from '../worker/protocol';

/** A dropped or picked folder after its file list was read (no file decoded yet). */
export interface FolderScan {
  name: string;
  files: number;
  detected: DetectedFormat;
  /** The detected format, or the user's override. */
  format: DatasetFormat;
}

/** The ingestion into the IndexedDB image cache, as the ingestion worker reports it. */
export interface IngestState {
  running: boolean;
  done: number;
  total: number;
  imagesPerSecond: number;
  secondsLeft: number;
  /** Set when it ended: images in the cache, and whether an earlier cache was reused. */
  cached: number | null;
  reused: boolean;
  resumedFrom: number;
  cancelled: boolean;
  datasetKey: string | null;
}

/** The browser storage seen before an ingestion: what the cache will need and what is free. */
export interface StorageCheck {
  neededBytes: number;
  usageBytes: number;
  quotaBytes: number;
  /** The browser agreed not to evict the cache under storage pressure. */
  persisted: boolean;
}

export interface DatasetState {
  /** The demo form. Defaults: enough patients for a stable validation AUC, images a little
   *  above the 224 px default input so random crops have room. */
  demo: DemoDataRequest;
  summary: DatasetSummary | null;
  /** What the trainer has loaded: the demo as drawn, or a cached folder by its key. */
  loaded: DatasetRef | null;
  folder: FolderScan | null;
  ingest: IngestState | null;
  storage: StorageCheck | null;
  /** What the dropped dataset's label files gave (the index itself stays in IndexedDB). */
  folderIndex: IndexSummary | null;
  skipped: SkippedFile[];
  busy: boolean;
  /** The demo-data request's failure. */
  error: string | null;
  /** Reading, scanning or ingesting a folder failed. */
  folderError: string | null;
}

export const initialDataset = (): DatasetState => ({
  demo: { patients: 200, imageSize: 256, seed: 0 },
  summary: null,
  loaded: null,
  folder: null,
  ingest: null,
  storage: null,
  folderIndex: null,
  skipped: [],
  busy: false,
  error: null,
  folderError: null,
});
