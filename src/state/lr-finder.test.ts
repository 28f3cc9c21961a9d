// The LR finder slice's pure helpers: rounding a suggestion for lrMax and the chartable points.
import { expect, it } from 'vitest';
import { chartPoints, suggestedLrMax } from './lr-finder';

it('rounds a suggestion to 3 significant digits', () => {
  expect(suggestedLrMax(0.0012345678)).toBe(0.00123);
  expect(suggestedLrMax(3.98107e-7)).toBe(3.98e-7);
  expect(suggestedLrMax(0.5)).toBe(0.5);
});

it('keeps only the points a log-lr chart can draw', () => {
  const result = {
    stage: 'colorModule',
    lrs: [1e-7, 1e-5, 1e-3, 1e-1],
    losses: [0.7, 0.6, Number.NaN, Number.POSITIVE_INFINITY],
    stopReason: 'diverged',
    suggestions: { steep: null, minimumDiv10: null, valley: null, window: { start: 0, end: 0 } },
  } as const;
  expect(chartPoints({ ...result, lrs: [...result.lrs], losses: [...result.losses] })).toEqual([
    { lr: 1e-7, loss: 0.7 },
    { lr: 1e-5, loss: 0.6 },
  ]);
});
