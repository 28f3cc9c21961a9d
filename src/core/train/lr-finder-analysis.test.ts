import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../../../test/helpers/fixtures';
import {
  createDivergenceCheck,
  shouldStop,
  smoothLosses,
  sweepLearningRates,
  sweepStopIndex,
} from './lr-finder-analysis';
import { suggestLearningRates } from './lr-suggestions';

// Written by scripts/fixtures/gen_schedule_fixtures.py: synthetic raw losses (fixed numpy seeds)
// run through a numpy port of fastai's AvgSmoothLoss, LRFinder and lr_find. null stands for NaN.
interface RecordedCurve {
  name: string;
  startLr: number;
  endLr: number;
  numIt: number;
  beta: number;
  stopOnDivergence: boolean;
  lrs: number[];
  rawLosses: (number | null)[];
  smoothedLosses: (number | null)[];
  stopIndex: number;
  suggestions: {
    steep: number;
    minimumDiv10: number;
    valley: number;
    window: { start: number; end: number };
  };
}

const CURVES: RecordedCurve[] = JSON.parse(
  readFileSync(resolve(FIXTURES, 'train', 'lr-finder.json'), 'utf8'),
).curves;

const nanFromNull = (values: (number | null)[]) => values.map((v) => v ?? Number.NaN);

function expectCloseRelative(actual: number[], expected: number[], tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  for (const [i, a] of actual.entries()) {
    const e = expected[i] as number;
    if (Number.isNaN(e)) expect(a).toBeNaN();
    else expect(Math.abs(a - e) / Math.abs(e)).toBeLessThan(tolerance);
  }
}

describe('LR finder analysis against fastai on recorded curves (fixtures)', () => {
  it.each(CURVES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const sweep = { startLr: c.startLr, endLr: c.endLr, numIt: c.numIt };
    const lrs = sweepLearningRates(sweep);
    expectCloseRelative(lrs, c.lrs, 1e-12);

    const smoothed = smoothLosses(nanFromNull(c.rawLosses), c.beta);
    const stopIndex = c.stopOnDivergence ? sweepStopIndex(smoothed) : c.numIt - 1;
    expect(stopIndex).toBe(c.stopIndex);
    const recorded = smoothed.slice(0, stopIndex + 1);
    expectCloseRelative(recorded, nanFromNull(c.smoothedLosses), 1e-12);

    const got = suggestLearningRates(lrs.slice(0, stopIndex + 1), recorded, { numIt: c.numIt });
    expect(got.window).toEqual(c.suggestions.window);
    for (const key of ['steep', 'minimumDiv10', 'valley'] as const) {
      expect(Math.abs((got[key] ?? Number.NaN) / c.suggestions[key] - 1)).toBeLessThan(1e-12);
    }
  });
});

describe('LR finder stop rule', () => {
  it('stops when the smoothed loss exceeds 4× the best, or is NaN', () => {
    expect(shouldStop(4, 1)).toBe(false);
    expect(shouldStop(4.000001, 1)).toBe(true);
    expect(shouldStop(Number.NaN, 1)).toBe(true);
    expect(shouldStop(3, 1, 2)).toBe(true);
  });

  it('updates the best loss before applying the rule, never with a NaN', () => {
    const diverged = createDivergenceCheck();
    expect([2, 1, 3, 4, 4.5].map(diverged)).toEqual([false, false, false, false, true]);
    const afterNan = createDivergenceCheck();
    expect([1, Number.NaN].map(afterNan)).toEqual([false, true]);
    expect(sweepStopIndex([1, 0.5, 2.1, 1])).toBe(2);
    expect(sweepStopIndex([1, 0.9, 0.8])).toBe(2);
  });

  it('debiases the moving average: a constant loss stays constant from the first step', () => {
    const smoothed = smoothLosses([0.7, 0.7, 0.7, 0.7]);
    for (const s of smoothed) expect(s).toBeCloseTo(0.7, 14);
    expect(smoothLosses([1, 0])[1]).toBeCloseTo(0.98 / 1.98, 14); // (0.98·0.02) / (1 − 0.98²)
  });
});

describe('suggestLearningRates on short or broken curves', () => {
  const lrs = Array.from({ length: 20 }, (_, i) => 10 ** (-6 + i / 4));

  it('returns nulls, not made-up values, when nothing is left after the skips', () => {
    const got = suggestLearningRates(lrs.slice(0, 12), Array(12).fill(1), { numIt: 100 });
    expect(got).toEqual({
      steep: null,
      minimumDiv10: null,
      valley: null,
      window: { start: 10, end: 10 },
    });
  });

  it('cuts the window before the first non-finite loss', () => {
    const losses = lrs.map((_, i) => (i >= 8 ? Number.NaN : 1 - i / 10));
    const got = suggestLearningRates(lrs, losses, { numIt: 20 });
    expect(got.window).toEqual({ start: 2, end: 8 });
    expect(got.minimumDiv10).toBeCloseTo((lrs[7] as number) / 10, 15);
  });

  it('rejects mismatched inputs', () => {
    expect(() => suggestLearningRates([1, 2], [1])).toThrow(/2 lrs but 1 losses/);
  });
});
