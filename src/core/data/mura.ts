// MURA v1.1 image paths and labelled-studies CSVs → DatasetIndex (SPEC §5). Pure core.

import { forEachCsvRecord } from './csv';
import { isImagePath } from './paths';
import type { DatasetItem, ParsedDataset, ParseProblem, SplitName } from './types';

export const MURA_LABELS: readonly string[] = ['abnormal'];

/** `train/XR_SHOULDER/patient00001/study1_positive/…`, below any root (`MURA-v1.1/`, a drop). */
const STUDY_PATTERN =
  /(?:^|\/)((train|valid)\/XR_([A-Z]+)\/(patient\d+)\/(study\d+)_(positive|negative))\//i;

export interface MuraOptions {
  /** Keep only these body parts, e.g. ['SHOULDER'] (the paper's choice); `XR_` prefix optional. */
  bodyParts?: string[];
  /**
   * Study labels from `*_labeled_studies.csv` (see `parseMuraLabeledStudies`); they take
   * precedence over the `_positive`/`_negative` folder name.
   */
  studyLabels?: ReadonlyMap<string, number>;
}

/**
 * Builds the index from image paths (a dropped folder's files or `*_image_paths.csv`). One label,
 * `abnormal`; every image inherits its study's label; the split is the official train/valid.
 * Non-image files are ignored; images outside the MURA layout are listed in `problems`.
 */
export function parseMuraPaths(paths: readonly string[], opts: MuraOptions = {}): ParsedDataset {
  const parts = opts.bodyParts && new Set(opts.bodyParts.map(normalizeBodyPart));
  const result: ParsedDataset = { labels: [...MURA_LABELS], items: [], problems: [] };
  paths.forEach((path, position) => {
    if (!isImagePath(path)) return;
    const item = readMuraPath(path, opts.studyLabels);
    if (!item) {
      result.problems.push({ row: position + 1, message: `"${path}" is not in the MURA layout` });
    } else if (!parts || parts.has(item.bodyPart ?? '')) {
      result.items.push(item);
    }
  });
  return result;
}

function readMuraPath(path: string, studyLabels?: ReadonlyMap<string, number>): DatasetItem | null {
  const match = STUDY_PATTERN.exec(path);
  if (!match) return null;
  const [, studyPath = '', split = '', part = '', patientId = '', study = '', outcome = ''] = match;
  const bodyPart = part.toUpperCase();
  const folderLabel = outcome.toLowerCase() === 'positive' ? 1 : 0;
  return {
    path,
    patientId,
    target: [studyLabels?.get(muraStudyKey(studyPath)) ?? folderLabel],
    mask: [1],
    study: `XR_${bodyPart}/${patientId}/${study}`, // study1 recurs across a patient's body parts
    split: split.toLowerCase() as SplitName,
    bodyPart,
  };
}

/** An image inside MURA's `{train,valid}/XR_<PART>/patientN/studyN_{positive,negative}/` folders. */
export function isMuraImagePath(path: string): boolean {
  return isImagePath(path) && STUDY_PATTERN.test(path);
}

function normalizeBodyPart(part: string): string {
  return part.trim().toUpperCase().replace(/^XR_/, '');
}

/** Key shared by folder paths and CSV entries: from the split folder on, upper-case, no slash. */
function muraStudyKey(studyPath: string): string {
  const match = STUDY_PATTERN.exec(studyPath.endsWith('/') ? studyPath : `${studyPath}/`);
  return (match?.[1] ?? studyPath).toUpperCase();
}

/** Headerless `*_image_paths.csv`: one image path per line. */
export function parseMuraImagePaths(text: string): string[] {
  const paths: string[] = [];
  forEachCsvRecord(text, (cells) => {
    const path = cells[0]?.trim();
    if (path) paths.push(path);
  });
  return paths;
}

/** Headerless `*_labeled_studies.csv`: `MURA-v1.1/train/XR_…/patientN/studyN_positive/,1`. */
export function parseMuraLabeledStudies(text: string): {
  studyLabels: Map<string, number>;
  problems: ParseProblem[];
} {
  const studyLabels = new Map<string, number>();
  const problems: ParseProblem[] = [];
  forEachCsvRecord(text, (cells, line) => {
    const [study = '', label = ''] = cells.map((cell) => cell.trim());
    if (!STUDY_PATTERN.test(study.endsWith('/') ? study : `${study}/`)) {
      problems.push({ row: line, message: `"${study}" is not a MURA study folder` });
    } else if (label !== '0' && label !== '1') {
      problems.push({ row: line, message: `label "${label}" is neither 0 nor 1` });
    } else {
      studyLabels.set(muraStudyKey(study), Number(label));
    }
  });
  return { studyLabels, problems };
}
