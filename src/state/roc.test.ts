// ROC curves for the Results view: TPR read off a curve, the vertical average of several, and
// grouping a run's curve with the other seeds of its procedure.
import { expect, it } from 'vitest';
import { runEntry } from '../../test/helpers/run-entries';
import { averageRoc, rocGroups, rocLabels, tprAt } from './roc';

// Two thresholds share FPR 0.5: the curve climbs vertically there from 0.5 to 1.
const stepped = { fpr: [0, 0, 0.5, 0.5, 1], tpr: [0, 0.25, 0.5, 1, 1] };

it('reads the top of a vertical step, and interpolates between points', () => {
  expect(tprAt(stepped, 0)).toBe(0.25);
  expect(tprAt(stepped, 0.25)).toBeCloseTo(0.375); // halfway from (0, 0.25) to (0.5, 0.5)
  expect(tprAt(stepped, 0.5)).toBe(1);
  expect(tprAt(stepped, 1)).toBe(1);
});

it('averages TPR at fixed FPRs, from (0, 0), leaving out labels without a curve', () => {
  const diagonal = { fpr: [0, 1], tpr: [0, 1] };
  const mean = averageRoc([stepped, diagonal, { fpr: [], tpr: [] }], 5);
  // Grid 0, 0.25, 0.5, 0.75, 1: stepped gives 0.25, 0.375, 1, 1, 1; the diagonal x.
  expect(mean).toEqual([
    { fpr: 0, tpr: 0 },
    { fpr: 0, tpr: 0.125 },
    { fpr: 0.25, tpr: 0.3125 },
    { fpr: 0.5, tpr: 0.75 },
    { fpr: 0.75, tpr: 0.875 },
    { fpr: 1, tpr: 1 },
  ]);
  expect(averageRoc([{ fpr: [], tpr: [] }])).toEqual([]);
});

it("groups each label's curves by procedure, in plan order, skipping undefined ones", () => {
  const runs = [
    runEntry({ procedure: 'Baseline', seed: 0, perLabelAuc: [0.7, Number.NaN], runIndex: 0 }),
    runEntry({
      procedure: 'Color Module',
      colorizer: 'coloru',
      seed: 0,
      perLabelAuc: [0.8, 0.9],
      runIndex: 1,
    }),
    runEntry({ procedure: 'Baseline', seed: 1, perLabelAuc: [0.75, 0.6], runIndex: 2 }),
  ];
  expect(rocLabels(runs)).toEqual(['Cardiomegaly', 'Edema']);
  const cardio = rocGroups(runs, 'Cardiomegaly');
  expect(cardio.map((g) => [g.title, g.runs.map((r) => r.seed)])).toEqual([
    ['Baseline', [0, 1]],
    ['ColorU Color Module', [0]],
  ]);
  expect(cardio[0]?.mean).toHaveLength(52);
  expect(rocGroups(runs, 'Edema').map((g) => [g.title, g.runs.length])).toEqual([
    ['ColorU Color Module', 1],
    ['Baseline', 1],
  ]);
});
