// The text files of a phantom dataset (label CSVs, split lists), per site. Pure string code, so
// the browser can build a demo dataset in memory and a Node script can stream one to disk.

import { CHESTXRAY14_HEADER, chestXray14Row, imageIndex } from './chestxray14-csv';
import { CHEXPERT_HEADER, CHEXPERT_ROOT, cheXpertRow } from './chexpert-csv';
import type { PhantomRecord, PhantomSite } from './types';

/** A text file of the layout, relative to the dataset root, with its header line if it has one. */
export interface PhantomTextFile {
  path: string;
  header?: string;
}

/** A line that one record adds to one of the layout's files. */
export interface PhantomTextLine {
  path: string;
  line: string;
}

export interface PhantomLayout {
  files: readonly PhantomTextFile[];
  linesFor(record: PhantomRecord): PhantomTextLine[];
}

const CHEXPERT_TRAIN = `${CHEXPERT_ROOT}/train.csv`;
const CHEXPERT_VALID = `${CHEXPERT_ROOT}/valid.csv`;
const XRAY14_ENTRIES = 'Data_Entry_2017_v2020.csv';
const XRAY14_TRAIN_VAL = 'train_val_list.txt';
const XRAY14_TEST = 'test_list.txt';

/**
 * CheXpert: `CheXpert-v1.0-small/{train,valid}.csv`. ChestX-ray14: `Data_Entry_2017_v2020.csv`
 * plus the official split lists by patient, `train_val_list.txt` and `test_list.txt`.
 */
export function phantomLayout(site: PhantomSite): PhantomLayout {
  if (site === 'chexpert') {
    return {
      files: [
        { path: CHEXPERT_TRAIN, header: CHEXPERT_HEADER },
        { path: CHEXPERT_VALID, header: CHEXPERT_HEADER },
      ],
      linesFor: (record) => [
        {
          path: record.split === 'train' ? CHEXPERT_TRAIN : CHEXPERT_VALID,
          line: cheXpertRow(record),
        },
      ],
    };
  }
  return {
    files: [
      { path: XRAY14_ENTRIES, header: CHESTXRAY14_HEADER },
      { path: XRAY14_TRAIN_VAL },
      { path: XRAY14_TEST },
    ],
    linesFor: (record) => [
      { path: XRAY14_ENTRIES, line: chestXray14Row(record) },
      { path: record.split === 'test' ? XRAY14_TEST : XRAY14_TRAIN_VAL, line: imageIndex(record) },
    ],
  };
}

/** Every text file of the layout in memory: path → contents, each line ending in `\n`. */
export function phantomTextFiles(
  site: PhantomSite,
  records: Iterable<PhantomRecord>,
): Map<string, string> {
  const layout = phantomLayout(site);
  const lines = new Map<string, string[]>(
    layout.files.map((file) => [file.path, file.header === undefined ? [] : [file.header]]),
  );
  for (const record of records) {
    for (const { path, line } of layout.linesFor(record)) lines.get(path)?.push(line);
  }
  return new Map(
    [...lines].map(([path, text]) => [path, text.map((line) => `${line}\n`).join('')]),
  );
}
