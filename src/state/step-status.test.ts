// The stepper's states follow what the studio holds: nothing is "done" on a fresh page, steps that
// need a model say so, and each becomes done when its work is.
import { beforeEach, expect, it } from 'vitest';
import { builtModel } from '../../test/helpers/built-model';
import { patcher } from './patch';
import { stepStatus } from './step-status';
import { resetStudio, useStudio, type WizardStep } from './store';

beforeEach(resetStudio);

const states = () => {
  const s = useStudio.getState();
  const steps: WizardStep[] = ['data', 'model', 'stages', 'train', 'export', 'compare', 'results'];
  return Object.fromEntries(steps.map((step) => [step, stepStatus(s, step).state]));
};

const split = (name: 'train' | 'valid' | 'test', images: number) => ({
  split: name,
  images,
  patients: images,
  positives: [1],
  negatives: [images - 1],
});

function loadDataAndModel() {
  const patch = patcher(useStudio);
  patch('dataset', {
    summary: {
      name: 'Phantom',
      labels: ['Edema'],
      splits: [split('train', 60), split('valid', 20), split('test', 1020)],
      warnings: [],
    },
  });
  patch('model', { built: builtModel() });
}

it('starts with work to do and the steps that need a model or runs blocked', () => {
  expect(states()).toEqual({
    data: 'ready',
    model: 'ready',
    stages: 'blocked',
    train: 'blocked',
    export: 'blocked',
    compare: 'ready',
    results: 'blocked',
  });
  const s = useStudio.getState();
  expect(stepStatus(s, 'train').detail).toBe('Load a dataset first (step 1, Data).');
  expect(stepStatus(s, 'results').detail).toMatch(/No finished runs yet/);
});

it('marks data and model done, with the image count in words', () => {
  loadDataAndModel();
  const s = useStudio.getState();
  expect(stepStatus(s, 'data')).toEqual({ state: 'done', detail: 'Phantom, 1,100 images' });
  expect(states()).toMatchObject({
    model: 'done',
    stages: 'ready',
    train: 'ready',
    export: 'ready',
  });
});

it("blocks Train with the chosen stage's first problem, and marks it done after a stage", () => {
  loadDataAndModel();
  useStudio.getState().chooseStage('all');
  expect(stepStatus(useStudio.getState(), 'train')).toMatchObject({ state: 'blocked' });
  expect(stepStatus(useStudio.getState(), 'train').detail).toMatch(/Run Color Module first/);
  useStudio.getState().chooseStage('colorModule');
  const finished = {
    stage: 'colorModule',
    seconds: 1,
    outcome: 'completed',
    stepsRun: 4,
    bestStep: 4,
    bestMeanAuc: 0.7,
  } as const;
  patcher(useStudio)('training', { results: [finished] });
  expect(states()).toMatchObject({ stages: 'done', train: 'done' });
  expect(stepStatus(useStudio.getState(), 'train').detail).toBe('1 stage trained');
});
