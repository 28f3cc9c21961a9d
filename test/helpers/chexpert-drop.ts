// A generated CheXpert-sized train.csv (223,414 rows, the real file's count, with roughly its mix
// of patients, studies, views and label cells), for benchmarks and size tests. Seeded.
import { createRandom } from '../../src/core/util/random';

export const CHEXPERT_ROWS = 223_414;
export const CHEXPERT_ROOT = 'CheXpert-v1.0-small';

const HEADER =
  'Path,Sex,Age,Frontal/Lateral,AP/PA,No Finding,Enlarged Cardiomediastinum,Cardiomegaly,' +
  'Lung Opacity,Lung Lesion,Edema,Consolidation,Pneumonia,Atelectasis,Pneumothorax,' +
  'Pleural Effusion,Pleural Other,Fracture,Support Devices';
// Roughly CheXpert's mix: most cells empty, then 1.0, 0.0 and -1.0.
const CELLS = ['', '', '', '', '', '1.0', '1.0', '0.0', '-1.0'];
// CheXpert train: 64,540 patients, 187,641 studies, 32,387 lateral views in 223,414 rows.
const NEW_PATIENT = 64_540 / CHEXPERT_ROWS;
const NEW_STUDY = 187_641 / CHEXPERT_ROWS;
const LATERAL = 32_387 / CHEXPERT_ROWS;

/** train.csv's text and the image paths it names (as CheXpert writes them), `rows` rows. */
export function generateCheXpertCsv(
  rows = CHEXPERT_ROWS,
  seed = 2020,
): { text: string; paths: string[] } {
  const random = createRandom(seed);
  const lines = [HEADER];
  const paths: string[] = [];
  let patient = 1;
  let study = 1;
  let view = 0; // views of the current study, so no path repeats (CheXpert's never do)
  while (paths.length < rows) {
    const draw = random();
    if (draw < NEW_PATIENT) [patient, study, view] = [patient + 1, 1, 0];
    else if (draw < NEW_STUDY) [study, view] = [study + 1, 0];
    view++;
    const lateral = random() < LATERAL;
    const folder = `patient${String(patient).padStart(5, '0')}/study${study}`;
    const path = `${CHEXPERT_ROOT}/train/${folder}/view${view}_${lateral ? 'lateral' : 'frontal'}.jpg`;
    const labels = Array.from({ length: 14 }, () => CELLS[Math.floor(random() * CELLS.length)]);
    const sex = random() < 0.5 ? 'Female' : 'Male';
    const age = 18 + Math.floor(random() * 72);
    const projection = lateral ? '' : random() < 0.8 ? 'AP' : 'PA';
    lines.push([path, sex, age, lateral ? 'Lateral' : 'Frontal', projection, ...labels].join(','));
    paths.push(path);
  }
  return { text: `${lines.join('\n')}\n`, paths };
}
