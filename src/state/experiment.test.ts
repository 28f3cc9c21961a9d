// The default experiment and its size: what the Compare step queues and estimates.
import { expect, it } from 'vitest';
import {
  datasetKeyFor,
  defaultExperiment,
  describeExperiment,
  experimentDataChoice,
  experimentSize,
  remainingSteps,
} from './experiment';
import { parseExperimentConfig } from './pure-core';

const choices = {
  data: { kind: 'phantom', demo: { patients: 40, imageSize: 48, seed: 2 } },
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

it('counts the steps left: pending runs whole, the running one from its current stage', () => {
  const config = parseExperimentConfig(defaultExperiment(choices)); // 30 steps per stage
  const run = (index: number, status: 'done' | 'running' | 'pending', chain: number) => {
    const c = config.chains[chain] as (typeof config.chains)[number];
    return {
      index,
      colorizer: c.colorizer,
      seed: 0,
      fraction: 1,
      draw: 0,
      stages: c.stages.map((s) => s.stage),
      title: '',
      status,
    };
  };
  const state = {
    id: 'e',
    config,
    paused: false,
    runs: [run(0, 'done', 0), run(1, 'running', 2), run(2, 'pending', 1), run(3, 'pending', 2)],
  };
  // Running: Color Module → All, in its second stage with 10 of 30 done: 20 left; then 30 + 60.
  expect(remainingSteps(state, { stageIndex: 1, stepsDone: 10 })).toBe(20 + 30 + 60);
});

it('runs on the folder the trainer loaded, by name in the config and by key in the studio', () => {
  const loaded = { kind: 'cached', datasetKey: 'key-7', splitSeed: 5 } as const;
  const form = { patients: 40, imageSize: 48, seed: 2 };
  const data = experimentDataChoice(loaded, 'xrays', form);
  expect(data).toEqual({ kind: 'folder', name: 'xrays', splitSeed: 5 });
  const config = parseExperimentConfig(defaultExperiment({ ...choices, data }));
  expect(config.dataset).toEqual({ kind: 'folder', path: 'xrays' });
  expect(config.split.seed).toBe(5); // the runner splits the folder as the Data step did
  expect(datasetKeyFor(config, loaded)).toBe('key-7');
  // The phantom needs no key, and a loaded demo wins over an edited, unloaded form.
  const demo = { kind: 'demo', demo: { patients: 12, imageSize: 32, seed: 1 } } as const;
  expect(experimentDataChoice(demo, 'Phantom demo', form)).toEqual({
    kind: 'phantom',
    demo: demo.demo,
  });
  expect(datasetKeyFor(parseExperimentConfig(defaultExperiment(choices)), loaded)).toBeUndefined();
});

it('describes any config in words: its procedures, model, data and seeds', () => {
  const text = describeExperiment(
    parseExperimentConfig({
      ...defaultExperiment(choices),
      name: 'imported',
      dataset: { kind: 'folder', path: 'kermany' },
      seeds: [4, 5],
      chains: [
        { colorizer: 'replicate', stages: [{ stage: 'baseline' }] },
        { colorizer: 'pixelshuffle', stages: [{ stage: 'colorModule' }] },
      ],
    }),
  );
  expect(text).toBe(
    'Baseline; Color Module (PixelShuffle) · ResNet18 at width ⅛, 32 px, E random ' +
      '(NOT PRETRAINED) · the folder "kermany" · seeds 4, 5',
  );
});
