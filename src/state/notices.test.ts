// Notices come from store transitions: one per finished piece of work, errors only when another
// step is in view, never again for an unchanged state, and at most MAX_NOTICES kept.
import { beforeEach, expect, it } from 'vitest';
import { MAX_NOTICES, noticesFor, watchNotices, withNotices } from './notices';
import { patcher } from './patch';
import { resetStudio, useStudio } from './store';

beforeEach(resetStudio);

const summary = {
  name: 'Phantom',
  labels: ['Edema'],
  splits: [{ split: 'train' as const, images: 1234, patients: 9, positives: [1], negatives: [2] }],
  warnings: [],
};

it('announces a loaded dataset once, with its image count', () => {
  const stop = watchNotices(useStudio);
  patcher(useStudio)('dataset', { summary });
  patcher(useStudio)('dataset', { busy: false }); // same summary: nothing new
  stop();
  expect(useStudio.getState().notices).toEqual([
    { id: 1, kind: 'success', text: 'Loaded Phantom: 1,234 images.' },
  ]);
});

it('reports a finished stage with its best AUC to three decimals, and a divergence as an error', () => {
  const before = useStudio.getState();
  const result = {
    stage: 'colorModule',
    seconds: 3,
    outcome: 'completed',
    stepsRun: 150,
    bestStep: 125,
    bestMeanAuc: 0.79184,
  } as const;
  const after = { ...before, training: { ...before.training, results: [result] } };
  expect(noticesFor(before, after)).toEqual([
    { kind: 'success', text: 'Color Module finished after 150 steps: best validation AUC 0.792.' },
  ]);
  const diverged = {
    ...after,
    training: { ...after.training, results: [result, { ...result, outcome: 'diverged' as const }] },
  };
  expect(noticesFor(after, diverged)).toEqual([{ kind: 'error', text: 'Color Module diverged.' }]);
});

it('adds an error notice only when the failing step is not the one in view', () => {
  const before = useStudio.getState();
  const failed = { ...before, model: { ...before.model, error: 'Download failed' } };
  expect(noticesFor(before, { ...failed, step: 'model' })).toEqual([]);
  expect(noticesFor(before, { ...failed, step: 'data' })).toEqual([
    { kind: 'error', text: 'Download failed' },
  ]);
});

it('keeps the newest notices up to the limit', () => {
  const drafts = Array.from({ length: MAX_NOTICES + 2 }, (_, i) => ({
    kind: 'success' as const,
    text: `n${i}`,
  }));
  const kept = withNotices([], drafts, 10);
  expect(kept.map((n) => n.text)).toEqual(drafts.slice(-MAX_NOTICES).map((d) => d.text));
  expect(kept.map((n) => n.id)).toEqual([12, 13, 14]);
});

it('dismisses one notice by id', () => {
  useStudio.setState({
    notices: withNotices(
      [],
      [
        { kind: 'success', text: 'a' },
        { kind: 'success', text: 'b' },
      ],
      1,
    ),
  });
  useStudio.getState().dismissNotice(1);
  expect(useStudio.getState().notices.map((n) => n.text)).toEqual(['b']);
});

it('clears the successes when the user moves to another step, and keeps the failures', () => {
  const drafts = [
    { kind: 'success' as const, text: 'Built' },
    { kind: 'error' as const, text: 'Stage failed' },
  ];
  useStudio.setState({ notices: withNotices([], drafts, 1) });
  useStudio.getState().goTo('compare');
  expect(useStudio.getState().notices).toEqual([{ id: 2, kind: 'error', text: 'Stage failed' }]);
});
