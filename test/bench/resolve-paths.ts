// Benchmark: a CheXpert-sized drop (223,414 images, nearly all named view1_frontal.jpg) → its
// parsed train.csv with every row resolved to a dropped file. Prints the time; asserts nothing.
// Run: npx tsx test/bench/resolve-paths.ts
import { parseDatasetFiles } from '../../src/core/data/dataset-files';
import { CHEXPERT_HEADER } from '../../src/core/data/phantom';

const ROWS = 223_414;
const ROOT = 'CheXpert-v1.0-small';
const image = (i: number) =>
  `${ROOT}/train/patient${String(i).padStart(5, '0')}/study1/view1_frontal.jpg`;
const csv = [CHEXPERT_HEADER];
for (let i = 1; i <= ROWS; i++) csv.push(`${image(i)},Male,50,Frontal,PA,,,1.0,,,,,,,,,,,`);
const paths = [
  `drop/${ROOT}/train.csv`,
  ...Array.from({ length: ROWS }, (_, i) => `drop/${image(i + 1)}`),
];

const started = performance.now();
const parsed = await parseDatasetFiles(
  { format: 'chexpert', reason: 'bench', csvPath: paths[0] },
  paths,
  async () => csv.join('\n'),
);
const seconds = (performance.now() - started) / 1000;
console.log(
  `${parsed.items.length} of ${ROWS} rows resolved (${parsed.missing.length} missing) in ${seconds.toFixed(2)} s, CSV parse included`,
);
