// Where every dropped file went, so the counts the Data step shows add up: files found = images
// cached + images skipped + other files, and of the cached images, those with a label row (what
// training uses) and those without; label rows that name no image are counted too. A file whose
// name neither says image nor something else (IM0001) is tried as DICOM: cached or skipped. Pure core.
import { isImagePath } from './paths';

/** Paths listed beside a count, at most this many (the count is always whole). */
const SAMPLE = 5;

export interface DatasetAccounting {
  files: number;
  /** Not images (label files, documents), by name. */
  otherFiles: { count: number; sample: string[] };
  cached: number;
  /** Images that could not be cached, files without an image extension that are not DICOM
   *  among them (their reasons were listed during ingestion). */
  skipped: number;
  /** Cached images with a label row: what training, validation and testing use. */
  labelled: number;
  /** Cached images that no label row names. */
  unlabelled: { count: number; sample: string[] };
  /** Label rows whose image is in the folder but could not be cached. */
  labelledSkipped: number;
  /** Label rows that name no image in the folder. */
  rowsWithoutImage: { count: number; sample: string[] };
}

const counted = (paths: readonly string[]) => ({
  count: paths.length,
  sample: paths.slice(0, SAMPLE),
});

export function accountFor(
  dropped: readonly string[],
  cached: ReadonlySet<string>,
  labelledPaths: readonly string[],
  rowsWithoutImage: readonly string[],
): DatasetAccounting {
  const images = dropped.filter(isImagePath);
  const others = dropped.filter((path) => !isImagePath(path));
  const withRow = new Set(labelledPaths);
  return {
    files: dropped.length,
    otherFiles: counted(others),
    cached: cached.size,
    skipped: images.filter((path) => !cached.has(path)).length,
    labelled: labelledPaths.filter((path) => cached.has(path)).length,
    unlabelled: counted([...cached].filter((path) => !withRow.has(path))),
    labelledSkipped: labelledPaths.filter((path) => !cached.has(path)).length,
    rowsWithoutImage: counted(rowsWithoutImage),
  };
}

const n = (value: number) => value.toLocaleString('en-US');
const plural = (count: number, one: string, many: string) =>
  `${n(count)} ${count === 1 ? one : many}`;
const listed = ({ count, sample }: { count: number; sample: string[] }) =>
  sample.length === 0 ? '' : `: ${sample.join(', ')}${count > sample.length ? ', …' : ''}`;

/** The accounting as the Data step says it: the files line, then each mismatch in words. */
export function describeAccounting(a: DatasetAccounting): string[] {
  const lines = [
    `${plural(a.files, 'file', 'files')} found = ${n(a.cached)} images cached + ` +
      `${n(a.skipped)} skipped + ${plural(a.otherFiles.count, 'other file', 'other files')}` +
      listed(a.otherFiles),
    `${plural(a.labelled, 'cached image has', 'cached images have')} a label row: these train, ` +
      'validate and test.',
  ];
  if (a.unlabelled.count > 0)
    lines.push(
      `${plural(a.unlabelled.count, 'image has', 'images have')} no label row (left out)` +
        listed(a.unlabelled),
    );
  if (a.labelledSkipped > 0)
    lines.push(
      `${plural(a.labelledSkipped, 'label row names an image', 'label rows name images')} ` +
        'that could not be cached (left out).',
    );
  if (a.rowsWithoutImage.count > 0)
    lines.push(
      `${plural(a.rowsWithoutImage.count, 'label row names', 'label rows name')} no image in ` +
        `the folder${listed(a.rowsWithoutImage)}`,
    );
  return lines;
}
