// ROC curves of the Results view: each stage run's test-split curve for one label, and the
// vertical average of a procedure's runs (TPR averaged at fixed FPRs, as in scikit-learn's
// cross-validated ROC example). Pure functions over plain arrays (tested in Node).
import type { RunHistoryEntry } from '../worker/protocol';
import { formatFraction, type RocPoints, variantLabel } from './pure-core';

/** One point as recharts reads it. */
export interface RocXY {
  fpr: number;
  tpr: number;
}

/** FPRs the averaged curve is sampled at: 0, 0.02, …, 1. */
export const AVERAGE_GRID = 51;

/** TPR of a ROC curve at false-positive rate `x`: the highest TPR reached at exactly `x` (the
 *  top of a vertical step), else linear between the neighbouring points. */
export function tprAt(curve: RocPoints, x: number): number {
  const { fpr, tpr } = curve;
  let i = -1;
  while (i + 1 < fpr.length && (fpr[i + 1] as number) <= x) i++;
  if (i < 0) return 0;
  const x0 = fpr[i] as number;
  const y0 = tpr[i] as number;
  const x1 = fpr[i + 1];
  const y1 = tpr[i + 1];
  if (x0 === x || x1 === undefined || y1 === undefined) return y0;
  return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
}

/** The mean TPR of `curves` on the grid, from (0, 0); curves without points (one class on the
 *  split) are left out, and none at all gives no curve. */
export function averageRoc(curves: readonly RocPoints[], grid = AVERAGE_GRID): RocXY[] {
  const drawn = curves.filter((c) => c.fpr.length > 0);
  if (drawn.length === 0) return [];
  const points = Array.from({ length: grid }, (_, k) => {
    const fpr = k / (grid - 1);
    const tpr = drawn.reduce((sum, curve) => sum + tprAt(curve, fpr), 0) / drawn.length;
    return { fpr, tpr };
  });
  return [{ fpr: 0, tpr: 0 }, ...points];
}

export const rocPoints = (curve: RocPoints): RocXY[] =>
  curve.fpr.map((fpr, i) => ({ fpr, tpr: curve.tpr[i] as number }));

/** The runs of one table row (procedure, colorizer, source, training-set size) for one label. */
export interface RocGroup {
  title: string;
  runs: { id: string; seed: number; points: RocXY[] }[];
  mean: RocXY[];
}

function groupTitle(entry: RunHistoryEntry): string {
  const record = entry.report.record;
  const base = variantLabel(record);
  const fraction = record.subsetFraction ?? 1;
  return fraction < 1 ? `${base} · ${formatFraction(fraction)} of train` : base;
}

/** Each group's runs that have a curve for `label`, in plan order, with their average. */
export function rocGroups(runs: readonly RunHistoryEntry[], label: string): RocGroup[] {
  const groups = new Map<string, { curves: RocPoints[]; runs: RocGroup['runs'] }>();
  for (const entry of runs) {
    const curve = entry.report.roc[entry.report.record.labels.indexOf(label)];
    if (curve === undefined || curve.fpr.length === 0) continue;
    const title = groupTitle(entry);
    const group = groups.get(title) ?? { curves: [], runs: [] };
    group.curves.push(curve);
    group.runs.push({ id: entry.id, seed: entry.report.record.seed, points: rocPoints(curve) });
    groups.set(title, group);
  }
  return [...groups].map(([title, group]) => ({
    title,
    runs: group.runs,
    mean: averageRoc(group.curves),
  }));
}

/** Every label any run recorded, in first-seen order. */
export function rocLabels(runs: readonly RunHistoryEntry[]): string[] {
  return [...new Set(runs.flatMap((entry) => entry.report.record.labels))];
}
