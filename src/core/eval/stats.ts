// Descriptive statistics and Benjamini–Hochberg on plain numbers. Pure core: no imports at all, so
// the engine, the headless runner and the UI summarize runs with the same arithmetic.

/** Mean ± sample standard deviation (ddof = 1, as the paper reports) of the defined values. */
export interface Summary {
  /** How many values were finite and entered the statistics. */
  n: number;
  /** How many values were NaN (an undefined AUC) and were left out. */
  undefinedCount: number;
  mean: number;
  /** NaN when n < 2: one run has no spread to report. */
  sd: number;
  min: number;
  max: number;
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** Sample standard deviation with ddof = 1 (two-pass, so a large mean does not eat the spread). */
export function sampleStandardDeviation(values: readonly number[]): number {
  if (values.length < 2) return Number.NaN;
  const centre = mean(values);
  const squares = values.reduce((sum, v) => sum + (v - centre) * (v - centre), 0);
  return Math.sqrt(squares / (values.length - 1));
}

/** Summarizes the finite values; NaN entries are counted as undefined rather than averaged in. */
export function summarize(values: readonly number[]): Summary {
  const defined = values.filter((v) => !Number.isNaN(v));
  return {
    n: defined.length,
    undefinedCount: values.length - defined.length,
    mean: mean(defined),
    sd: sampleStandardDeviation(defined),
    min: defined.length === 0 ? Number.NaN : Math.min(...defined),
    max: defined.length === 0 ? Number.NaN : Math.max(...defined),
  };
}

/**
 * Benjamini–Hochberg adjusted p-values (statsmodels' `multipletests(method='fdr_bh')`), returned
 * in input order, monotone in the raw p-values and capped at 1. NaN entries (tests that could not
 * run) are skipped: they stay NaN and the others are adjusted as a family of the non-NaN ones.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const present: number[] = [];
  pValues.forEach((p, i) => {
    if (Number.isNaN(p)) return;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`benjaminiHochberg: p-value ${p} at ${i}`);
    present.push(i);
  });
  present.sort((i, j) => (pValues[i] as number) - (pValues[j] as number));
  const adjusted = pValues.map(() => Number.NaN);
  const m = present.length;
  let runningMinimum = 1; // starting at 1 is the cap
  for (let rank = m; rank >= 1; rank--) {
    const index = present[rank - 1] as number;
    // Divide by rank/m (not multiply by m/rank) to round exactly as statsmodels does.
    runningMinimum = Math.min(runningMinimum, (pValues[index] as number) / (rank / m));
    adjusted[index] = runningMinimum;
  }
  return adjusted;
}
