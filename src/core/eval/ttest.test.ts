import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pairedTTest } from './ttest';

interface TtestFixture {
  cases: { name: string; a: number[]; b: number[]; t: number; df: number; p: number }[];
}

// Reference values from SciPy's stats.ttest_rel: scripts/fixtures/gen_eval_fixtures.py.
const fixture = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/eval/ttest.json', import.meta.url), 'utf8'),
) as TtestFixture;

const relativeError = (actual: number, expected: number) =>
  Math.abs(actual - expected) / Math.abs(expected);

describe('pairedTTest against SciPy ttest_rel', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const result = pairedTTest(c.a, c.b);
    expect(result.status).toBe('ok');
    expect(result.df).toBe(c.df);
    expect(relativeError(result.t, c.t)).toBeLessThan(1e-9);
    expect(relativeError(result.p, c.p)).toBeLessThan(1e-9);
  });

  it('covers n = 2, |t| in the millions and p far below 1e-12', () => {
    expect(fixture.cases.some((c) => c.a.length === 2)).toBe(true);
    expect(Math.max(...fixture.cases.map((c) => Math.abs(c.t)))).toBeGreaterThan(1e6);
    expect(Math.min(...fixture.cases.map((c) => c.p))).toBeLessThan(1e-12);
  });
});

describe('pairedTTest edge cases', () => {
  it('flags fewer than two runs as not enough runs', () => {
    const one = pairedTTest([0.8], [0.7]);
    expect(one).toMatchObject({ status: 'not-enough-runs', n: 1, df: 0 });
    expect(one.p).toBeNaN();
    expect(one.meanDifference).toBeCloseTo(0.1, 12);
    expect(pairedTTest([], []).status).toBe('not-enough-runs');
  });

  it('reports identical paired values as no difference with p = 1, not NaN', () => {
    const result = pairedTTest([0.81, 0.82, 0.83], [0.81, 0.82, 0.83]);
    expect(result).toMatchObject({ status: 'no-difference', t: 0, p: 1, sdDifference: 0 });
  });

  it('reports a constant non-zero difference as such, even when the mean rounds off', () => {
    // (0.1 + 0.1 + 0.1) / 3 !== 0.1: a naive variance would be ~1e-34 and t absurdly large.
    const result = pairedTTest([0.2, 0.2, 0.2], [0.1, 0.1, 0.1]);
    expect(result.status).toBe('constant-difference');
    expect(result.t).toBe(Number.POSITIVE_INFINITY);
    expect(result.meanDifference).toBe(0.1);
    expect(result.p).toBeNaN();
    expect(pairedTTest([0.1, 0.1], [0.2, 0.2]).t).toBe(Number.NEGATIVE_INFINITY);
  });

  it('refuses mismatched lengths and undefined values', () => {
    expect(() => pairedTTest([1, 2], [1])).toThrow(RangeError);
    expect(() => pairedTTest([1, Number.NaN], [1, 2])).toThrow(RangeError);
  });
});
