// The curves of an experiment's stage runs as chart series: one per stored stage run (runs
// history) plus the stage running now (the live curves), coloured by procedure and dashed by seed,
// thinned for drawing. Pure functions over plain data (tested in Node).
import type { ExperimentState, RunHistoryEntry } from '../worker/protocol';
import { type CurvesState, runKey } from './curves';
import { displayName, STAGES } from './pure-core';

export interface RunSeries {
  key: string;
  /** "Color Module (ColorU) · seed 1". */
  name: string;
  procedure: string;
  seed: number;
  /** Loss per step, raw and smoothed (exponential moving average, fastai's 0.98 on raw steps). */
  loss: { step: number; loss: number; smoothed: number }[];
  auc: { step: number; meanAuc: number | null }[];
  live: boolean;
}

/** Points drawn per series at most: enough for the shape, cheap for a dozen overlaid runs. */
export const MAX_SERIES_POINTS = 200;
const SMOOTHING = 0.98;

function smoothed(points: readonly { step: number; loss: number }[]) {
  let average = 0;
  return points.map(({ step, loss }, i) => {
    average = SMOOTHING * average + (1 - SMOOTHING) * loss;
    return { step, loss, smoothed: average / (1 - SMOOTHING ** (i + 1)) }; // debiased
  });
}

function thinned<T>(points: readonly T[], max = MAX_SERIES_POINTS): T[] {
  if (points.length <= max) return [...points];
  const every = points.length / max;
  return Array.from(
    { length: max },
    (_, k) => points[Math.min(points.length - 1, Math.round(k * every))] as T,
  ).concat(points.at(-1) as T);
}

function series(
  key: string,
  procedure: string,
  colorizer: string | undefined,
  seed: number,
  loss: readonly { step: number; loss: number }[],
  auc: readonly { step: number; meanAuc: number | null }[],
  live: boolean,
): RunSeries {
  const t = colorizer && colorizer !== 'replicate' ? ` (${displayName(colorizer)})` : '';
  return {
    key,
    name: `${procedure}${t} · seed ${seed}`,
    procedure,
    seed,
    loss: thinned(smoothed(loss)),
    auc: [...auc],
    live,
  };
}

/** Every stored stage run of `experiment`, then the live one if it belongs to it and is not
 *  stored yet. */
export function experimentSeries(
  experiment: ExperimentState,
  entries: readonly RunHistoryEntry[],
  live: CurvesState,
): RunSeries[] {
  const stored = entries
    .filter((e) => e.experimentId === experiment.id)
    .map((e) =>
      series(
        e.id,
        e.report.record.procedure,
        e.report.record.colorizer,
        e.report.record.seed,
        e.curves.loss,
        e.curves.validations,
        false,
      ),
    );
  const key = runKey(live.run);
  const run = live.run && experiment.runs.find((r) => r.index === live.run?.runIndex);
  if (!live.run || live.run.experimentId !== experiment.id || !run || !live.stage) return stored;
  if (stored.some((s) => s.key === key)) return stored;
  const auc = live.auc.map((p) => ({ step: p.step, meanAuc: p.mean }));
  return [
    ...stored,
    series(key, STAGES[live.stage].title, run.colorizer, run.seed, live.loss, auc, true),
  ];
}
