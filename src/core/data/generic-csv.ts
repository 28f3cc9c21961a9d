// A generic label CSV (a path column plus 0/1 label columns, or one class-name column). Pure core.

import { type ClassEncoding, encodeClasses } from './classes';
import {
  type CsvRecord,
  findColumn,
  readCsvRecords,
  refuseDuplicateColumns,
  requireColumn,
} from './csv';
import { patientIdFromPath } from './paths';
import type { DatasetItem, ParsedDataset } from './types';

export interface GenericCsvOptions {
  /** Default: the first of path, image, filename, file, Image Index; else the first column. */
  pathColumn?: string;
  /** Default: every column whose cells are all 0/1; else one class-name column (see below). */
  labelColumns?: string[];
  /** Default: a patient / patient_id / Patient ID column; else the id is guessed from the path. */
  patientColumn?: string;
  /** Named in error messages. */
  fileName?: string;
}

// SOPInstanceUID last: a DICOM folder's CSV may name its images by UID (core/data/dicom-identity.ts).
const PATH_COLUMNS = ['path', 'image', 'filename', 'file', 'Image Index', 'SOPInstanceUID'];
const PATIENT_COLUMNS = ['patient', 'patient_id', 'patientId', 'Patient ID'];
const CLASS_COLUMNS = ['label', 'class', 'diagnosis', 'finding'];
const BINARY_CELL = /^\s*(?:[01](?:\.0*)?)?\s*$/;

interface GenericColumns {
  path: number;
  patient: number;
  labelColumns: number[];
  /** One column of class names instead of 0/1 columns. */
  classNames: boolean;
}

/**
 * Paths stay as written (relative to the CSV's folder). Empty 0/1 cells are negatives, as in
 * CheXpert. Rows with an empty path or an unreadable label cell are listed in `problems`. A single
 * class-name column (`path,label` with NORMAL/PNEUMONIA) is encoded like folder names.
 */
export function parseGenericCsv(text: string, opts: GenericCsvOptions = {}): ParsedDataset {
  const [header, ...rows] = readCsvRecords(text);
  if (!header) throw new Error(`${opts.fileName ?? 'CSV'} is empty: no header row`);
  const columns = findGenericColumns(header.cells, rows, opts);
  const encoding = columns.classNames
    ? encodeClasses(
        rows.flatMap(({ cells }) => cells[columns.labelColumns[0] as number]?.trim() || []),
      )
    : undefined;
  const labels = (
    encoding?.labels ?? columns.labelColumns.map((c) => header.cells[c] as string)
  ).map((label) => label.trim());
  const negative = encoding?.negativeClass ? { negativeClass: encoding.negativeClass } : {};
  const result: ParsedDataset = { labels, items: [], problems: [], ...negative };
  for (const { cells, line } of rows) {
    const path = cells[columns.path]?.trim();
    const target = readTarget(cells, columns.labelColumns, labels, encoding);
    if (!path) result.problems.push({ row: line, message: 'the path cell is empty' });
    else if (typeof target === 'string') result.problems.push({ row: line, message: target });
    else result.items.push(genericItem(cells, columns, path, target));
  }
  return result;
}

function genericItem(
  cells: string[],
  columns: GenericColumns,
  path: string,
  target: number[],
): DatasetItem {
  const patientId = columns.patient >= 0 ? cells[columns.patient]?.trim() : undefined;
  return {
    path,
    patientId: patientId || patientIdFromPath(path),
    target,
    mask: target.map(() => 1),
  };
}

function findGenericColumns(
  header: string[],
  rows: CsvRecord[],
  opts: GenericCsvOptions,
): GenericColumns {
  refuseDuplicateColumns(header, opts.fileName);
  const path = locate(header, opts.pathColumn, PATH_COLUMNS, opts.fileName, 0);
  const patient = locate(header, opts.patientColumn, PATIENT_COLUMNS, opts.fileName, -1);
  const isBinary = (column: number) =>
    rows.every(({ cells }) => BINARY_CELL.test(cells[column] ?? ''));
  // Names only (NORMAL, PNEUMONIA): a 0/1 column with a few bad cells is not a class column.
  const hasClassNames = (column: number) =>
    rows.every(({ cells }) => !cells[column]?.trim() || !BINARY_CELL.test(cells[column] ?? ''));
  if (opts.labelColumns) {
    const labels = opts.labelColumns.map((name) => requireColumn(header, name, opts.fileName));
    const classNames = labels.length === 1 && hasClassNames(labels[0] as number);
    return { path, patient, labelColumns: labels, classNames };
  }
  const candidates = header.map((_, column) => column).filter((c) => c !== path && c !== patient);
  const binary = candidates.filter(isBinary);
  if (binary.length > 0) return { path, patient, labelColumns: binary, classNames: false };
  const named = CLASS_COLUMNS.map((name) => findColumn(header, name)).find((column) => column >= 0);
  const classColumn = named ?? (candidates.length === 1 ? candidates[0] : undefined);
  if (classColumn === undefined) {
    throw new Error(`${opts.fileName ?? 'CSV'}: no 0/1 label columns and no label/class column`);
  }
  return { path, patient, labelColumns: [classColumn], classNames: hasClassNames(classColumn) };
}

/** The named column (required), else the first default name present, else `fallback`. */
function locate(
  header: string[],
  name: string | undefined,
  defaults: string[],
  fileName: string | undefined,
  fallback: number,
): number {
  if (name !== undefined) return requireColumn(header, name, fileName);
  const found = defaults.map((candidate) => findColumn(header, candidate)).find((c) => c >= 0);
  return found ?? fallback;
}

/** The target vector, or why the row's label cells cannot be read. Empty 0/1 cells are 0. */
function readTarget(
  cells: string[],
  columns: number[],
  labels: string[],
  encoding: ClassEncoding | undefined,
): number[] | string {
  if (encoding) {
    const className = cells[columns[0] as number]?.trim();
    return className ? encoding.encode(className) : 'the label cell is empty';
  }
  const values = columns.map((column) => cells[column] ?? '');
  const bad = values.findIndex((cell) => !BINARY_CELL.test(cell));
  if (bad >= 0) return `column "${labels[bad]}": "${values[bad]}" is not 0 or 1`;
  return values.map((cell) => (cell.trim().startsWith('1') ? 1 : 0));
}
