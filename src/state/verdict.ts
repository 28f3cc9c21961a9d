// A comparison of the report in one plain sentence: the difference in AUC points, the paired
// p-value, the Benjamini–Hochberg-adjusted one, and what they mean at the report's alpha. Pure
// (tested in Node); the numbers are printed as the report's tables print them.
import {
  type Comparison,
  displayName,
  formatFraction,
  formatPValue,
  variantLabel,
} from './pure-core';

/** "+3.1", "−0.4" (a true minus sign), "0.0": the mean difference in AUC points (×100). */
export function aucPoints(difference: number): string {
  const points = Math.abs(difference * 100).toFixed(1);
  if (points === '0.0') return points;
  return `${difference > 0 ? '+' : '−'}${points}`;
}

/** "ColorU Color Module − Baseline: +3.1 AUC points, p = 0.040, adjusted 0.080: not significant
 *  at 0.05", or why no test could be made. */
export function comparisonVerdict(comparison: Comparison, alpha: number): string {
  const { test, treatment, control, adjustedP } = comparison;
  const name = `${variantLabel(treatment)} − ${variantLabel(control)}`;
  const pairs = `${test.n} ${test.n === 1 ? 'pair' : 'pairs'}`;
  if (test.n === 0) return `${name}: no runs pair up by seed yet, so there is nothing to test`;
  const difference = `${aucPoints(test.meanDifference)} AUC points`;
  switch (test.status) {
    case 'not-enough-runs':
      return `${name}: ${difference} over ${pairs}: a paired test needs at least 2 seeds`;
    case 'no-difference':
      return `${name}: identical AUCs in all ${pairs}: no difference`;
    case 'constant-difference':
      return `${name}: ${difference} in each of the ${pairs}: no spread, so the t-test gives no p-value`;
    case 'ok': {
      const verdict = comparison.significant ? 'significant' : 'not significant';
      const p = `p = ${formatPValue(test.p)}, adjusted ${formatPValue(adjustedP)}`;
      return `${name}: ${difference}, ${p}: ${verdict} at ${alpha}`;
    }
  }
}

/** "Phantom, ResNet18, 25% of the training set": where a comparison was made, for a report that
 *  compares in more than one place. */
export function comparisonContext(comparison: Comparison): string {
  const { dataset, backbone, subsetFraction } = comparison;
  const size = `${formatFraction(subsetFraction)} of the training set`;
  return `${displayName(dataset)}, ${displayName(backbone)}, ${size}`;
}
