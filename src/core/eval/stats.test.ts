import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, mean, sampleStandardDeviation, summarize } from './stats';

interface BhFixture {
  cases: { name: string; p: (number | null)[]; adjusted: (number | null)[] }[];
}

// Reference values from statsmodels' multipletests(method='fdr_bh'), written by
// scripts/fixtures/gen_eval_fixtures.py.
// null marks a missing p-value; the script adjusts the others as their own family.
const fixture = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/eval/bh.json', import.meta.url), 'utf8'),
) as BhFixture;

const asNaN = (value: number | null) => value ?? Number.NaN;

describe('benjaminiHochberg against statsmodels fdr_bh', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const adjusted = benjaminiHochberg(c.p.map(asNaN));
    c.adjusted.forEach((expected, i) => {
      const value = adjusted[i] as number;
      if (expected === null) expect(value).toBeNaN();
      else expect(Math.abs(value - expected) / expected).toBeLessThan(1e-9);
    });
  });

  it('is monotone in the raw p-values, never below them and capped at 1', () => {
    const p = fixture.cases.find((c) => c.name === 'log-uniform 200')?.p.map(asNaN) ?? [];
    const adjusted = benjaminiHochberg(p);
    const order = p.map((_, i) => i).sort((i, j) => (p[i] as number) - (p[j] as number));
    order.slice(1).forEach((index, k) => {
      expect(adjusted[index]).toBeGreaterThanOrEqual(adjusted[order[k] as number] as number);
    });
    adjusted.forEach((value, i) => {
      expect(value).toBeGreaterThanOrEqual(p[i] as number);
      expect(value).toBeLessThanOrEqual(1);
    });
  });

  it('handles an empty family and refuses values outside [0, 1]', () => {
    expect(benjaminiHochberg([])).toEqual([]);
    expect(benjaminiHochberg([Number.NaN])).toEqual([Number.NaN]);
    expect(() => benjaminiHochberg([0.2, 1.5])).toThrow(RangeError);
  });
});

describe('mean ± sample standard deviation', () => {
  it('uses ddof = 1', () => {
    expect(mean([0.783, 0.779, 0.79])).toBeCloseTo(0.784, 12);
    // deviations -0.001, -0.005, 0.006 → sum of squares 6.2e-5, / 2 → 3.1e-5
    expect(sampleStandardDeviation([0.783, 0.779, 0.79])).toBeCloseTo(Math.sqrt(3.1e-5), 12);
  });

  it('leaves undefined values out and counts them', () => {
    const summary = summarize([0.8, Number.NaN, 0.9]);
    expect(summary).toMatchObject({ n: 2, undefinedCount: 1, min: 0.8, max: 0.9 });
    expect(summary.mean).toBeCloseTo(0.85, 12);
    expect(summary.sd).toBeCloseTo(Math.sqrt(0.005), 12);
  });

  it('has no spread for one value and nothing at all for none', () => {
    expect(summarize([0.7]).sd).toBeNaN();
    expect(summarize([]).mean).toBeNaN();
  });
});
