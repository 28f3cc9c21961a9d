import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { perLabelAuc, perLabelRoc, rocAuc, rocCurve } from './auc';

interface AucFixture {
  cases: { name: string; yTrue: number[]; yScore: number[]; auc: number | null }[];
  curves: {
    name: string;
    yTrue: number[];
    yScore: number[];
    fpr: number[];
    tpr: number[];
    thresholdsAfterFirst: number[];
  }[];
  perLabel: {
    targets: number[][];
    scores: number[][];
    masks: number[][];
    perLabel: (number | null)[];
    mean: number;
    undefinedLabels: number[];
    perLabelWithoutMasks: (number | null)[];
  };
}

// Reference values from scikit-learn (roc_auc_score, roc_curve), written by
// scripts/fixtures/gen_eval_fixtures.py.
// null stands for "sklearn refused: only one class", which rocAuc reports as NaN.
const fixture = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/eval/auc.json', import.meta.url), 'utf8'),
) as AucFixture;

const asNaN = (value: number | null) => value ?? Number.NaN;

describe('rocAuc against scikit-learn roc_auc_score', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const auc = rocAuc(c.yTrue, c.yScore);
    if (c.auc === null) expect(auc).toBeNaN();
    else expect(Math.abs(auc - c.auc)).toBeLessThan(1e-9);
  });

  it('covers tiny, heavily tied and large (n = 10000) cases', () => {
    const sizes = fixture.cases.map((c) => c.yTrue.length);
    expect(Math.min(...sizes)).toBe(2);
    expect(Math.max(...sizes)).toBe(10000);
    const tenLevels = fixture.cases.find((c) => c.name.includes('ten score levels'));
    expect(new Set(tenLevels?.yScore).size).toBe(10);
  });

  it('gives 0.5 for constant scores (every pair is a tie) and NaN for one class', () => {
    expect(rocAuc([0, 1, 1, 0], [0.3, 0.3, 0.3, 0.3])).toBe(0.5);
    expect(rocAuc([1, 1, 1], [0.1, 0.2, 0.3])).toBeNaN();
    expect(rocAuc([0, 0], [0.1, 0.2])).toBeNaN();
    expect(rocAuc([], [])).toBeNaN();
  });

  it('accepts typed arrays and refuses non-binary labels, NaN scores and length mismatches', () => {
    expect(rocAuc(new Float32Array([0, 1]), new Float32Array([0.2, 0.9]))).toBe(1);
    expect(() => rocAuc([0, -1], [0.1, 0.2])).toThrow(RangeError);
    expect(() => rocAuc([0, 1], [0.1, Number.NaN])).toThrow(RangeError);
    expect(() => rocAuc([0, 1], [0.1])).toThrow(RangeError);
  });
});

describe('rocCurve against scikit-learn roc_curve(drop_intermediate=False)', () => {
  it.each(fixture.curves.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const curve = rocCurve(c.yTrue, c.yScore);
    expect(curve.fpr.length).toBe(c.fpr.length);
    const maxGap = (got: number[], want: number[]) =>
      Math.max(...want.map((value, i) => Math.abs((got[i] as number) - value)));
    expect(maxGap(curve.fpr, c.fpr)).toBeLessThan(1e-12);
    expect(maxGap(curve.tpr, c.tpr)).toBeLessThan(1e-12);
    expect(curve.thresholds[0]).toBe(Number.POSITIVE_INFINITY);
    expect(curve.thresholds.slice(1)).toEqual(c.thresholdsAfterFirst);
  });

  it('has nothing to plot with one class', () => {
    expect(rocCurve([1, 1], [0.2, 0.4])).toEqual({ fpr: [], tpr: [], thresholds: [] });
  });
});

describe('perLabelAuc', () => {
  const { targets, scores, masks } = fixture.perLabel;

  it('matches scikit-learn on each label restricted to its unmasked entries', () => {
    const summary = perLabelAuc(targets, scores, masks);
    fixture.perLabel.perLabel.forEach((expected, label) => {
      const auc = summary.perLabel[label] as number;
      if (expected === null) expect(auc).toBeNaN();
      else expect(Math.abs(auc - expected)).toBeLessThan(1e-9);
    });
    expect(Math.abs(summary.mean - fixture.perLabel.mean)).toBeLessThan(1e-9);
  });

  it('reports a one-class label as undefined and averages only the defined ones', () => {
    const summary = perLabelAuc(targets, scores, masks);
    expect(summary.undefinedLabels).toEqual(fixture.perLabel.undefinedLabels);
    const defined = summary.perLabel.filter((auc) => !Number.isNaN(auc));
    expect(defined.length).toBe(summary.perLabel.length - 1);
    expect(summary.mean).toBeCloseTo(defined.reduce((a, b) => a + b, 0) / defined.length, 14);
  });

  it('excludes masked entries (including them changes the answer)', () => {
    const unmasked = perLabelAuc(targets, scores);
    fixture.perLabel.perLabelWithoutMasks.forEach((expected, label) => {
      expect(Math.abs((unmasked.perLabel[label] as number) - asNaN(expected))).toBeLessThan(1e-9);
    });
    const masked = perLabelAuc(targets, scores, masks);
    expect(
      Math.abs((masked.perLabel[1] as number) - (unmasked.perLabel[1] as number)),
    ).toBeGreaterThan(0.05);
  });

  it('returns NaN mean when no label is defined', () => {
    const summary = perLabelAuc([[1], [1]], [[0.2], [0.3]]);
    expect(summary.mean).toBeNaN();
    expect(summary.undefinedLabels).toEqual([0]);
  });
});

describe('perLabelRoc', () => {
  it('gives each label its unmasked ROC curve, thinned to the cap with both ends kept', () => {
    const n = 500;
    const targets = Array.from({ length: n }, (_, i) => [i % 2, i % 3 === 0 ? 1 : 0]);
    const scores = Array.from({ length: n }, (_, i) => [Math.sin(i) + (i % 2), Math.cos(i)]);
    const masks = Array.from({ length: n }, (_, i) => [1, i < 10 ? 0 : 1]);
    const [first, second] = perLabelRoc(targets, scores, masks, 50);
    const full = rocCurve(
      targets.map((t) => t[0] as number),
      scores.map((s) => s[0] as number),
    );
    expect(first?.fpr).toHaveLength(50);
    expect([first?.fpr[0], first?.tpr[0], first?.fpr.at(-1), first?.tpr.at(-1)]).toEqual([
      0, 0, 1, 1,
    ]);
    const pairs = new Set(full.fpr.map((f, i) => `${f},${full.tpr[i]}`));
    expect(first?.fpr.every((f, i) => pairs.has(`${f},${first.tpr[i]}`))).toBe(true);
    const unmasked = rocCurve(
      targets.slice(10).map((t) => t[1] as number),
      scores.slice(10).map((s) => s[1] as number),
    );
    expect(second?.fpr.at(-2)).toBe(
      unmasked.fpr.at(Math.round((48 * (unmasked.fpr.length - 1)) / 49)),
    );
  });

  it('has no curve for a label with one class', () => {
    expect(perLabelRoc([[1], [1]], [[0.2], [0.9]])).toEqual([{ fpr: [], tpr: [] }]);
  });
});
