// CheXpert train.csv / valid.csv → DatasetIndex (SPEC §5). Pure core: imports only sibling modules.

import { createAnnotationReader } from './chexpert-annotations';
import { forEachCsvRecord, refuseDuplicateColumns, requireColumn } from './csv';
import { CHEST_LABELS, resolvePolicy, type UncertaintyPolicy } from './labels';
import type { DatasetItem, ParsedDataset, SplitName } from './types';

export type ChestView = 'frontal' | 'lateral';

export interface CheXpertOptions {
  /** Per-label override of the paper's default uncertainty policies. */
  policy?: Partial<Record<string, UncertaintyPolicy>>;
  /** Label columns to read, in this order; default: the paper's five. */
  labels?: string[];
  /** Keep only these views; default both. */
  views?: ChestView[];
  /** Named in error messages. */
  fileName?: string;
}

interface CheXpertColumns {
  path: number;
  view: number;
  projection: number;
  labels: number[];
  /** Highest column read: shorter rows are reported instead of read as blanks. */
  last: number;
}

/** `…/train/patient00001/study1/view1_frontal.jpg` → split, `patient00001/study1`, patient. */
const PATH_PATTERN = /(?:^|\/)(?:(train|valid|test)\/)?((patient\d+)\/study\d+)\//;

/**
 * Parses a CheXpert label CSV. Cells: `1.0` positive, `0.0` negative, `-1.0` uncertain (resolved
 * by `policy`), empty = not mentioned = negative. Rows with an unreadable cell are skipped and
 * listed in `problems`; a missing column throws. `raw` keeps the cells for `labelCounts`.
 * Items written alike share frozen target/mask/raw arrays (see chexpert-annotations.ts).
 */
export function parseCheXpertCsv(text: string, opts: CheXpertOptions = {}): ParsedDataset {
  const labels = opts.labels ? [...opts.labels] : [...CHEST_LABELS];
  const policies = labels.map((label) => resolvePolicy(label, opts.policy));
  const views = new Set<string>(opts.views ?? ['frontal', 'lateral']);
  const readRow = createRowReader(labels, policies);
  const result: ParsedDataset = { labels, items: [], problems: [] };
  let columns: CheXpertColumns | undefined;
  forEachCsvRecord(text, (cells, line) => {
    if (!columns) {
      columns = findCheXpertColumns(cells, labels, opts.fileName);
      return;
    }
    const item = readRow(cells, columns);
    if (typeof item === 'string') result.problems.push({ row: line, message: item });
    else if (views.has(item.view as string)) result.items.push(item);
  });
  if (!columns) throw new Error(`${opts.fileName ?? 'CheXpert CSV'} is empty: no header row`);
  return result;
}

function findCheXpertColumns(
  header: string[],
  labels: string[],
  fileName?: string,
): CheXpertColumns {
  refuseDuplicateColumns(header, fileName);
  const path = requireColumn(header, 'Path', fileName);
  const view = requireColumn(header, 'Frontal/Lateral', fileName);
  const projection = header.findIndex((cell) => cell.trim() === 'AP/PA');
  const labelColumns = labels.map((label) => requireColumn(header, label, fileName));
  return {
    path,
    view,
    projection,
    labels: labelColumns,
    last: Math.max(path, view, ...labelColumns),
  };
}

type RowReader = (cells: string[], columns: CheXpertColumns) => DatasetItem | string;

/**
 * Reads a row into an item, or a message saying why the row cannot be used. Repeated short
 * strings (patient ids, projections) are interned: one copy per value instead of one per row.
 */
function createRowReader(labels: string[], policies: UncertaintyPolicy[]): RowReader {
  const readAnnotation = createAnnotationReader(labels, policies);
  const intern = createInterner();
  return (cells: string[], columns: CheXpertColumns): DatasetItem | string => {
    if (cells.length <= columns.last) {
      return `has ${cells.length} cells; column ${columns.last + 1} is needed`;
    }
    const path = cells[columns.path] as string;
    const location = PATH_PATTERN.exec(path);
    if (!location) return `path "${path}" has no patientNNNNN/studyN folders`;
    const view = readView(cells[columns.view] as string);
    if (!view) {
      return `column "Frontal/Lateral": "${cells[columns.view]}" is neither Frontal nor Lateral`;
    }
    const annotation = readAnnotation(cells, columns.labels);
    if (typeof annotation === 'string') return annotation;
    const projection = columns.projection >= 0 ? cells[columns.projection]?.trim() : undefined;
    return {
      path,
      patientId: intern(location[3] as string),
      target: annotation.target,
      mask: annotation.mask,
      view,
      study: location[2],
      split: splitName(location[1]),
      raw: annotation.raw,
      projection: projection ? intern(projection) : undefined,
    };
  };
}

/** One shared copy per distinct string. */
function createInterner(): (value: string) => string {
  const seen = new Map<string, string>();
  return (value) => {
    const known = seen.get(value);
    if (known !== undefined) return known;
    seen.set(value, value);
    return value;
  };
}

/** Returns the literals, so 223,414 items share two strings instead of holding one each. */
function readView(cell: string): ChestView | undefined {
  const view = cell.trim().toLowerCase();
  return view === 'frontal' ? 'frontal' : view === 'lateral' ? 'lateral' : undefined;
}

function splitName(folder: string | undefined): SplitName | undefined {
  if (folder === 'train') return 'train';
  if (folder === 'valid') return 'valid';
  return folder === 'test' ? 'test' : undefined;
}
