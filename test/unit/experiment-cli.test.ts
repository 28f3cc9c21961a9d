// The runner's command line and data: --seeds, --backend, and the phantom reaching runExperiment
// unsplit, so the config's split is the only one drawn (a pre-split demo was split a second time:
// 49 / 27 / 24 % instead of 70 / 15 / 15).
import { expect, it } from 'vitest';
import { loadExperimentData, parseCli } from '../../scripts/experiment/cli';
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

it('takes --seeds as a list of integers, and names the flag when it is not one', () => {
  expect(parseCli(['c.json', '--seeds', '1, 2']).seeds).toEqual([1, 2]);
  expect(parseCli(['c.json']).seeds).toBeUndefined();
  for (const bad of ['', '1,x', '0.5'])
    expect(() => parseCli(['c.json', '--seeds', bad])).toThrow(`--seeds ${bad}:`);
});

it('takes --backend webgpu-node in Node, and names the choices of each mode when it is not one', () => {
  expect(parseCli(['c.json']).nodeBackend).toBe('cpu');
  expect(parseCli(['c.json', '--backend', 'webgpu-node']).nodeBackend).toBe('webgpu-node');
  expect(parseCli(['c.json', '--browser']).browserBackends).toEqual(['webgpu']);
  expect(() => parseCli(['c.json', '--backend', 'webgl'])).toThrow(
    '--backend webgl: without --browser one of cpu, webgpu-node.',
  );
  expect(() => parseCli(['c.json', '--browser', '--backend', 'webgpu-node'])).toThrow(
    '--browser --backend webgpu-node: one of webgpu, webgl, cpu.',
  );
  expect(() => parseCli(['c.json', '--swiftshader'])).toThrow('--swiftshader needs --browser.');
});
