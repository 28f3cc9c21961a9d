// Guesses a dropped folder's dataset format from its file list alone (no file is read). Pure core.

import { classFolderCounts } from './folder';
import { isMuraImagePath } from './mura';
import { baseName, extension, isImagePath, isOsLitter } from './paths';

export type DatasetFormat = 'chexpert' | 'chestxray14' | 'mura' | 'folder' | 'csv' | 'unknown';

export interface DetectedFormat {
  format: DatasetFormat;
  /** One sentence for the user, saying what was found; they may override the guess. */
  reason: string;
  /** The label file to parse, for the formats that have one. */
  csvPath?: string;
}

const CHEXPERT_IMAGE = /(?:^|\/)patient\d+\/study\d+\/view\d+_(?:frontal|lateral)\.jpg$/i;
const CHESTXRAY14_CSV = /^Data_Entry_2017(?:_v2020)?\.csv$/i;

/**
 * Checks the specific layouts first (their label files or folder names are unmistakable), then a
 * label CSV above all images, then class folders.
 */
export function detectDatasetFormat(relativePaths: readonly string[]): DetectedFormat {
  const files = relativePaths.filter((path) => !isOsLitter(path));
  const images = files.filter(isImagePath);
  const csvs = files.filter((path) => extension(path) === 'csv').sort(byDepthThenName);
  return (
    detectCheXpert(csvs, images) ??
    detectChestXray14(csvs, images) ??
    detectMura(images) ??
    detectLabelCsv(csvs, images) ??
    detectClassFolders(images) ?? {
      format: 'unknown',
      reason:
        `No known label file or layout among ${files.length} files (${images.length} images): ` +
        'expected a CheXpert train.csv, a Data_Entry_2017.csv, MURA study folders, ' +
        'a CSV beside the images, or one folder per class.',
    }
  );
}

function detectCheXpert(csvs: string[], images: string[]): DetectedFormat | undefined {
  const csvPath = csvs.find((path) => /^(?:train|valid)\.csv$/i.test(baseName(path)));
  if (csvPath === undefined) return undefined;
  const cheXpertImages = images.filter((path) => CHEXPERT_IMAGE.test(path)).length;
  if (cheXpertImages === 0 && !/chexpert/i.test(csvPath)) return undefined;
  const reason = `${csvPath} with ${cheXpertImages} images in CheXpert's patientN/studyN/viewN_<view>.jpg folders`;
  return { format: 'chexpert', reason, csvPath };
}

function detectChestXray14(csvs: string[], images: string[]): DetectedFormat | undefined {
  const entries = csvs.filter((path) => CHESTXRAY14_CSV.test(baseName(path)));
  // The 2020 revision corrects the 2017 file's metadata, so it wins when both are present.
  const csvPath = entries.find((path) => /v2020/i.test(path)) ?? entries[0];
  if (csvPath === undefined) return undefined;
  return { format: 'chestxray14', reason: `${csvPath} with ${images.length} images`, csvPath };
}

function detectMura(images: string[]): DetectedFormat | undefined {
  const muraImages = images.filter(isMuraImagePath).length;
  if (muraImages === 0) return undefined;
  const reason = `${muraImages} images in MURA's XR_<PART>/patientN/studyN_<outcome> folders`;
  return { format: 'mura', reason };
}

/** A CSV in a folder that contains every image: it can name them all. */
function detectLabelCsv(csvs: string[], images: string[]): DetectedFormat | undefined {
  const csvPath = csvs.find((csv) => {
    const folder = csv.slice(0, csv.lastIndexOf('/') + 1);
    return images.length > 0 && images.every((image) => image.startsWith(folder));
  });
  if (csvPath === undefined) return undefined;
  const classes = classFolderCounts(images).size;
  const alternative = classes >= 2 ? `; the ${classes} class folders could be used instead` : '';
  return {
    format: 'csv',
    reason: `${csvPath} beside ${images.length} images${alternative}`,
    csvPath,
  };
}

function detectClassFolders(images: string[]): DetectedFormat | undefined {
  const counts = classFolderCounts(images);
  if (counts.size < 2) return undefined;
  const listed = [...counts].map(([name, count]) => `${name} (${count})`).join(', ');
  return { format: 'folder', reason: `${counts.size} class folders: ${listed}` };
}

/** Shallow files first: the dataset's own label file sits above its image folders. */
function byDepthThenName(a: string, b: string): number {
  return a.split('/').length - b.split('/').length || a.localeCompare(b);
}
