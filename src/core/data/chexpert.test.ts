import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCheXpertCsv } from './chexpert';
import { labelCounts } from './counts';
import { CHEXPERT_HEADER } from './phantom';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/data/chexpert/${name}`, import.meta.url), 'utf8');
const TRAIN = fixture('train.csv');
const HEADER = TRAIN.slice(0, TRAIN.indexOf('\n'));

describe('parseCheXpertCsv on a train.csv excerpt', () => {
  const index = parseCheXpertCsv(TRAIN);

  it('reads every row with the five default labels, patients, studies and views', () => {
    expect(index.labels).toEqual([
      'Atelectasis',
      'Cardiomegaly',
      'Consolidation',
      'Edema',
      'Pleural Effusion',
    ]);
    expect(index.items).toHaveLength(12);
    expect(index.problems).toEqual([]);
    const lateral = index.items[3];
    expect(lateral).toMatchObject({
      path: 'CheXpert-v1.0-small/train/patient00002/study1/view2_lateral.jpg',
      patientId: 'patient00002',
      study: 'patient00002/study1',
      view: 'lateral',
      split: 'train',
    });
    expect(lateral?.projection).toBeUndefined(); // empty AP/PA cell on laterals
    expect(index.items[0]?.projection).toBe('AP');
  });

  it('applies the default policies: U-Ones for Atelectasis, Edema, Effusion; U-Zeros otherwise', () => {
    // patient00002/study2: every default label is -1.0.
    const allUncertain = index.items[1];
    expect(allUncertain?.raw).toEqual([-1, -1, -1, -1, -1]);
    expect(allUncertain?.target).toEqual([1, 0, 0, 1, 1]);
    expect(allUncertain?.mask).toEqual([1, 1, 1, 1, 1]);
  });

  it('treats empty cells as negative but remembers them as not mentioned', () => {
    const noFinding = index.items[0];
    expect(noFinding?.target).toEqual([0, 0, 0, 0, 0]);
    expect(noFinding?.raw?.every(Number.isNaN)).toBe(true);
  });

  it('masks uncertain labels under U-Ignore and honours per-label overrides', () => {
    const ignored = parseCheXpertCsv(TRAIN, { policy: { Edema: 'ignore', Cardiomegaly: 'ones' } });
    expect(ignored.items[1]?.target).toEqual([1, 1, 0, 0, 1]);
    expect(ignored.items[1]?.mask).toEqual([1, 1, 1, 0, 1]);
  });

  it('filters views and reads chosen label columns in the given order', () => {
    const frontal = parseCheXpertCsv(TRAIN, { views: ['frontal'], labels: ['Fracture', 'Edema'] });
    expect(frontal.items).toHaveLength(9);
    expect(frontal.items.every((item) => item.view === 'frontal')).toBe(true);
    expect(frontal.labels).toEqual(['Fracture', 'Edema']);
    expect(frontal.items[1]?.raw).toEqual([1, -1]);
  });

  it('counts positive, negative, uncertain and not-mentioned labels', () => {
    const [atelectasis] = labelCounts(index);
    expect(atelectasis).toEqual({
      label: 'Atelectasis',
      positive: 3,
      negative: 9,
      ignored: 0,
      uncertain: 1,
      notMentioned: 9,
    });
  });
});

describe('parseCheXpertCsv quirks', () => {
  it('reads CRLF line ends, a BOM and the full-size CheXpert-v1.0 valid.csv paths', () => {
    const valid = parseCheXpertCsv(`\uFEFF${fixture('valid.csv').replace(/\n/g, '\r\n')}`);
    expect(valid.items).toHaveLength(4);
    expect(valid.problems).toEqual([]);
    expect(valid.items[0]).toMatchObject({ patientId: 'patient64541', split: 'valid' });
    expect(valid.items[3]?.target).toEqual([0, 1, 0, 1, 1]);
  });

  it('skips rows with unreadable cells and reports line and column', () => {
    const rows = [
      'CheXpert-v1.0-small/train/patient00009/study1/view1_frontal.jpg,Male,50,Frontal,AP,,,,,,2.0,,,,,,,,',
      'CheXpert-v1.0-small/train/patient00010/study1/view1_frontal.jpg,Male,50,Frontal,AP,,,abc,,,,,,,,,,,',
      'CheXpert-v1.0-small/train/patient00011/study1/view1_frontal.jpg,Male,50,Frontal,AP,,,,,,,,,,,1.0,,,',
      'CheXpert-v1.0-small/train/nopatient/view1_frontal.jpg,Male,50,Frontal,AP,,,,,,,,,,,,,,',
      'CheXpert-v1.0-small/train/patient00012/study1/view1_frontal.jpg,Male,50,Oblique,AP,,,,,,,,,,,,,,',
      'CheXpert-v1.0-small/train/patient00013/study1/view1_frontal.jpg,Male,50',
    ];
    const index = parseCheXpertCsv([HEADER, ...rows].join('\n'));
    expect(index.items.map((item) => item.patientId)).toEqual(['patient00011']);
    expect(index.problems.map((problem) => problem.row)).toEqual([2, 3, 5, 6, 7]);
    expect(index.problems[0]?.message).toBe('column "Edema": "2.0" is not 1.0, 0.0, -1.0 or empty');
    expect(index.problems[1]?.message).toMatch(/"Cardiomegaly": "abc"/);
    expect(index.problems[2]?.message).toMatch(/no patientNNNNN/);
    expect(index.problems[3]?.message).toMatch(/"Oblique"/);
    expect(index.problems[4]?.message).toMatch(/has 3 cells/);
  });

  it('throws naming a missing column and the file', () => {
    const text = TRAIN.replace('Pleural Effusion', 'Effusion');
    expect(() => parseCheXpertCsv(text, { fileName: 'train.csv' })).toThrow(
      /Missing column "Pleural Effusion" in train.csv/,
    );
    expect(() => parseCheXpertCsv('', { fileName: 'train.csv' })).toThrow(/train.csv is empty/);
  });
});

it('refuses a train.csv whose header names a finding twice', () => {
  expect(() => parseCheXpertCsv(`${CHEXPERT_HEADER},Edema\n`, { fileName: 'train.csv' })).toThrow(
    /^train\.csv: the column "Edema" appears twice \(columns \d+ and \d+\); keep one$/,
  );
});
