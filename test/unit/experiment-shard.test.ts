// --shard's slicing (disjoint, covering, deterministic, 0-based I/N validated), the config hash
// (what may differ between mergeable runs and what may not), the merge's refusals, and the cost
// estimate's step count.
import { expect, it } from 'vitest';
import { configHash } from '../../scripts/experiment/config-hash';
import { mergeRunFiles, type RunFile } from '../../scripts/experiment/merge-runs';
import { parseExperimentConfig } from '../../src/core/experiment/config';
import { trainingSteps } from '../../src/core/experiment/cost';
import { planExperiment } from '../../src/core/experiment/experiment';
import { parseShard, shardRuns } from '../../src/core/experiment/shard';

const json = {
  name: 'grid',
  dataset: { kind: 'phantom', patients: 24, imageSize: 32, seed: 3 },
  seeds: [0, 1, 2],
  subsets: [0.1, 0.5, 1],
  draws: 2,
  training: { iterations: 5 },
  chains: [
    { colorizer: 'replicate', stages: [{ stage: 'baseline' }] },
    { colorizer: 'coloru', stages: [{ stage: 'colorModule' }, { stage: 'all', iterations: 7 }] },
  ],
};
const config = parseExperimentConfig(json);
const plan = planExperiment(config);
const cell = (r: { fraction: number; draw: number; seed: number; chain: { colorizer: string } }) =>
  `${r.fraction}/${r.draw}/${r.seed}/${r.chain.colorizer}`;

it('slices the plan into disjoint shards that cover every cell, the same way every time', () => {
  expect(plan).toHaveLength(30); // (2 + 2 + 1 draws) × 3 seeds × 2 chains
  for (const count of [1, 2, 3, 7, 30, 31]) {
    const shards = Array.from({ length: count }, (_, index) => shardRuns(plan, { index, count }));
    const cells = shards.flat().map(cell);
    expect(new Set(cells).size, `${count} shards`).toBe(plan.length);
    expect(cells.sort()).toEqual(plan.map(cell).sort());
    const sizes = shards.map((s) => s.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    const again = planExperiment(parseExperimentConfig(structuredClone(json)));
    expect(shardRuns(again, { index: count - 1, count }).map(cell)).toEqual(
      shards[count - 1]?.map(cell),
    );
  }
});

it('reads --shard as 0-based I/N and names the flag when it is not one', () => {
  expect(parseShard('0/3')).toEqual({ index: 0, count: 3 });
  expect(parseShard(' 2 / 3 ')).toEqual({ index: 2, count: 3 });
  for (const bad of ['3/3', '1/0', '-1/3', '1', 'a/3', '1.5/3', ''])
    expect(() => parseShard(bad)).toThrow(`--shard ${bad}:`);
});

it('hashes everything that defines a cell, but not the seeds list, the name or key order', () => {
  const hash = configHash(config);
  const reordered = Object.fromEntries(Object.entries(json).reverse());
  expect(configHash(parseExperimentConfig({ ...reordered, seeds: [1], name: 'other' }))).toBe(hash);
  // A default spelled out is the same config.
  expect(configHash(parseExperimentConfig({ ...json, inputSize: 224 }))).toBe(hash);
  const changed = [
    { training: { iterations: 6 } },
    { subsets: [0.5, 1] },
    { dataset: { ...json.dataset, patients: 25 } },
    { split: { seed: 1 } },
    { chains: json.chains.slice(1) },
  ];
  for (const change of changed)
    expect(
      configHash(parseExperimentConfig({ ...json, ...change })),
      JSON.stringify(change),
    ).not.toBe(hash);
});

/** Both seeds' files come from one unsharded process, so a merge of the two is whole. */
const ONE_PROCESS = { seeds: [0, 1], shard: { index: 0, count: 1 }, files: 2, gridCells: 2 };

function runFile(path: string, seed: number, hash: string): RunFile {
  const record = {
    dataset: 'phantom',
    backbone: 'resnet18',
    procedure: 'Baseline',
    seed,
    labels: ['a'],
    perLabelAuc: [0.6],
    meanAuc: 0.6,
  };
  return {
    path,
    report: { configHash: hash, origin: ONE_PROCESS, record } as unknown as RunFile['report'],
  };
}

it('merges runs of one config and refuses, naming the files, a repeated cell or another config', () => {
  const merged = mergeRunFiles([
    runFile('a/runs/s0.json', 0, 'h1'),
    runFile('b/runs/s1.json', 1, 'h1'),
  ]);
  expect(merged.reports.map((r) => r.record.seed)).toEqual([0, 1]);
  expect(merged.configHash).toBe('h1');
  expect(() =>
    mergeRunFiles([runFile('a/runs/s0.json', 0, 'h1'), runFile('b/runs/s0.json', 0, 'h1')]),
  ).toThrow('b/runs/s0.json repeats the cell of a/runs/s0.json');
  expect(() =>
    mergeRunFiles([runFile('a/runs/s0.json', 0, 'h1'), runFile('b/runs/s1.json', 1, 'h2')]),
  ).toThrow('b/runs/s1.json has config hash h2, a/runs/s0.json has h1');
});

it('counts the training steps of every stage of every cell', () => {
  // 5 fraction-draw pairs × 3 seeds × (Baseline 5 + Color Module 5 + All 7).
  expect(trainingSteps(config, plan)).toBe(5 * 3 * 17);
});
