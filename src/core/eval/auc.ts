// ROC AUC and ROC curves on plain numbers. Pure core: no tfjs, DOM or UI imports, so the engine,
// the headless runner and the UI all score predictions with exactly the same code.

/** Scores grouped by distinct value, ascending, with how many positives and negatives share it. */
interface ScoreGroup {
  score: number;
  positives: number;
  negatives: number;
}

/** Per-label AUC of a multi-label problem; NaN marks an undefined AUC (one class only). */
export interface LabelAucSummary {
  perLabel: number[];
  /** Mean over the defined labels only; NaN when none is defined. */
  mean: number;
  /** Indices of the labels whose AUC is undefined: reported as such, never as 0.5. */
  undefinedLabels: number[];
}

/** ROC curve points from the highest threshold down, as scikit-learn's `roc_curve`. */
export interface RocCurve {
  fpr: number[];
  tpr: number[];
  /** Descending; the first is +Infinity (the (0, 0) point, as scikit-learn >= 1.3). */
  thresholds: number[];
}

/** Throws on what scikit-learn also refuses: mismatched lengths, non-binary labels, NaN scores. */
function checkBinaryInputs(yTrue: ArrayLike<number>, yScore: ArrayLike<number>): void {
  if (yTrue.length !== yScore.length) {
    throw new RangeError(`rocAuc: ${yTrue.length} labels but ${yScore.length} scores`);
  }
  for (let i = 0; i < yTrue.length; i++) {
    const label = yTrue[i];
    if (label !== 0 && label !== 1) {
      throw new RangeError(`rocAuc: label ${label} at ${i} is not 0 or 1 (mask it instead)`);
    }
    if (!Number.isFinite(yScore[i])) {
      throw new RangeError(`rocAuc: score ${yScore[i]} at ${i} is not finite`);
    }
  }
}

function groupByDistinctScore(yTrue: ArrayLike<number>, yScore: ArrayLike<number>): ScoreGroup[] {
  checkBinaryInputs(yTrue, yScore);
  const order = Array.from({ length: yScore.length }, (_, i) => i);
  order.sort((i, j) => (yScore[i] as number) - (yScore[j] as number));
  const groups: ScoreGroup[] = [];
  let current: ScoreGroup | undefined;
  for (const i of order) {
    const score = yScore[i] as number;
    if (current === undefined || current.score !== score) {
      current = { score, positives: 0, negatives: 0 };
      groups.push(current);
    }
    if (yTrue[i] === 1) current.positives++;
    else current.negatives++;
  }
  return groups;
}

/**
 * Area under the ROC curve, exactly scikit-learn's `roc_auc_score` for binary labels: the
 * Mann–Whitney statistic, where a positive tied with a negative counts one half.
 * Returns NaN when only one class is present (scikit-learn raises there): an undefined AUC.
 */
export function rocAuc(yTrue: ArrayLike<number>, yScore: ArrayLike<number>): number {
  let negativesBelow = 0;
  let pairsWon = 0; // integer or half-integer: exact in a double for any realistic n
  let positives = 0;
  for (const group of groupByDistinctScore(yTrue, yScore)) {
    pairsWon += group.positives * (negativesBelow + group.negatives / 2);
    negativesBelow += group.negatives;
    positives += group.positives;
  }
  if (positives === 0 || negativesBelow === 0) return Number.NaN;
  return pairsWon / (positives * negativesBelow);
}

/**
 * ROC curve with one point per distinct score, as scikit-learn's
 * `roc_curve(drop_intermediate=False)`.
 * With only one class the rates are undefined: all arrays come back empty, nothing to plot.
 */
