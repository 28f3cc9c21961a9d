// Merging run files written by several runner processes (--seeds, --shard, other machines) into
// one set for the summary tables. Refuses, naming the files, a cell present twice (a shard run
// twice, or overlapping --seeds) and runs of different configs (their hashes differ): either
// would silently skew the paired tests. Refuses too, naming the shard indexes, a set that lacks a
// shard or holds one cut short (shard-coverage.ts), unless asked for a partial merge: its tables
// would hold fewer runs than the grid's. Node-only script code.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRunRecords } from '../../src/core/eval/report-input';
import type { StageRunReport } from '../../src/core/experiment/experiment';
import { type RunOrigin, shardGaps } from './shard-coverage';

/** A run file as the runner writes it: the stage report, the hash of its config and the slice of
 *  the grid its process ran. */
export type RunFileReport = StageRunReport & { configHash?: string; origin?: RunOrigin };

export interface RunFile {
  path: string;
  report: RunFileReport;
}

/** One cell's stage: what the file name encodes (procedure, colorizer, seed, fraction, draw). */
function cellKey({ record }: StageRunReport): string {
  const subset =
    record.subsetFraction === undefined ? '' : `${record.subsetFraction}/${record.subsetDraw}`;
  return [record.procedure, record.colorizer ?? 'gray', record.seed, subset].join('|');
}

export interface MergedRuns {
  reports: StageRunReport[];
  configHash: string;
  /** What the shard set lacks (missing or cut-short shards); empty unless merged with partial. */
  gaps: string[];
}

/** The runs of every file, their common config hash and, with `partial`, the shard set's gaps;
 *  throws one error listing every problem (gaps too, without `partial`). */
export function mergeRunFiles(files: RunFile[], options: { partial?: boolean } = {}): MergedRuns {
  const first = files[0];
  if (!first) throw new Error('no run files to merge');
  const problems = crossFileProblems(files, first);
  const gaps = shardGaps(files.map((f) => f.report.origin));
  if (!options.partial && gaps.length > 0)
    problems.push(...gaps, '(--partial merges anyway, the gaps named in the output)');
  if (problems.length > 0) throw new Error(`cannot merge:\n  ${problems.join('\n  ')}`);
  return {
    reports: files.map((f) => f.report),
    configHash: first.report.configHash ?? 'none',
    gaps,
  };
}

/** Cells present twice, and files of another config than the first. */
function crossFileProblems(files: RunFile[], first: RunFile): string[] {
  const hash = first.report.configHash ?? 'none';
  const seen = new Map<string, string>();
  const problems: string[] = [];
  for (const { path, report } of files) {
    const key = cellKey(report);
    const previous = seen.get(key);
    if (previous) problems.push(`${path} repeats the cell of ${previous}`);
    seen.set(key, path);
    const other = report.configHash ?? 'none';
    if (other !== hash)
      problems.push(
        `${path} has config hash ${other}, ${first.path} has ${hash}: runs of different configs`,
      );
  }
  return problems;
}

/** Every <dir>/runs/*.json, in directory order then by name. */
export function readRunFiles(dirs: string[]): RunFile[] {
  return dirs.flatMap((dir) =>
    readdirSync(join(dir, 'runs'))
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => {
        const path = join(dir, 'runs', name);
        const report = JSON.parse(readFileSync(path, 'utf8')) as RunFileReport;
        // JSON wrote an undefined AUC (NaN) as null: the record parser turns it back into NaN.
        report.record = parseRunRecords([report.record])[0] ?? report.record;
        return { path, report };
      }),
  );
}
