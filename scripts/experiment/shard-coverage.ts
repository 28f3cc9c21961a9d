// Whether a set of run files holds every shard of the processes that wrote them. Each run file
// records its process's slice of the grid (RunOrigin); a merge of shard folders that lacks one
// (a pod that failed, a folder left off the command line) or holds a shard cut short (killed
// mid-grid) would otherwise give tables of fewer runs that look like whole ones. Pure; Node-only
// script code, as the merge that uses it.
import type { ExperimentRunSpec } from '../../src/core/experiment/experiment';
import { type Shard, shardRuns } from '../../src/core/experiment/shard';

/** The slice of the grid one runner process ran, written into each of its run files. */
export interface RunOrigin {
  /** The process's seed list (--seeds, else the config's): another list is another grid. */
  seeds: number[];
  /** --shard I/N (0/1 without it). */
  shard: Shard;
  /** Run files this shard writes when it finishes: one per stage of each of its cells. */
  files: number;
  /** Cells of the whole grid; with round-robin slicing, shards from this index on are empty. */
  gridCells: number;
}

/** The origin of a process running slice `shard` of `plan` (the grid of `seeds`). */
export function runOrigin(seeds: number[], plan: ExperimentRunSpec[], shard: Shard): RunOrigin {
  const files = shardRuns(plan, shard).reduce((n, run) => n + run.chain.stages.length, 0);
  return { seeds, shard, files, gridCells: plan.length };
}

interface ShardSeen {
  expected: number;
  found: number;
}

/** One sharding of one grid: N shards of one seed list. */
interface Sharding {
  seeds: number[];
  count: number;
  gridCells: number;
  shards: Map<number, ShardSeen>;
}

/** Files grouped by sharding; each shard's files counted. */
function shardings(origins: RunOrigin[]): Sharding[] {
  const byKey = new Map<string, Sharding>();
  for (const { seeds, shard, files, gridCells } of origins) {
    const key = `${seeds.join(',')}|${shard.count}`;
    const group = byKey.get(key) ?? { seeds, count: shard.count, gridCells, shards: new Map() };
    byKey.set(key, group);
    const seen = group.shards.get(shard.index) ?? { expected: files, found: 0 };
    seen.found += 1;
    group.shards.set(shard.index, seen);
  }
  return [...byKey.values()];
}

/** What one sharding lacks: missing shard indexes (named), and shards with too few files. */
function gaps(group: Sharding): string[] {
  const of = `of ${group.count} (seeds ${group.seeds.join(', ')})`;
  const nonEmpty = Math.min(group.count, group.gridCells);
  const missing = Array.from({ length: nonEmpty }, (_, i) => i).filter((i) => !group.shards.has(i));
  const lines =
    missing.length === 0
      ? []
      : [
          `shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${of} missing: ` +
            'no run file of theirs in the folders given',
        ];
  for (const [index, { expected, found }] of [...group.shards].sort(([a], [b]) => a - b))
    if (found < expected)
      lines.push(`shard ${index} ${of} incomplete: ${found} of its ${expected} run files`);
  return lines;
}

/** Every gap in the shard sets of `origins` (one per run file; undefined: written without one,
 *  by a runner before shard records), as lines for a message; empty when the set is whole. */
export function shardGaps(origins: (RunOrigin | undefined)[]): string[] {
  const known = origins.filter((o): o is RunOrigin => o !== undefined);
  const unknown = origins.length - known.length;
  const lines = shardings(known).flatMap(gaps);
  if (unknown > 0)
    lines.push(`${unknown} run file(s) carry no shard record: their shards cannot be checked`);
  return lines;
}