export function rocCurve(yTrue: ArrayLike<number>, yScore: ArrayLike<number>): RocCurve {
  const groups = groupByDistinctScore(yTrue, yScore).reverse();
  const positives = groups.reduce((sum, g) => sum + g.positives, 0);
  const negatives = groups.reduce((sum, g) => sum + g.negatives, 0);
  if (positives === 0 || negatives === 0) return { fpr: [], tpr: [], thresholds: [] };
  const curve: RocCurve = { fpr: [0], tpr: [0], thresholds: [Number.POSITIVE_INFINITY] };
  let truePositives = 0;
  let falsePositives = 0;
  for (const group of groups) {
    truePositives += group.positives;
    falsePositives += group.negatives;
    curve.fpr.push(falsePositives / negatives);
    curve.tpr.push(truePositives / positives);
    curve.thresholds.push(group.score);
  }
  return curve;
}

/** The entries of one label column that are not masked out (mask 1 = use, 0 = ignore). */
function unmaskedColumn(
  targets: readonly (readonly number[])[],
  scores: readonly (readonly number[])[],
  masks: readonly (readonly number[])[] | undefined,
  label: number,
): { yTrue: number[]; yScore: number[] } {
  const yTrue: number[] = [];
  const yScore: number[] = [];
  targets.forEach((row, i) => {
    if (masks !== undefined && masks[i]?.[label] === 0) return;
    yTrue.push(row[label] as number);
    yScore.push(scores[i]?.[label] as number);
  });
  return { yTrue, yScore };
}

/**
 * AUC per label of `[N, L]` targets and scores, skipping entries whose mask is 0, and their mean
 * over the labels whose AUC is defined. Undefined labels are listed, not averaged in as 0.5.
 */
export function perLabelAuc(
  targets: readonly (readonly number[])[],
  scores: readonly (readonly number[])[],
  masks?: readonly (readonly number[])[],
): LabelAucSummary {
  if (
    scores.length !== targets.length ||
    (masks !== undefined && masks.length !== targets.length)
  ) {
    throw new RangeError('perLabelAuc: targets, scores and masks need the same number of rows');
  }
  const labelCount = targets[0]?.length ?? 0;
  const perLabel: number[] = [];
  for (let label = 0; label < labelCount; label++) {
    const { yTrue, yScore } = unmaskedColumn(targets, scores, masks, label);
    perLabel.push(rocAuc(yTrue, yScore));
  }
  const defined = perLabel.filter((auc) => !Number.isNaN(auc));
  return {
    perLabel,
    mean: defined.length === 0 ? Number.NaN : defined.reduce((a, b) => a + b, 0) / defined.length,
    undefinedLabels: perLabel.flatMap((auc, label) => (Number.isNaN(auc) ? [label] : [])),
  };
}

/** One label's ROC curve for drawing: false and true positive rates, (0, 0) to (1, 1). */
export interface RocPoints {
  fpr: number[];
  tpr: number[];
}

/**
 * Each label's ROC curve on the unmasked entries, thinned to at most `maxPoints` (kept evenly by
 * index, both ends always), so a test split of thousands of images stores and draws cheaply. Empty
 * for a label with one class (no curve exists).
 */
export function perLabelRoc(
  targets: readonly (readonly number[])[],
  scores: readonly (readonly number[])[],
  masks?: readonly (readonly number[])[],
  maxPoints = 200,
): RocPoints[] {
  const labelCount = targets[0]?.length ?? 0;
  return Array.from({ length: labelCount }, (_, label) => {
    const { yTrue, yScore } = unmaskedColumn(targets, scores, masks, label);
    const { fpr, tpr } = rocCurve(yTrue, yScore);
    const keep = thinnedIndices(fpr.length, maxPoints);
    return { fpr: keep.map((i) => fpr[i] as number), tpr: keep.map((i) => tpr[i] as number) };
  });
}

/** `max` indices spread evenly over 0..length-1, ends included (all of them when fewer). */
function thinnedIndices(length: number, max: number): number[] {
  if (length <= max) return Array.from({ length }, (_, i) => i);
  return Array.from({ length: max }, (_, k) => Math.round((k * (length - 1)) / (max - 1)));
}
