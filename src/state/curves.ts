// The live curves: loss per step and validation AUC (mean and per label), bounded so a run of
// many thousand steps keeps the chart cheap. Pure functions over plain arrays (tested in Node).
import type { StageId } from '../core/train/stages';
import type { RunTag } from '../worker/protocol';

export interface LossPoint {
  step: number;
  loss: number;
}

/** One validation: `mean` and one key per label (recharts reads points as records). An
 *  undefined AUC (one class only in the validation split) is null, drawn as a gap, never 0.5. */
export interface AucPoint {
  step: number;
  mean: number | null;
  [label: string]: number | null;
}

export interface CurvesState {
  stage: StageId | null;
  /** The experiment run and stage these curves belong to (null: a stage run by hand). A new one
   *  starts new curves even when its stage is the same as the last run's. */
  run: RunTag | null;
  loss: LossPoint[];
  auc: AucPoint[];
  labels: string[];
}

/** Above this many loss points, every other one is dropped (the curve keeps its shape). */
export const MAX_LOSS_POINTS = 1000;

export const initialCurves = (): CurvesState => ({
  stage: null,
  run: null,
  loss: [],
  auc: [],
  labels: [],
});

/** One key per run tag (or none): equal keys, same stage run. */
export const runKey = (run: RunTag | null | undefined): string =>
  run ? `${run.experimentId}/${run.runIndex}/${run.stageIndex}` : 'by hand';

/** Appends and, when over `max`, halves the resolution: memory and drawing stay bounded. */
export function appendBounded<T>(points: readonly T[], added: readonly T[], max: number): T[] {
  let out = points.concat(added);
  while (out.length > max) out = out.filter((_, i) => i % 2 === 1 || i === out.length - 1);
  return out;
}

const finiteOrNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

export function aucPoint(step: number, meanAuc: number, labels: string[], perLabel: number[]) {
  const point: AucPoint = { step, mean: finiteOrNull(meanAuc) };
  labels.forEach((label, i) => {
    point[label] = finiteOrNull(perLabel[i] ?? Number.NaN);
  });
  return point;
}
