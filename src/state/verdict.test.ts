// The comparison verdicts against hand-computed sentences: the difference in AUC points, the
// p-values as the tables print them, and the cases where no test can be made.
import { expect, it } from 'vitest';
import { runEntry } from '../../test/helpers/run-entries';
import type { PairedTTestResult } from '../core/eval/ttest';
import type { Comparison } from './pure-core';
import { recordsOf, resultsOf } from './results';
import { aucPoints, comparisonContext, comparisonVerdict } from './verdict';

const paired = (change: Partial<PairedTTestResult>): PairedTTestResult => ({
  status: 'ok',
  n: 3,
  df: 2,
  t: 2.5,
  p: 0.04,
  meanDifference: 0.031,
  sdDifference: 0.02,
  ...change,
});

const comparison = (change: Partial<Comparison> = {}): Comparison => ({
  dataset: 'chexpert',
  backbone: 'resnet18',
  subsetFraction: 1,
  treatment: { procedure: 'Color Module', colorizer: 'coloru' },
  control: { procedure: 'Baseline' },
  test: paired({}),
  unpairedRuns: 0,
  adjustedP: 0.08,
  significant: false,
  ...change,
});

it('prints differences in AUC points with a sign, a true minus, and no "−0.0"', () => {
  expect(aucPoints(0.031)).toBe('+3.1');
  expect(aucPoints(-0.0123)).toBe('−1.2');
  expect(aucPoints(-0.0004)).toBe('0.0');
  expect(aucPoints(0)).toBe('0.0');
});

it('says a test that misses the adjusted threshold is not significant', () => {
  expect(comparisonVerdict(comparison(), 0.05)).toBe(
    'ColorU Color Module − Baseline: +3.1 AUC points, p = 0.040, adjusted 0.080: not significant at 0.05',
  );
});

it('says a significant one is, with small p-values in scientific notation', () => {
  const c = comparison({
    treatment: { procedure: 'All', colorizer: 'deconv' },
    control: { procedure: 'Baseline All' },
    test: paired({ meanDifference: -0.0123, p: 0.0004 }),
    adjustedP: 0.0012,
    significant: true,
  });
  expect(comparisonVerdict(c, 0.05)).toBe(
    'DECONV All − Baseline All: −1.2 AUC points, p = 4.0e-4, adjusted 0.001: significant at 0.05',
  );
});

it('says why there is no p-value: one pair, none, no spread, no difference', () => {
  const nan = Number.NaN;
  const one = paired({
    status: 'not-enough-runs',
    n: 1,
    df: 0,
    t: nan,
    p: nan,
    meanDifference: 0.02,
  });
  expect(comparisonVerdict(comparison({ test: one, adjustedP: nan }), 0.05)).toBe(
    'ColorU Color Module − Baseline: +2.0 AUC points over 1 pair: a paired test needs at least 2 seeds',
  );
  const none = paired({
    status: 'not-enough-runs',
    n: 0,
    df: 0,
    t: nan,
    p: nan,
    meanDifference: nan,
  });
  expect(comparisonVerdict(comparison({ test: none, adjustedP: nan }), 0.05)).toBe(
    'ColorU Color Module − Baseline: no runs pair up by seed yet, so there is nothing to test',
  );
  const constant = paired({
    status: 'constant-difference',
    t: Infinity,
    p: nan,
    meanDifference: 0.05,
  });
  expect(comparisonVerdict(comparison({ test: constant, adjustedP: nan }), 0.05)).toBe(
    'ColorU Color Module − Baseline: +5.0 AUC points in each of the 3 pairs: no spread, so the t-test gives no p-value',
  );
  const same = paired({ status: 'no-difference', t: 0, p: 1, meanDifference: 0 });
  expect(comparisonVerdict(comparison({ test: same, adjustedP: 1 }), 0.05)).toBe(
    'ColorU Color Module − Baseline: identical AUCs in all 3 pairs: no difference',
  );
});

it('reads a report built from two seeds: t = 7 on 1 df, p = 1 − (2/π)·atan 7', () => {
  // Differences 0.08 and 0.06: mean 0.07, sd 0.01·√2, so t = 0.07 / 0.01 = 7; with df = 1 the t
  // distribution is Cauchy's, p = 1 − 2·atan(7)/π = 0.0903. One test: BH leaves it as it is.
  const entries = [
    runEntry({ procedure: 'Baseline', seed: 0, perLabelAuc: [0.7, 0.7], runIndex: 0 }),
    runEntry({
      procedure: 'Color Module',
      colorizer: 'coloru',
      seed: 0,
      perLabelAuc: [0.78, 0.78],
      runIndex: 1,
    }),
    runEntry({ procedure: 'Baseline', seed: 1, perLabelAuc: [0.74, 0.74], runIndex: 2 }),
    runEntry({
      procedure: 'Color Module',
      colorizer: 'coloru',
      seed: 1,
      perLabelAuc: [0.8, 0.8],
      runIndex: 3,
    }),
  ];
  const { report } = resultsOf(entries, 'exp-1');
  expect(recordsOf(entries)).toHaveLength(4);
  const [only, ...rest] = report?.comparisons ?? [];
  expect(rest).toEqual([]);
  expect(only?.test.p).toBeCloseTo(1 - (2 * Math.atan(7)) / Math.PI, 6);
  expect(comparisonVerdict(only as Comparison, 0.05)).toBe(
    'ColorU Color Module − Baseline: +7.0 AUC points, p = 0.090, adjusted 0.090: not significant at 0.05',
  );
});

it('names where a comparison was made, for reports that compare in several places', () => {
  expect(comparisonContext(comparison({ subsetFraction: 0.25 }))).toBe(
    'CheXpert, ResNet18, 25% of the training set',
  );
});
