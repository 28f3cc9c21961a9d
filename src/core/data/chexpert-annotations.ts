// CheXpert label cells → shared, frozen target/mask/raw vectors. Pure core, sibling imports only.
// Why shared: 223,414 rows hold only a few hundred distinct annotations, and three fresh arrays
// per row would cost about as much memory as everything else in the index together.

import type { UncertaintyPolicy } from './labels';

export interface Annotation {
  target: number[];
  mask: number[];
  raw: number[];
}

/** Label cell → code, or -1 when unreadable. Codes index `RAW_VALUES`. */
function labelCellCode(cell: string): number {
  switch (cell.trim()) {
    case '':
      return 0;
    case '0.0':
    case '0':
      return 1;
    case '1.0':
    case '1':
      return 2;
    case '-1.0':
    case '-1':
      return 3;
    default:
      return -1;
  }
}
/** Empty = not mentioned = NaN; -1 = uncertain. */
const RAW_VALUES = [Number.NaN, 0, 1, -1];
/** Base-4 keys stay exact integers (< 2^53) up to this many labels; CheXpert has 14. */
const MAX_LABELS = 26;

/**
 * Returns a reader of one row's label cells: the row's annotation, shared with every row written
 * the same way (the arrays are frozen, so no consumer can change another row's labels), or a
 * message naming the bad cell.
 */
export function createAnnotationReader(
  labels: readonly string[],
  policies: readonly UncertaintyPolicy[],
): (cells: readonly string[], columns: readonly number[]) => Annotation | string {
  if (labels.length > MAX_LABELS) throw new Error(`At most ${MAX_LABELS} CheXpert labels at once`);
  const shared = new Map<number, Annotation>();
  return (cells, columns) => {
    let key = 0;
    for (let i = 0; i < columns.length; i++) {
      const cell = cells[columns[i] as number] ?? '';
      const code = labelCellCode(cell);
      if (code < 0) return `column "${labels[i]}": "${cell}" is not 1.0, 0.0, -1.0 or empty`;
      key = key * 4 + code;
    }
    let annotation = shared.get(key);
    if (!annotation) {
      const raw = columns.map((column) => RAW_VALUES[labelCellCode(cells[column] ?? '')] as number);
      annotation = applyPolicies(raw, policies);
      shared.set(key, annotation);
    }
    return annotation;
  };
}

function applyPolicies(raw: number[], policies: readonly UncertaintyPolicy[]): Annotation {
  const target = raw.map((value, i) =>
    value === 1 || (value === -1 && policies[i] === 'ones') ? 1 : 0,
  );
  const mask = raw.map((value, i) => (value === -1 && policies[i] === 'ignore' ? 0 : 1));
  return {
    target: Object.freeze(target) as number[],
    mask: Object.freeze(mask) as number[],
    raw: Object.freeze(raw) as number[],
  };
}
