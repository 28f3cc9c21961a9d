// Issue 16's must-show: a small grid (2 seeds × 2 chains × 2 fractions) run as one process and as
// 3 shards in parallel processes, the shards merged by scripts/experiment-report.ts: the merged
// tables must equal the single process's, and a shard run twice must write the same run files; a
// merge without a shard is refused naming it, or with --partial says so in its report. Timings
// (trainSeconds, evaluationSeconds) and the slice each file came from (origin: shard i/3 or 0/1)
// are the only fields left out of the comparisons.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, expect, it } from 'vitest';

const run = promisify(execFile);
const TSX = join('node_modules', '.bin', 'tsx');
const CONFIG = join('test', 'fixtures', 'shard-grid.json');
const root = mkdtempSync(join(tmpdir(), 'shard-merge-'));
const dir = (name: string) => join(root, name);
// One kernel thread per process, as docs/experiments.md says for processes side by side.
const env = { ...process.env, CHROMAXR_CPU_THREADS: '1' };

function experiment(out: string, ...flags: string[]) {
  return run(TSX, ['scripts/experiment.ts', CONFIG, '--out', out, ...flags], { env });
}

function merge(out: string, dirs: string[], ...flags: string[]) {
  return run(TSX, ['scripts/experiment-report.ts', ...flags, '--out', out, ...dirs], { env });
}

/** Every run file of `out`, by name, without the timings and the origin. */
function runFiles(out: string): Record<string, unknown> {
  const files: Record<string, unknown> = {};
  for (const name of readdirSync(join(out, 'runs')).sort()) {
    const {
      trainSeconds: _t,
      evaluationSeconds: _e,
      origin: _o,
      ...rest
    } = JSON.parse(readFileSync(join(out, 'runs', name), 'utf8'));
    files[name] = rest;
  }
  return files;
}

const text = (out: string, file: string) => readFileSync(join(out, file), 'utf8');
const shards = [0, 1, 2].map((i) => dir(`shard${i}`));

beforeAll(async () => {
  await Promise.all([
    experiment(dir('single')),
    ...shards.map((out, i) => experiment(out, '--shard', `${i}/3`)),
  ]);
  await Promise.all([
    merge(dir('merged'), shards),
    experiment(dir('shard1-again'), '--shard', '1/3'),
  ]);
}, 600_000);

it('merges 3 shards into the very tables of one process', () => {
  for (const file of ['report.json', 'report.md', 'tableI.csv', 'comparisons.csv', 'dataSize.csv'])
    expect(text(dir('merged'), file), file).toBe(text(dir('single'), file));
  const report = JSON.parse(text(dir('merged'), 'report.json'));
  expect(JSON.stringify(report)).toContain('"p":'); // the paired tests ran on both seeds
});

it('splits the cells without overlap, and the merge holds each run of one process', () => {
  const perShard = shards.map((out) => Object.keys(runFiles(out)));
  const all = perShard.flat();
  expect(new Set(all).size).toBe(all.length);
  expect(perShard.every((names) => names.length > 0)).toBe(true);
  expect(runFiles(dir('merged'))).toEqual(runFiles(dir('single')));
});

it('writes the same run files when a shard runs twice', () => {
  expect(runFiles(dir('shard1-again'))).toEqual(runFiles(dir('shard1')));
});

it('refuses a merge that holds a shard twice, naming both files', async () => {
  const refused = merge(dir('refused'), [dir('shard1'), dir('shard1-again')]);
  await expect(refused).rejects.toThrow(
    /shard1-again\/runs\/\S+\.json repeats the cell of \S+shard1\/runs\//,
  );
});

it('refuses a merge without shard 1, naming it; --partial merges and says so first', async () => {
  const refused = merge(dir('refused-missing'), [shards[0] as string, shards[2] as string]);
  await expect(refused).rejects.toThrow(/shard 1 of 3 \(seeds 0, 1\) missing/);
  await merge(dir('partial'), [shards[0] as string, shards[2] as string], '--partial');
  expect(text(dir('partial'), 'report.md')).toMatch(/^> \*\*Partial merge\*\*: shard 1 of 3 /);
  expect(JSON.parse(text(dir('partial'), 'report.json')).incomplete).toHaveLength(1);
});
