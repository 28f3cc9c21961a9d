// Chart series of an experiment: stored stage runs first, then the live one (not twice), named by
// procedure, colorizer and seed, the loss smoothed (debiased) and thinned.
import { expect, it } from 'vitest';
import { runEntry } from '../../test/helpers/run-entries';
import type { ExperimentState } from '../worker/protocol';
import { initialCurves } from './curves';
import { experimentSeries, MAX_SERIES_POINTS } from './run-series';

const experiment = {
  id: 'exp',
  config: {} as ExperimentState['config'],
  paused: false,
  runs: [
    {
      index: 0,
      colorizer: 'replicate',
      seed: 0,
      fraction: 1,
      draw: 0,
      stages: ['baseline'],
      title: '',
      status: 'done',
    },
    {
      index: 1,
      colorizer: 'coloru',
      seed: 1,
      fraction: 1,
      draw: 0,
      stages: ['colorModule'],
      title: '',
      status: 'running',
    },
  ],
} satisfies ExperimentState;

it('lists stored runs, then the live one, smoothing the loss', () => {
  const loss = Array.from({ length: 500 }, (_, i) => ({ step: i + 1, loss: 2, lr: 0.01 }));
  const stored = runEntry({
    procedure: 'Baseline',
    seed: 0,
    perLabelAuc: [0.7],
    runIndex: 0,
    experimentId: 'exp',
  });
  stored.curves = { loss, validations: [{ step: 500, meanAuc: 0.7, perLabel: [0.7] }] };
  const live = {
    ...initialCurves(),
    stage: 'colorModule' as const,
    run: { experimentId: 'exp', runIndex: 1, stageIndex: 0 },
    loss: [
      { step: 1, loss: 1 },
      { step: 2, loss: 3 },
    ],
  };
  const [first, second] = experimentSeries(experiment, [stored], live);
  expect(first?.name).toBe('Baseline · seed 0');
  expect(first?.loss.length).toBeLessThanOrEqual(MAX_SERIES_POINTS + 1);
  expect(first?.loss.every((p) => Math.abs(p.smoothed - 2) < 1e-9)).toBe(true); // debiased EMA
  expect(second).toMatchObject({ name: 'Color Module (ColorU) · seed 1', live: true });
  // EMA with β = 0.98 after 1 then 3, debiased: (0.02·0.98·1 + 0.02·3) / (1 − 0.98²).
  expect(second?.loss[1]?.smoothed).toBeCloseTo((0.02 * 0.98 + 0.06) / (1 - 0.98 ** 2), 12);
});

it('draws a stage run once: the stored entry wins over its live curves', () => {
  const stored = runEntry({
    procedure: 'Color Module',
    colorizer: 'coloru',
    seed: 1,
    perLabelAuc: [0.7],
    runIndex: 1,
    experimentId: 'exp',
  });
  const live = {
    ...initialCurves(),
    stage: 'colorModule' as const,
    run: { experimentId: 'exp', runIndex: 1, stageIndex: 0 },
  };
  expect(experimentSeries(experiment, [stored], live)).toHaveLength(1);
});
