// Slicing an experiment's grid for N processes or machines (`--shard I/N`): the I-th of N
// disjoint slices of planExperiment's runs. 0-based, because both schedulers count that way
// (Kubernetes' JOB_COMPLETION_INDEX, Slurm's --array=0-N-1), so their index passes through as is.
// Pure: the same config gives the same slices in every process, with no coordination.
import type { ExperimentRunSpec } from './experiment';

export interface Shard {
  /** 0 ≤ index < count. */
  index: number;
  count: number;
}

/** Parses "I/N" (0-based I); throws a message naming what is wrong. */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index >= count)
    throw new Error(
      `--shard ${text}: I/N with 0 ≤ I < N (0-based, as JOB_COMPLETION_INDEX and SLURM_ARRAY_TASK_ID), e.g. --shard 0/3`,
    );
  return { index, count };
}

/**
 * The runs of one shard: round-robin by the plan's run index, so every run lands in exactly one
 * shard and the shards' sizes differ by at most one. Round-robin rather than contiguous blocks
 * spreads the data-size fractions (whose runs differ in cost) over every shard.
 */
export function shardRuns<T extends Pick<ExperimentRunSpec, 'index'>>(
  runs: T[],
  shard: Shard,
): T[] {
  return runs.filter((run) => run.index % shard.count === shard.index);
}
