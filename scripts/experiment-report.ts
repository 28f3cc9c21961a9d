// Builds the summary tables from runs written by earlier `npm run experiment` commands, e.g. seeds
// run as separate processes or on separate machines:
//   npx tsx scripts/experiment-report.ts --out results/all results/seed0 results/seed1 results/seed2
// Reads every <dir>/runs/*.json; a run present twice (same procedure, colorizer, seed, subset) is an
// error. Node-only script.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseRunRecords } from '../src/core/eval/report-input';
import type { StageRunReport } from '../src/core/experiment/experiment';
import { writeReports } from './experiment/cli';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string' } },
});
if (!values.out || positionals.length === 0) {
  console.error('usage: npx tsx scripts/experiment-report.ts --out DIR RESULT_DIR...');
  process.exit(1);
}
const reports: StageRunReport[] = [];
const seen = new Map<string, string>();
for (const dir of positionals) {
  for (const name of readdirSync(join(dir, 'runs'))
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    const path = join(dir, 'runs', name);
    const report = JSON.parse(readFileSync(path, 'utf8')) as StageRunReport;
    // JSON wrote an undefined AUC (NaN) as null: the record parser turns it back into NaN.
    report.record = parseRunRecords([report.record])[0] ?? report.record;
    const previous = seen.get(name);
    if (previous) throw new Error(`${path} repeats ${previous}`);
    seen.set(name, path);
    reports.push(report);
  }
}
console.log(writeReports(values.out, reports));
console.log(`${reports.length} runs; tables in ${values.out}/`);
