// The default experiment and its size: what the Compare step queues and estimates.
import { expect, it } from 'vitest';
import { defaultExperiment, experimentSize } from './experiment';
import { parseExperimentConfig } from './pure-core';

const choices = {
  demo: { patients: 40, imageSize: 48, seed: 2 },
  spec: {
    colorizer: 'deconv',
    backbone: 'resnet18',
    widthMultiplier: 0.125,
    inputSize: 32,
    seed: 0,
  },
  settings: {
    iterations: 30,
    batchSize: 8,
    accumulation: 1,
    lrMax: 0.05,
    weightDecay: 0.01,
    validateEvery: 10,
    seed: 4,
  },
} as const;

it('builds the paper comparison for the chosen colorizer, valid for the runner', () => {
  const config = parseExperimentConfig(defaultExperiment(choices));
  expect(config.chains.map((c) => [c.colorizer, c.stages.map((s) => s.stage)])).toEqual([
    ['replicate', ['baseline']],
    ['replicate', ['baselineAll']],
    ['deconv', ['colorModule', 'all']],
  ]);
  expect(config.seeds).toEqual([0, 1, 2]);
  expect(config.dataset).toEqual({ kind: 'phantom', patients: 40, imageSize: 48, seed: 2 });
  expect(config.training).toMatchObject({ iterations: 30, batchSize: 8, lrMax: 0.05 });
});

it('counts runs and steps as the plan runs them', () => {
  const config = parseExperimentConfig({
    ...defaultExperiment(choices),
    subsets: [0.5, 1],
    draws: 2,
    chains: [
      { colorizer: 'replicate', stages: [{ stage: 'baseline', iterations: 5 }] },
      { colorizer: 'coloru', stages: [{ stage: 'colorModule' }, { stage: 'all', iterations: 7 }] },
    ],
  });
  // (2 draws of 50 % + the whole set) × 3 seeds × 2 chains; steps (5 + 30 + 7) per seed and draw.
  expect(experimentSize(config)).toEqual({ runs: 18, steps: 3 * 3 * 42 });
});
