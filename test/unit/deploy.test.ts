// The cluster files (docs/cluster.md) wire the scheduler's 0-based index into --shard with the
// same N as the number of tasks: a Kubernetes Indexed Job and a Slurm job array. An N that
// disagrees would skip cells (N too small for the tasks) or run tasks the runner refuses.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseShard } from '../../src/core/experiment/shard';

/** `--shard VALUE` of an argument list (the scheduler's variable not yet expanded). */
function shardArg(args: string[]): string {
  const at = args.indexOf('--shard');
  const value = args[at + 1];
  if (at < 0 || value === undefined) throw new Error(`no --shard in ${args.join(' ')}`);
  return value;
}

/** Every index the scheduler hands out must parse as a shard of N; the next one must not. */
function expectShardsFor(template: string, variable: string, tasks: number): void {
  for (let i = 0; i < tasks; i++)
    expect(parseShard(template.replace(variable, String(i)))).toEqual({ index: i, count: tasks });
  expect(() => parseShard(template.replace(variable, String(tasks)))).toThrow();
}

it('runs the grid as a Kubernetes Indexed Job, one shard per completion index', () => {
  const job = parse(readFileSync('deploy/k8s/experiment-job.yaml', 'utf8'));
  expect([job.apiVersion, job.kind, job.spec.completionMode]).toEqual([
    'batch/v1',
    'Job',
    'Indexed',
  ]);
  const completions: number = job.spec.completions;
  expect(job.spec.parallelism).toBeLessThanOrEqual(completions);
  const [runner] = job.spec.template.spec.containers;
  expectShardsFor(shardArg(runner.args), '$(JOB_COMPLETION_INDEX)', completions);
  const mounts = runner.volumeMounts.map((m: { name: string }) => m.name);
  const claims = job.spec.template.spec.volumes.filter(
    (v: { name: string; persistentVolumeClaim?: unknown }) =>
      mounts.includes(v.name) && v.persistentVolumeClaim,
  );
  expect(claims).toHaveLength(1); // results outlive the pods
});

it('runs the grid as a Slurm array over 0…N−1, passing the same N to --shard', () => {
  const script = readFileSync('deploy/slurm/experiment-array.sh', 'utf8');
  const array = /^#SBATCH --array=0-(\d+)\s*$/m.exec(script);
  const shards = /^SHARDS=(\d+)\s*$/m.exec(script);
  expect(array && shards).toBeTruthy();
  const tasks = Number(array?.[1]) + 1;
  const shard = /--shard "([^"]+)"/.exec(script)?.[1] ?? '';
  expectShardsFor(shard.replace('$SHARDS', shards?.[1] ?? ''), '$SLURM_ARRAY_TASK_ID', tasks);
});
