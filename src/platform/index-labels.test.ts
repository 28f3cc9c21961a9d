// Label files parsed as the ingestion worker does: a CheXpert folder's train.csv resolved to the
// dropped images, with the summary the page shows; a label file that names no dropped image is a
// clear error naming the folder, and a broken row is counted, not fatal.
import { expect, it } from 'vitest';
import { CHEXPERT_HEADER } from '../core/data/phantom';
import { indexLabels } from './index-labels';

const walked = (path: string, text = '') => ({ path, file: new File([text], path) });
const image = (patient: number) =>
  `CheXpert-v1.0-small/train/patient0000${patient}/study1/view1_frontal.jpg`;
// Cardiomegaly is the 8th column: patient 1 positive, 2 negative, 3 uncertain (its default policy
// is U-Zeros, SPEC §5: trained as negative).
const row = (patient: number, cardiomegaly: string) =>
  `${image(patient)},Male,50,Frontal,PA,,,${cardiomegaly},,,,,,,,,,,`;
const CHEXPERT = { format: 'chexpert' as const, reason: 'test' };

it('parses the CSV in the worker and returns only what the page shows', async () => {
  const csv = [CHEXPERT_HEADER, row(1, '1.0'), row(2, '0.0'), row(3, '-1.0'), row(4, '1.0')];
  const files = [
    walked('drop/CheXpert-v1.0-small/train.csv', csv.join('\n')),
    ...[1, 2, 3].map((p) => walked(`drop/${image(p)}`)), // patient 4's image is not in the folder
  ];
  // Patient 3's image could not be decoded: it is in the folder but not in the cache.
  const cached = new Set([1, 2].map((p) => `drop/${image(p)}`));
  const { record, summary } = await indexLabels('drop', CHEXPERT, files, cached);
  expect(record.index.items.map((item) => item.path)).toEqual(
    [1, 2, 3].map((p) => `drop/${image(p)}`),
  );
  expect(record).toMatchObject({ name: 'drop', format: 'chexpert' });
  expect(summary).toMatchObject({ images: 3, missing: 1, problems: 0 });
  expect(summary.labels).toContain('Cardiomegaly');
  const cardiomegaly = summary.counts.find((c) => c.label === 'Cardiomegaly');
  expect(cardiomegaly).toMatchObject({ positive: 1, negative: 2, uncertain: 1 });
  expect(summary.accounting).toMatchObject({
    files: 4,
    otherFiles: { count: 1, sample: ['drop/CheXpert-v1.0-small/train.csv'] },
    cached: 2,
    skipped: 1,
    labelled: 2,
    labelledSkipped: 1,
    rowsWithoutImage: {
      count: 1,
      sample: [`CheXpert-v1.0-small/train/patient00004/study1/view1_frontal.jpg`],
    },
  });
});

it('says so when the label file names no dropped image', async () => {
  const files = [
    walked('drop/CheXpert-v1.0-small/train.csv', [CHEXPERT_HEADER, row(1, '1.0')].join('\n')),
    walked('drop/other/scan.png'),
  ];
  await expect(indexLabels('drop', CHEXPERT, files, new Set())).rejects.toThrow(
    'The chexpert label files of drop name no image that is in the folder (1 listed images missing, 0 rows skipped).',
  );
});
