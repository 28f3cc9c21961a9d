// Paired two-sided t-test over repeated runs (SciPy's `ttest_rel`). Pure core: imports only its
// sibling statistics and the hand-written t distribution, so every caller gets the same p-values.

import { mean, sampleStandardDeviation } from './stats';
import { studentTTwoSidedP } from './tdist';

/**
 * - `ok`: t and p are defined.
 * - `not-enough-runs`: fewer than two pairs; t and p are NaN and the report says "not enough runs".
 * - `no-difference`: every pair is identical; t = 0 and p = 1 (no evidence of any difference).
 * - `constant-difference`: every pair differs by the same non-zero amount, so the spread is zero
 *   and t is ±Infinity; p is NaN rather than 0 because the test cannot quantify it.
 */
export type PairedTTestStatus = 'ok' | 'not-enough-runs' | 'no-difference' | 'constant-difference';

export interface PairedTTestResult {
  status: PairedTTestStatus;
  /** Number of pairs. */
  n: number;
  /** n − 1 (0 when there are no pairs). */
  df: number;
  t: number;
  /** Two-sided p-value. */
  p: number;
  /** Mean of a − b; positive when a is higher. */
  meanDifference: number;
  /** Sample standard deviation of a − b (ddof = 1). */
  sdDifference: number;
}

function degenerateResult(differences: readonly number[]): PairedTTestResult | undefined {
  const n = differences.length;
  const base = {
    n,
    df: Math.max(n - 1, 0),
    meanDifference: mean(differences),
    sdDifference: sampleStandardDeviation(differences),
  };
  if (n < 2) return { ...base, status: 'not-enough-runs', t: Number.NaN, p: Number.NaN };
  const first = differences[0] as number;
  // Checked exactly, before any arithmetic: the mean of equal values can be off by an ulp and
  // would turn a zero spread into a huge, meaningless t.
  if (!differences.every((d) => d === first)) return undefined;
  const exact = { ...base, meanDifference: first, sdDifference: 0 };
  if (first === 0) return { ...exact, status: 'no-difference', t: 0, p: 1 };
  return {
    ...exact,
    status: 'constant-difference',
    t: first > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY,
    p: Number.NaN,
  };
}

/** Paired two-sided t-test of a against b (same run order in both), df = n − 1. */
export function pairedTTest(a: readonly number[], b: readonly number[]): PairedTTestResult {
  if (a.length !== b.length) {
    throw new RangeError(`pairedTTest: ${a.length} runs against ${b.length}`);
  }
  const differences = a.map((value, i) => value - (b[i] as number));
  if (!differences.every(Number.isFinite)) {
    throw new RangeError('pairedTTest: values must be finite (drop runs with an undefined AUC)');
  }
  const degenerate = degenerateResult(differences);
  if (degenerate !== undefined) return degenerate;
  const n = differences.length;
  const meanDifference = mean(differences);
  const sdDifference = sampleStandardDeviation(differences);
  const t = meanDifference / (sdDifference / Math.sqrt(n));
  return {
    status: 'ok',
    n,
    df: n - 1,
    t,
    p: studentTTwoSidedP(t, n - 1),
    meanDifference,
    sdDifference,
  };
}
