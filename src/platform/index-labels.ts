// Parsing a dropped folder's label files, in the ingestion worker (a CheXpert-sized CSV takes about
// 2 s, which would freeze the page): the detected or chosen format's parser, every item resolved
// to a dropped image; the worker stores the index, the page gets only what it shows.
import { accountFor, type DatasetAccounting } from '../core/data/accounting';
import { type LabelCount, labelCounts } from '../core/data/counts';
import { parseDatasetFiles } from '../core/data/dataset-files';
import type { DetectedFormat } from '../core/data/detect';
import type { DicomIdentities } from '../core/data/dicom-identity';
import type { StoredDatasetIndex } from './dataset-index-store';
import type { WalkedFile } from './walk-folder';

/** What the page shows of a parsed index (the index itself stays in IndexedDB). */
export interface IndexSummary {
  labels: string[];
  /** Items whose image is in the folder (the ones training can use). */
  images: number;
  /** Items whose image is not in the folder (left out), rows the parser skipped. */
  missing: number;
  problems: number;
  counts: LabelCount[];
  /** What a single binary label's 0 means ("NORMAL"), when the classes were named. */
  negativeClass?: string;
  /** Where every dropped file went (cached, skipped, other; with a label row or not). */
  accounting: DatasetAccounting;
}

/** The index to store and its summary for the page; throws naming the label file's fault, or when
 *  no listed image is in the folder. */
export async function indexLabels(
  name: string,
  detected: DetectedFormat,
  files: readonly WalkedFile[],
  cached: ReadonlySet<string>,
  dicom: DicomIdentities = new Map(),
): Promise<{ record: StoredDatasetIndex; summary: IndexSummary }> {
  const byPath = new Map(files.map(({ path, file }) => [path, file]));
  const readText = (path: string) => {
    const file = byPath.get(path);
    if (file === undefined) throw new Error(`${path} is not in the dropped folder`);
    return file.text();
  };
  const parsed = await parseDatasetFiles(detected, [...byPath.keys()], readText, dicom);
  const index = { labels: parsed.labels, items: parsed.items };
  if (index.items.length === 0) {
    throw new Error(
      `The ${detected.format} label files of ${name} name no image that is in the folder ` +
        `(${parsed.missing.length} listed images missing, ${parsed.problems.length} rows skipped).`,
    );
  }
  const summary = {
    labels: index.labels,
    images: index.items.length,
    missing: parsed.missing.length,
    problems: parsed.problems.length,
    counts: labelCounts(index),
    accounting: accountFor(
      files.map((f) => f.path),
      cached,
      index.items.map((item) => item.path),
      parsed.missing,
    ),
    ...(parsed.negativeClass ? { negativeClass: parsed.negativeClass } : {}),
  };
  const negative = parsed.negativeClass ? { negativeClass: parsed.negativeClass } : {};
  return { record: { name, format: parsed.format, index, ...negative }, summary };
}
