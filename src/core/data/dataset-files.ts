// A dropped folder (or a folder on disk) → DatasetIndex: the detected format's parser, its label
// files read through the caller, and every item's path resolved to a file that is really there.
// Pure core: the caller reads files (browser File, Node fs).
import { parseChestXray14Csv } from './chestxray14';
import { applyChestXray14SplitLists, resolveChestXray14Images } from './chestxray14-files';
import { parseCheXpertCsv } from './chexpert';
import type { DatasetFormat, DetectedFormat } from './detect';
import { applyDicomIdentities, type DicomIdentities } from './dicom-identity';
import { parseFolderPerClass } from './folder';
import { parseGenericCsv } from './generic-csv';
import { parseMuraLabeledStudies, parseMuraPaths } from './mura';
import { baseName, isImagePath } from './paths';
import type { DatasetItem, ParsedDataset } from './types';

export type ReadText = (path: string) => Promise<string>;

/** The parsed index (item paths = present files) plus items whose image is not in the folder. */
export interface DatasetFromFiles extends ParsedDataset {
  format: DatasetFormat;
  missing: string[];
}

export async function parseDatasetFiles(
  detected: DetectedFormat,
  paths: readonly string[],
  readText: ReadText,
  dicom: DicomIdentities = new Map(),
): Promise<DatasetFromFiles> {
  const parsed = await parseFormat(detected, paths, readText);
  const { items: resolved, unmatched } = resolvePaths(parsed.items, paths);
  const { items, missing } = applyDicomIdentities(resolved, unmatched, dicom);
  return { ...parsed, items, missing, format: detected.format };
}

async function parseFormat(
  detected: DetectedFormat,
  paths: readonly string[],
  readText: ReadText,
): Promise<ParsedDataset> {
  const csv = detected.csvPath;
  switch (detected.format) {
    case 'chexpert':
      return parseCheXpertFiles(paths, readText);
    case 'chestxray14': {
      const index = parseChestXray14Csv(await readText(csv as string));
      const lists = {
        trainValList: await readOptional(paths, 'train_val_list.txt', readText),
        testList: await readOptional(paths, 'test_list.txt', readText),
      };
      const resolved = resolveChestXray14Images(applyChestXray14SplitLists(index, lists), paths);
      return { ...resolved, problems: index.problems };
    }
    case 'mura': {
      const studies = await readOptional(paths, 'train_labeled_studies.csv', readText);
      const studyLabels = studies ? parseMuraLabeledStudies(studies).studyLabels : undefined;
      return parseMuraPaths(paths, studyLabels ? { studyLabels } : {});
    }
    case 'csv':
      return parseGenericCsv(await readText(csv as string), { fileName: csv });
    case 'folder':
      return parseFolderPerClass(paths);
    case 'unknown':
      throw new Error(detected.reason);
  }
}

/** CheXpert's train.csv and valid.csv when both are present (the parser reads the side from
 *  each path). */
async function parseCheXpertFiles(
  paths: readonly string[],
  readText: ReadText,
): Promise<ParsedDataset> {
  const csvs = paths.filter((p) => /^(train|valid)\.csv$/i.test(baseName(p)));
  const parts = await Promise.all(csvs.map(async (path) => parseCheXpertCsv(await readText(path))));
  const first = parts[0];
  if (!first) throw new Error('No CheXpert train.csv or valid.csv in the folder');
  return {
    labels: first.labels,
    items: parts.flatMap((p) => p.items),
    problems: parts.flatMap((p) => p.problems),
  };
}

async function readOptional(paths: readonly string[], name: string, readText: ReadText) {
  const path = paths.find((p) => baseName(p).toLowerCase() === name);
  return path === undefined ? undefined : readText(path);
}

/**
 * Label files name images relative to themselves or to a parent (`CheXpert-v1.0-small/train/…`);
 * each item is matched to the present image whose path ends with the longest part of its own, and
 * at most its first segment (its dataset root, e.g. `CheXpert-v1.0` for a `CheXpert-v1.0-small`
 * folder) may differ. Every tail of every present path is indexed once, so CheXpert's 223,414
 * files (nearly all named `view1_frontal.jpg`) resolve in linear time.
 */
function resolvePaths(items: readonly DatasetItem[], paths: readonly string[]) {
  const byTail = new Map<string, string>(); // last k segments → the first present path ending so
  for (const path of paths) {
    if (!isImagePath(path)) continue;
    const parts = path.split('/');
    for (let start = parts.length - 1; start >= 0; start--) {
      const tail = parts.slice(start).join('/');
      if (!byTail.has(tail)) byTail.set(tail, path);
    }
  }
  const resolved: DatasetItem[] = [];
  const unmatched: DatasetItem[] = [];
  for (const item of items) {
    const match = longestTailMatch(item.path, byTail);
    if (match === undefined) unmatched.push(item);
    else resolved.push({ ...item, path: match });
  }
  return { items: resolved, unmatched };
}

function longestTailMatch(wanted: string, byTail: ReadonlyMap<string, string>) {
  const parts = wanted.split('/');
  const needed = Math.min(parts.length, Math.max(2, parts.length - 1));
  for (let length = parts.length; length >= needed; length--) {
    const match = byTail.get(parts.slice(parts.length - length).join('/'));
    if (match !== undefined) return match;
  }
  return undefined;
}
