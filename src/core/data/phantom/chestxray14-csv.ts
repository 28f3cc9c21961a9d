// ChestX-ray14-layout metadata rows for phantom records (SPEC §5). Pure string code.

import { FINDINGS, type Finding, type PhantomRecord } from './types';

/** Data_Entry_2017_v2020.csv's header: the bracketed names hold commas, unquoted, as in the file. */
export const CHESTXRAY14_HEADER =
  'Image Index,Finding Labels,Follow-up #,Patient ID,Patient Age,Patient Gender,View Position,' +
  'OriginalImage[Width,Height],OriginalImagePixelSpacing[x,y]';

/** NIH spellings of the phantom's findings. */
const NIH_NAMES: Readonly<Record<Finding, string>> = {
  Atelectasis: 'Atelectasis',
  Cardiomegaly: 'Cardiomegaly',
  Consolidation: 'Consolidation',
  Edema: 'Edema',
  'Pleural Effusion': 'Effusion',
};

/** `images/00000001_000.png` → `00000001_000.png`, the Image Index and split-list entry. */
export function imageIndex(record: PhantomRecord): string {
  return record.path.slice(record.path.lastIndexOf('/') + 1);
}

/** `Cardiomegaly|Effusion` in alphabetical order, as NIH writes them, or `No Finding`. */
export function findingLabels(record: PhantomRecord): string {
  const names = FINDINGS.filter((finding) => record.labels[finding] === 1).map((f) => NIH_NAMES[f]);
  return names.length === 0 ? 'No Finding' : names.sort().join('|');
}

/** One line of the metadata CSV (no line end); pixel spacing as if the film were 35 cm wide. */
export function chestXray14Row(record: PhantomRecord): string {
  const spacing = (350 / record.width).toFixed(3);
  return [
    imageIndex(record),
    findingLabels(record),
    String(record.study - 1),
    record.patientId,
    String(record.age),
    record.sex === 'Male' ? 'M' : 'F',
    record.projection,
    String(record.width),
    String(record.height),
    spacing,
    spacing,
  ].join(',');
}
