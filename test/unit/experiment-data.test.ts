// The runner's data: the phantom reaches runExperiment unsplit, so the config's split is the only
// one drawn (a pre-split demo was split a second time: 49 / 27 / 24 % instead of 70 / 15 / 15).
import { expect, it } from 'vitest';
import { loadExperimentData } from '../../scripts/experiment/cli';
import { splitKeepingHoldout } from '../../src/core/data/split';
import { parseExperimentConfig } from '../../src/core/experiment/config';

it('splits the phantom once, by the config’s patient fractions', async () => {
  const config = parseExperimentConfig({
    name: 'split-once',
    dataset: { kind: 'phantom', patients: 40, imageSize: 32, seed: 2 },
    inputSize: 32,
    chains: [{ colorizer: 'replicate', stages: [{ stage: 'baseline' }] }],
    split: { train: 0.5, valid: 0.25, test: 0.25, seed: 1 },
  });
  const data = await loadExperimentData(config, '.');
  expect(data.index.items.every((item) => item.split === undefined)).toBe(true);
  const split = splitKeepingHoldout(data.index, config.split, config.split.seed);
  const patients = (side: string) =>
    new Set(split.items.filter((i) => i.split === side).map((i) => i.patientId)).size;
  expect([patients('train'), patients('valid'), patients('test')]).toEqual([20, 10, 10]);
});
