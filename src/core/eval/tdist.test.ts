import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { logGamma, regularizedIncompleteBeta, studentTCdf, studentTTwoSidedP } from './tdist';

interface TdistFixture {
  studentT: { df: number; t: number; cdf: number; twoSided: number }[];
  betainc: { a: number; b: number; x: number; value: number }[];
}

// Reference values from SciPy (special.stdtr, special.betainc), written by
// scripts/fixtures/gen_eval_fixtures.py.
const fixture = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/eval/tdist.json', import.meta.url), 'utf8'),
) as TdistFixture;

const relativeError = (actual: number, expected: number) =>
  expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);

describe('Student t distribution against SciPy', () => {
  it('matches the two-sided tail to 1e-9 relative, down to p ~ 1e-290', () => {
    const errors = fixture.studentT.map((c) =>
      relativeError(studentTTwoSidedP(c.t, c.df), c.twoSided),
    );
    expect(fixture.studentT.length).toBeGreaterThan(250);
    expect(Math.min(...fixture.studentT.map((c) => c.twoSided))).toBeLessThan(1e-200);
    expect(Math.max(...errors)).toBeLessThan(1e-9);
  });

  it('matches the CDF on both sides of zero to 1e-9 relative', () => {
    const errors = fixture.studentT.map((c) => relativeError(studentTCdf(c.t, c.df), c.cdf));
    expect(Math.max(...errors)).toBeLessThan(1e-9);
  });

  it('handles the limits: t = 0, infinite t, bad df', () => {
    expect(studentTTwoSidedP(0, 3)).toBe(1);
    expect(studentTTwoSidedP(Number.NEGATIVE_INFINITY, 3)).toBe(0);
    expect(studentTCdf(Number.POSITIVE_INFINITY, 3)).toBe(1);
    expect(studentTTwoSidedP(1, 0)).toBeNaN();
    expect(studentTTwoSidedP(Number.NaN, 3)).toBeNaN();
  });
});

describe('regularized incomplete beta against SciPy betainc', () => {
  it('matches to 1e-9 relative over a grid of a, b, x', () => {
    const errors = fixture.betainc.map((c) =>
      relativeError(regularizedIncompleteBeta(c.x, c.a, c.b), c.value),
    );
    expect(Math.max(...errors)).toBeLessThan(1e-9);
  });

  it('returns the end points and refuses out-of-range arguments', () => {
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
    expect(regularizedIncompleteBeta(1.5, 2, 3)).toBeNaN();
    expect(regularizedIncompleteBeta(0.5, -1, 3)).toBeNaN();
  });

  it('logGamma agrees with factorials and Γ(1/2) = √π', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(relativeError(logGamma(11), Math.log(3628800))).toBeLessThan(1e-14);
    expect(relativeError(logGamma(0.5), 0.5 * Math.log(Math.PI))).toBeLessThan(1e-14);
  });
});
