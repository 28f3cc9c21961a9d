// The generic folder-per-class layout → DatasetIndex. Pure core: works on relative paths only.

import { encodeClasses } from './classes';
import { isImagePath, patientIdFromPath, stripCommonRoot } from './paths';
import type { ParsedDataset, ParseProblem, SplitName } from './types';

/** Split folders recognised above the class folders (`chest_xray/train/NORMAL/…`). */
const SPLIT_FOLDERS: Readonly<Record<string, SplitName>> = {
  train: 'train',
  val: 'valid',
  valid: 'valid',
  validation: 'valid',
  test: 'test',
};

interface PlacedImage {
  path: string;
  className: string;
  split?: SplitName;
}

/**
 * One folder per class below the dropped folder (`NORMAL/x.jpeg`, `PNEUMONIA/y.jpeg`), optionally
 * below train/val/test folders. OS litter and non-image files are ignored; images lying outside a
 * class folder are listed in `problems`. Class names become labels as in `encodeClasses`.
 */
export function parseFolderPerClass(paths: readonly string[]): ParsedDataset {
  const { placed, problems } = placeImages(paths);
  const encoding = encodeClasses(placed.map((image) => image.className));
  const items = placed.map(({ path, className, split }) => ({
    path,
    patientId: patientIdFromPath(path),
    target: encoding.encode(className),
    mask: encoding.labels.map(() => 1),
    split,
  }));
  const negative = encoding.negativeClass ? { negativeClass: encoding.negativeClass } : {};
  return { labels: encoding.labels, items, problems, ...negative };
}

/** Images per class folder, for format detection and the summary. */
export function classFolderCounts(paths: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { className } of placeImages(paths).placed) {
    counts.set(className, (counts.get(className) ?? 0) + 1);
  }
  return counts;
}

function placeImages(paths: readonly string[]): {
  placed: PlacedImage[];
  problems: ParseProblem[];
} {
  const images = paths
    .map((path, position) => ({ path, row: position + 1 }))
    .filter(({ path }) => isImagePath(path));
  const relative = stripCommonRoot(images.map(({ path }) => path)).map((path) => path.split('/'));
  const splitLayout =
    relative.length > 0 &&
    relative.every((parts) => parts.length >= 3 && splitFolder(parts[0]) !== undefined);
  const placed: PlacedImage[] = [];
  const problems: ParseProblem[] = [];
  relative.forEach((parts, i) => {
    const { path, row } = images[i] as { path: string; row: number };
    const className = splitLayout ? parts[1] : parts.length >= 2 ? parts[0] : undefined;
    if (className === undefined) {
      problems.push({ row, message: `"${path}" is not inside a class folder` });
    } else {
      placed.push({ path, className, split: splitLayout ? splitFolder(parts[0]) : undefined });
    }
  });
  return { placed, problems };
}

function splitFolder(name: string | undefined): SplitName | undefined {
  return name === undefined ? undefined : SPLIT_FOLDERS[name.toLowerCase()];
}
