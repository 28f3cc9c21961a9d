// The merge's check of the shard set (issue 16): each run file records its process's slice of the
// grid, and a merge lacking a shard, or holding one cut short, is refused with the shard indexes
// named, unless --partial, which merges and returns the gaps to report.
import { expect, it } from 'vitest';
import { mergeRunFiles, type RunFile } from '../../scripts/experiment/merge-runs';
import { type RunOrigin, runOrigin, shardGaps } from '../../scripts/experiment/shard-coverage';
import { parseExperimentConfig } from '../../src/core/experiment/config';
import { planExperiment } from '../../src/core/experiment/experiment';

/** Shard `index` of 3 over seeds 0 and 1; each shard writes 2 files, the grid has 6 cells. */
const origin = (index: number, count = 3, files = 2): RunOrigin => ({
  seeds: [0, 1],
  shard: { index, count },
  files,
  gridCells: 6,
});

/** A run file of cell `cell` (its seed: cells differ by seed only) from `from`. */
function runFile(cell: number, from: RunOrigin | undefined): RunFile {
  const record = { procedure: 'Baseline', seed: cell, labels: ['a'], perLabelAuc: [0.6] };
  const report = { configHash: 'h', record, ...(from ? { origin: from } : {}) };
  return { path: `shard${from?.shard.index}/runs/s${cell}.json`, report } as unknown as RunFile;
}

/** Both files of each shard listed. */
const shardFiles = (...indexes: number[]) =>
  indexes.flatMap((i) => [runFile(2 * i, origin(i)), runFile(2 * i + 1, origin(i))]);

it('merges a whole shard set, whatever the folder order', () => {
  const merged = mergeRunFiles(shardFiles(2, 0, 1));
  expect(merged.reports).toHaveLength(6);
  expect(merged.gaps).toEqual([]);
});

it('refuses a set without shards 1 and 2, naming them; --partial merges and returns the gap', () => {
  const files = shardFiles(0);
  expect(() => mergeRunFiles(files)).toThrow(
    'shards 1, 2 of 3 (seeds 0, 1) missing: no run file of theirs in the folders given',
  );
  expect(() => mergeRunFiles(files)).toThrow('--partial merges anyway');
  const partial = mergeRunFiles(files, { partial: true });
  expect(partial.reports.map((r) => r.record.seed)).toEqual([0, 1]);
  expect(partial.gaps).toEqual([
    'shards 1, 2 of 3 (seeds 0, 1) missing: no run file of theirs in the folders given',
  ]);
});

it('names a shard cut short by its files found and expected', () => {
  const files = [...shardFiles(0, 2), runFile(2, origin(1))];
  expect(() => mergeRunFiles(files)).toThrow(
    'shard 1 of 3 (seeds 0, 1) incomplete: 1 of its 2 run files',
  );
});

it('expects no files of the shards past the grid (more shards than cells)', () => {
  // 6 cells in 8 shards: shards 6 and 7 are empty and write nothing.
  const files = [0, 1, 2, 3, 4, 5].map((i) => runFile(i, origin(i, 8, 1)));
  expect(shardGaps(files.map((f) => f.report.origin))).toEqual([]);
  expect(shardGaps(files.slice(1).map((f) => f.report.origin))).toEqual([
    'shard 0 of 8 (seeds 0, 1) missing: no run file of theirs in the folders given',
  ]);
});

it('checks each seed list’s sharding apart, and says when a file has no shard record', () => {
  const seed0 = { ...origin(0, 2), seeds: [0] };
  const seed1 = { ...origin(1, 2), seeds: [1] };
  expect(shardGaps([seed0, seed0, seed1, seed1, undefined])).toEqual([
    'shard 1 of 2 (seeds 0) missing: no run file of theirs in the folders given',
    'shard 0 of 2 (seeds 1) missing: no run file of theirs in the folders given',
    '1 run file(s) carry no shard record: their shards cannot be checked',
  ]);
});

it('counts one file per stage of each cell of a shard, the shards adding up to the grid', () => {
  const config = parseExperimentConfig({
    name: 'grid',
    dataset: { kind: 'phantom', patients: 24, imageSize: 32, seed: 3 },
    seeds: [0, 1, 2],
    subsets: [0.5, 1],
    draws: 2,
    chains: [
      { colorizer: 'replicate', stages: [{ stage: 'baseline' }] },
      { colorizer: 'coloru', stages: [{ stage: 'colorModule' }, { stage: 'all' }] },
    ],
  });
  const plan = planExperiment(config);
  const origins = [0, 1, 2, 3].map((index) => runOrigin([0, 1, 2], plan, { index, count: 4 }));
  // (2 draws of 0.5 + 1 of the whole set) × 3 seeds = 9 cells per chain, 1 + 2 stage files each.
  expect(origins.reduce((n, o) => n + o.files, 0)).toBe(9 * (1 + 2));
  expect(origins.every((o) => o.gridCells === 18)).toBe(true);
});
