// Builds the summary tables from runs written by earlier `npm run experiment` commands, e.g. seeds
// or shards run as separate processes or on separate machines:
//   npx tsx scripts/experiment-report.ts [--partial] --out results/all \
//     results/shard0 results/shard1 results/shard2
// Reads every <dir>/runs/*.json; a cell present twice, or runs of different configs (config hash),
// are refused with the files named, and a missing or cut-short shard with its index named
// (experiment/merge-runs.ts). --partial merges a set with gaps anyway: the gaps head report.md,
// go into report.json (`incomplete`) and are printed. Node-only script.
import { parseArgs } from 'node:util';
import { writeReports } from './experiment/cli';
import { mergeRunFiles, readRunFiles } from './experiment/merge-runs';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string' }, partial: { type: 'boolean', default: false } },
});
if (!values.out || positionals.length === 0) {
  console.error('usage: npx tsx scripts/experiment-report.ts [--partial] --out DIR RESULT_DIR...');
  process.exit(1);
}
try {
  const files = readRunFiles(positionals);
  const { reports, configHash, gaps } = mergeRunFiles(files, { partial: values.partial });
  console.log(writeReports(values.out, reports, configHash, { gaps }));
  console.log(`${reports.length} runs (config ${configHash}); tables in ${values.out}/`);
  for (const line of gaps) console.warn(`PARTIAL MERGE: ${line}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
