// Benchmark: parse a generated 223,414-row CheXpert train.csv (the real file's row count) and
// print time and memory; target < 3 s and < 200 MB (issue 4). Node-only script, so node:* is fine.
// Run: npx tsx test/bench/csv-parse.ts
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseCheXpertCsv } from '../../src/core/data/chexpert';
import { forEachCsvRecord } from '../../src/core/data/csv';
import { createRandom, type Random } from '../../src/core/util/random';

const ROWS = 223_414;
const RUNS = 3;
const HEADER =
  'Path,Sex,Age,Frontal/Lateral,AP/PA,No Finding,Enlarged Cardiomediastinum,Cardiomegaly,' +
  'Lung Opacity,Lung Lesion,Edema,Consolidation,Pneumonia,Atelectasis,Pneumothorax,' +
  'Pleural Effusion,Pleural Other,Fracture,Support Devices';
// Roughly CheXpert's mix: most cells empty, then 1.0, 0.0 and -1.0.
const CELLS = ['', '', '', '', '', '1.0', '1.0', '0.0', '-1.0'];
// CheXpert train: 64,540 patients, 187,641 studies, 32,387 lateral views in 223,414 rows.
const NEW_PATIENT = 64_540 / ROWS;
const NEW_STUDY = 187_641 / ROWS;
const LATERAL = 32_387 / ROWS;

/** Lets the script call gc() without `--expose-gc` on the command line (tsx starts node itself). */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function generateCsv(random: Random): string {
  const lines = [HEADER];
  let patient = 1;
  let study = 1;
  while (lines.length <= ROWS) {
    const draw = random();
    if (draw < NEW_PATIENT) [patient, study] = [patient + 1, 1];
    else if (draw < NEW_STUDY) study++;
    const lateral = random() < LATERAL;
    const folder = `patient${String(patient).padStart(5, '0')}/study${study}`;
    const path = `CheXpert-v1.0-small/train/${folder}/${lateral ? 'view2_lateral' : 'view1_frontal'}.jpg`;
    const labels = Array.from({ length: 14 }, () => CELLS[Math.floor(random() * CELLS.length)]);
    const sex = random() < 0.5 ? 'Female' : 'Male';
    const age = 18 + Math.floor(random() * 72);
    const projection = lateral ? '' : random() < 0.8 ? 'AP' : 'PA';
    lines.push([path, sex, age, lateral ? 'Lateral' : 'Frontal', projection, ...labels].join(','));
  }
  return `${lines.join('\n')}\n`;
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
  const text = generateCsv(createRandom(2020));
  console.log(`generated ${ROWS} rows, ${mb(text.length)} of CSV text`);
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
