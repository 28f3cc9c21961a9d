// Benchmark: parse a generated 223,414-row CheXpert train.csv (the real file's row count) and
// print time and memory; target < 3 s and < 200 MB (issue 4). Node-only script, so node:* is fine.
// Run: npx tsx test/bench/csv-parse.ts
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseCheXpertCsv } from '../../src/core/data/chexpert';
import { forEachCsvRecord } from '../../src/core/data/csv';
import { CHEXPERT_ROWS, generateCheXpertCsv } from '../helpers/chexpert-drop';

const RUNS = 3;

/** Lets the script call gc() without `--expose-gc` on the command line (tsx starts node itself). */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

/** One parse in its own frame, so the previous run's index is garbage before the next starts. */
function measureParse(text: string, gc: () => void): string {
  gc();
  const before = process.memoryUsage();
  const start = performance.now();
  const index = parseCheXpertCsv(text, { fileName: 'train.csv' });
  const ms = performance.now() - start;
  const after = process.memoryUsage();
  gc();
  const retained = process.memoryUsage().heapUsed - before.heapUsed; // the index, still alive
  const patients = new Set(index.items.map((item) => item.patientId)).size;
  return (
    `parseCheXpertCsv ${ms.toFixed(0)} ms, ${index.items.length} items, ${patients} patients, ` +
    `${index.problems.length} problems; heapUsed +${mb(after.heapUsed - before.heapUsed)} ` +
    `(index retained after gc: ${mb(retained)}), rss ${mb(after.rss)} (+${mb(after.rss - before.rss)})`
  );
}

function main(): void {
  const gc = exposeGc();
  console.log(`start: rss ${mb(process.memoryUsage().rss)} (node + tsx, before any work)`);
  const { text } = generateCheXpertCsv();
  console.log(`generated ${CHEXPERT_ROWS} rows, ${mb(text.length)} of CSV text`);
  let records = 0;
  const start = performance.now();
  forEachCsvRecord(text, () => records++);
  console.log(
    `CSV tokenizer alone: ${(performance.now() - start).toFixed(0)} ms, ${records} records`,
  );
  for (let run = 1; run <= RUNS; run++) console.log(`run ${run}: ${measureParse(text, gc)}`);
  gc();
  const { heapUsed, rss } = process.memoryUsage();
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(
    `after: heapUsed ${mb(heapUsed)} (CSV text included), rss ${mb(rss)}, peak rss ${mb(peak)}`,
  );
}

main();
