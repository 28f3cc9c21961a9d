import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../../../test/helpers/fixtures';
import {
  annealCos,
  type OneCycleOptions,
  type OneCycleVariant,
  oneCycle,
  oneCycleCurve,
  resolveOneCycleOptions,
} from './one-cycle';

// Written by scripts/fixtures/gen_schedule_fixtures.py from a line-by-line numpy port of fastai.
interface OneCycleCase {
  variant: OneCycleVariant;
  totalSteps: number;
  lrMax: number;
  pctStart?: number;
  divFactor?: number;
  finalDiv?: number;
  momentumRange?: [number, number];
  lr: number[];
  momentum: number[];
  lrFastaiFloat32?: number[];
  momentumFastaiFloat32?: number[];
}

const CASES: OneCycleCase[] = JSON.parse(
  readFileSync(resolve(FIXTURES, 'train', 'one-cycle.json'), 'utf8'),
).cases;

function optionsOf(c: OneCycleCase): OneCycleOptions {
  const opts: OneCycleOptions = { totalSteps: c.totalSteps, lrMax: c.lrMax, variant: c.variant };
  if (c.pctStart !== undefined) opts.pctStart = c.pctStart;
  if (c.divFactor !== undefined) opts.divFactor = c.divFactor;
  if (c.finalDiv !== undefined) opts.finalDiv = c.finalDiv;
  if (c.momentumRange !== undefined) opts.momentum = c.momentumRange;
  return opts;
}

/** max |actual − expected| / scale over a curve. */
function maxRelativeError(actual: number[], expected: number[], scale: number): number {
  expect(actual.length).toBe(expected.length);
  return Math.max(...actual.map((a, i) => Math.abs(a - (expected[i] as number)) / scale));
}

describe('oneCycle against fastai (fixtures)', () => {
  it.each(
    CASES.map((c) => [`${c.variant} n=${c.totalSteps} lrMax=${c.lrMax}`, c] as const),
  )('%s matches per step to 1e-12', (_, c) => {
    const curve = oneCycleCurve(optionsOf(c));
    const lrs = curve.map((h) => h.lr);
    const moms = curve.map((h) => h.momentum);
    expect(maxRelativeError(lrs, c.lr, c.lrMax)).toBeLessThan(1e-12);
    expect(maxRelativeError(moms, c.momentum, 1)).toBeLessThan(1e-12);
    // Step 0 is bit-exact: fastai sets the first phase's stored start before any batch.
    expect(lrs[0]).toBe(c.lr[0]);
    expect(moms[0]).toBe(c.momentum[0]);
    for (const [step, h] of curve.entries()) expect(oneCycle(step, optionsOf(c))).toEqual(h);
  });

  it('v2: fastai (float32 phase fraction, summed pct_train) stays within 1e-6 of the exact form', () => {
    const v2 = CASES.filter((c) => c.lrFastaiFloat32 !== undefined);
    expect(v2.length).toBeGreaterThan(0);
    for (const c of v2) {
      const curve = oneCycleCurve(optionsOf(c));
      const lrErr = maxRelativeError(
        curve.map((h) => h.lr),
        c.lrFastaiFloat32 ?? [],
        c.lrMax,
      );
      const momErr = maxRelativeError(
        curve.map((h) => h.momentum),
        c.momentumFastaiFloat32 ?? [],
        1,
      );
      expect(lrErr).toBeLessThan(1e-6);
      expect(momErr).toBeLessThan(1e-6);
    }
  });
});

describe('oneCycle shape (SPEC §4)', () => {
  it('v1: warms up for floor(0.3·n) steps from lrMax/25 to lrMax, then anneals to lrMax/25e4', () => {
    const n = 100;
    const curve = oneCycleCurve({ totalSteps: n, lrMax: 1 });
    expect(curve[0]).toEqual({ lr: 1 / 25, momentum: 0.95 });
    expect(curve[30]?.lr).toBeCloseTo(1, 15);
    expect(curve[30]?.momentum).toBeCloseTo(0.85, 15);
    const peak = curve.reduce((best, h, i) => (h.lr > (curve[best]?.lr ?? 0) ? i : best), 0);
    expect(peak).toBe(30);
    // The last step is one phase step short of the end: anneal(lrMax, lrMax/25e4, 69/70).
    expect(curve[n - 1]?.lr).toBeCloseTo(annealCos(1, 1 / 25e4, 69 / 70), 15);
    expect(curve[n - 1]?.lr).toBeGreaterThan(1 / 25e4);
  });

  it('v2: warms up for 25 % of the steps and ends towards lrMax/1e5', () => {
    const curve = oneCycleCurve({ totalSteps: 100, lrMax: 1, variant: 'fastai-v2' });
    expect(curve[0]).toEqual({ lr: 1 / 25, momentum: 0.95 });
    expect(curve[25]?.lr).toBe(1);
    expect(curve[25]?.momentum).toBe(0.85);
    expect(curve[99]?.lr).toBeLessThan(1e-3);
    expect(curve[99]?.lr).toBeGreaterThan(1e-5);
  });

  it('annealCos follows SPEC §4: end + (start − end)/2 · (1 + cos(π·p))', () => {
    expect(annealCos(2, 1, 0)).toBe(2);
    expect(annealCos(2, 1, 0.5)).toBeCloseTo(1.5, 15);
    expect(annealCos(2, 1, 1)).toBe(1);
  });

  it('fills in the defaults of each variant', () => {
    expect(resolveOneCycleOptions({ totalSteps: 10, lrMax: 1 })).toEqual({
      totalSteps: 10,
      lrMax: 1,
      variant: 'fastai-v1',
      pctStart: 0.3,
      divFactor: 25,
      finalDiv: 25e4,
      momentum: [0.95, 0.85],
    });
    const v2 = resolveOneCycleOptions({ totalSteps: 10, lrMax: 1, variant: 'fastai-v2' });
    expect([v2.pctStart, v2.finalDiv]).toEqual([0.25, 1e5]);
  });

  it('rejects bad options and steps with readable errors', () => {
    expect(() => oneCycle(0, { totalSteps: 0, lrMax: 1 })).toThrow(/totalSteps/);
    expect(() => oneCycle(0, { totalSteps: 10, lrMax: -1 })).toThrow(/lrMax/);
    expect(() => oneCycle(0, { totalSteps: 10, lrMax: 1, pctStart: 1.5 })).toThrow(/pctStart/);
    expect(() => oneCycle(10, { totalSteps: 10, lrMax: 1 })).toThrow(/step must be/);
    expect(() => oneCycle(1.5, { totalSteps: 10, lrMax: 1 })).toThrow(/step must be/);
  });
});
