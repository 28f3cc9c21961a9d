// Merging run files written by several runner processes (--seeds, --shard, other machines) into
// one set for the summary tables. Refuses, naming the files, a cell present twice (a shard run
// twice, or overlapping --seeds) and runs of different configs (their hashes differ): either
// would silently skew the paired tests. Node-only script code.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRunRecords } from '../../src/core/eval/report-input';
import type { StageRunReport } from '../../src/core/experiment/experiment';

/** A run file as the runner writes it: the stage report and the hash of its config. */
export type RunFileReport = StageRunReport & { configHash?: string };

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

/** The runs of every file and their common config hash; throws one error listing every problem. */
export function mergeRunFiles(files: RunFile[]): { reports: StageRunReport[]; configHash: string } {
  const first = files[0];
  if (!first) throw new Error('no run files to merge');
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
  if (problems.length > 0) throw new Error(`cannot merge:\n  ${problems.join('\n  ')}`);
  return { reports: files.map((f) => f.report), configHash: hash };
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
