// NIH ChestX-ray14 Data_Entry_2017(.csv|_v2020.csv) → DatasetIndex (SPEC §5). Pure core.

import { forEachCsvRecord, refuseDuplicateColumns } from './csv';
import { CHEST_LABELS, findingKey } from './labels';
import type { DatasetItem, ParsedDataset } from './types';

export interface ChestXray14Options {
  /** Findings to train on, in this order; default: the paper's five (`Effusion` ↦ Pleural Effusion). */
  labels?: string[];
  /** Named in error messages. */
  fileName?: string;
}

/** The fourteen findings as the NIH file spells them; anything else in a row is a typo or damage. */
const KNOWN_FINDINGS = new Set(
  [
    'Atelectasis',
    'Cardiomegaly',
    'Consolidation',
    'Edema',
    'Effusion',
    'Emphysema',
    'Fibrosis',
    'Hernia',
    'Infiltration',
    'Mass',
    'Nodule',
    'Pleural_Thickening',
    'Pneumonia',
    'Pneumothorax',
  ].map(findingKey),
);
const NO_FINDING = 'No Finding';

export interface HeaderColumn {
  name: string;
  /** Index of the column's first cell in the data rows. */
  cell: number;
}

interface Xray14Columns {
  image: number;
  findings: number;
  patient: number;
  followUp: number;
  projection: number;
}

/**
 * Parses the NIH metadata CSV. Every image is frontal; no label is uncertain, so `mask` is all 1.
 * `path` is the bare file name until `resolveChestXray14Images` finds it in the dropped folder.
 */
export function parseChestXray14Csv(text: string, opts: ChestXray14Options = {}): ParsedDataset {
  const labels = opts.labels ? [...opts.labels] : [...CHEST_LABELS];
  const labelKeys = labels.map(findingKey);
  const mask = Object.freeze(labels.map(() => 1)) as number[]; // no uncertain labels: shared
  const result: ParsedDataset = { labels, items: [], problems: [] };
  let columns: Xray14Columns | undefined;
  forEachCsvRecord(text, (cells, line) => {
    if (!columns) {
      columns = findXray14Columns(mergeBracketedHeader(cells), opts.fileName);
      return;
    }
    const item = readXray14Row(cells, columns, labelKeys, mask);
    if (typeof item === 'string') result.problems.push({ row: line, message: item });
    else result.items.push(item);
  });
  if (!columns) throw new Error(`${opts.fileName ?? 'ChestX-ray14 CSV'} is empty: no header row`);
  return result;
}

/**
 * The header names `OriginalImage[Width,Height]` and `OriginalImagePixelSpacing[x,y]` are not
 * quoted, so CSV splits each into two cells, just as their values take two cells in every row.
 * Rejoining them keeps each name's first cell index, which is where its values start.
 */
export function mergeBracketedHeader(cells: readonly string[]): HeaderColumn[] {
  const columns: HeaderColumn[] = [];
  let open: HeaderColumn | undefined;
  cells.forEach((cell, index) => {
    if (open) {
      open.name += `,${cell.trim()}`;
      if (cell.includes(']')) open = undefined;
      return;
    }
    const column = { name: cell.trim(), cell: index };
    if (column.name !== '') columns.push(column); // the 2017 file's trailing comma
    if (cell.includes('[') && !cell.includes(']')) open = column;
  });
  return columns;
}

function findXray14Columns(header: HeaderColumn[], fileName?: string): Xray14Columns {
  refuseDuplicateColumns(
    header.map((column) => column.name),
    fileName,
  );
  const cellOf = (name: string, required: boolean): number => {
    const column = header.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
    if (!column && required) {
      const where = fileName ? ` in ${fileName}` : '';
      const names = header.map((candidate) => candidate.name).join(', ');
      throw new Error(`Missing column "${name}"${where}; the header has: ${names}`);
    }
    return column?.cell ?? -1;
  };
  return {
    image: cellOf('Image Index', true),
    findings: cellOf('Finding Labels', true),
    patient: cellOf('Patient ID', true),
    followUp: cellOf('Follow-up #', false),
    projection: cellOf('View Position', false),
  };
}

function readXray14Row(
  cells: string[],
  columns: Xray14Columns,
  labelKeys: string[],
  mask: number[],
): DatasetItem | string {
  const image = cells[columns.image]?.trim();
  const patient = cells[columns.patient]?.trim();
  const findings = cells[columns.findings];
  if (!image || !patient || findings === undefined) {
    return `needs "Image Index", "Finding Labels" and "Patient ID"; found ${cells.length} cells`;
  }
  const names = findingNames(findings);
  const unknown = names.find((name) => !KNOWN_FINDINGS.has(findingKey(name)));
  if (unknown !== undefined) return `column "Finding Labels": unknown finding "${unknown}"`;
  const keys = names.map(findingKey);
  const followUp = optionalCell(cells, columns.followUp);
  return {
    path: image,
    patientId: patient,
    target: labelKeys.map((key) => (keys.includes(key) ? 1 : 0)),
    mask,
    view: 'frontal',
    study: followUp ? `${patient}/${followUp}` : undefined,
    projection: optionalCell(cells, columns.projection),
  };
}

/** A trimmed cell of an optional column; undefined when the column is absent or the cell empty. */
function optionalCell(cells: string[], column: number): string | undefined {
  return column >= 0 ? cells[column]?.trim() || undefined : undefined;
}

/** `Cardiomegaly|Effusion` → ['Cardiomegaly', 'Effusion']; `No Finding` → []. */
function findingNames(cell: string): string[] {
  const trimmed = cell.trim();
  if (trimmed === NO_FINDING || trimmed === '') return [];
  return trimmed.split('|').map((name) => name.trim());
}
