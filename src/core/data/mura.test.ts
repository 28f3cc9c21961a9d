import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMuraImagePaths, parseMuraLabeledStudies, parseMuraPaths } from './mura';
import { patientsOnSeveralSides } from './split';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/data/mura/${name}`, import.meta.url), 'utf8');
const PATHS = [
  ...parseMuraImagePaths(fixture('train_image_paths.csv')),
  ...parseMuraImagePaths(fixture('valid_image_paths.csv')),
];

describe('parseMuraPaths', () => {
  it('reads the headerless image list: one abnormal label inherited from the study folder', () => {
    expect(PATHS).toHaveLength(14);
    const index = parseMuraPaths(PATHS);
    expect(index.labels).toEqual(['abnormal']);
    expect(index.problems).toEqual([]);
    expect(index.items).toHaveLength(14);
    expect(index.items[0]).toEqual({
      path: 'MURA-v1.1/train/XR_SHOULDER/patient00001/study1_positive/image1.png',
      patientId: 'patient00001',
      target: [1],
      mask: [1],
      study: 'XR_SHOULDER/patient00001/study1',
      split: 'train',
      bodyPart: 'SHOULDER',
    });
    expect(index.items[5]?.target).toEqual([0]); // study1_negative
    expect(index.items[10]?.split).toBe('valid');
    expect(patientsOnSeveralSides(index)).toEqual([]); // the official split is patient-level
  });

  it('keeps studies of one patient apart across body parts', () => {
    const { items } = parseMuraPaths(PATHS);
    const studies = items.filter((item) => item.patientId === 'patient00003').map((i) => i.study);
    expect(studies).toEqual([
      'XR_SHOULDER/patient00003/study1',
      'XR_SHOULDER/patient00003/study2',
      'XR_HUMERUS/patient00003/study1',
    ]);
  });

  it('filters body parts with or without the XR_ prefix (the paper uses the shoulder)', () => {
    const shoulder = parseMuraPaths(PATHS, { bodyParts: ['SHOULDER'] });
    expect(shoulder.items).toHaveLength(10);
    expect(shoulder.items.every((item) => item.bodyPart === 'SHOULDER')).toBe(true);
    const two = parseMuraPaths(PATHS, { bodyParts: ['xr_elbow', 'Wrist'] });
    expect(two.items.map((item) => item.bodyPart)).toEqual(['ELBOW', 'ELBOW', 'WRIST']);
  });

  it('works on a dropped folder: any root, litter and non-images ignored, strays reported', () => {
    const dropped = [
      'MURA-v1.1/train_labeled_studies.csv',
      'MURA-v1.1/train/XR_SHOULDER/.DS_Store',
      'MURA-v1.1/train/XR_SHOULDER/patient00001/study1_positive/._image1.png',
      'MURA-v1.1/train/XR_SHOULDER/patient00001/study1_positive/image1.png',
      'MURA-v1.1/train/XR_SHOULDER/patient00001/notes.png',
    ];
    const index = parseMuraPaths(dropped.map((path) => `downloads/${path}`));
    expect(index.items.map((item) => item.patientId)).toEqual(['patient00001']);
    expect(index.problems).toEqual([
      { row: 5, message: expect.stringMatching(/notes.png" is not in the MURA layout/) },
    ]);
  });

  it('takes study labels from the labelled-studies CSV when given', () => {
    const csv = `${fixture('train_labeled_studies.csv')}${fixture('valid_labeled_studies.csv')}`;
    expect(parseMuraLabeledStudies(csv).problems).toEqual([]);
    expect(parseMuraLabeledStudies(csv).studyLabels.size).toBe(9);
    // A relabelled study: the CSV wins over the folder name.
    const study = 'MURA-v1.1/train/XR_SHOULDER/patient00003/study1_negative/';
    const relabelled = csv.replace(`${study},0`, `${study},1`);
    const { studyLabels } = parseMuraLabeledStudies(relabelled);
    const index = parseMuraPaths(PATHS, { studyLabels });
    expect(index.items.map((item) => item.target[0])).toEqual([
      1, 1, 1, 1, 1, 1, 0, 1, 0, 0, 1, 1, 0, 1,
    ]);
  });

  it('reports malformed labelled-study lines', () => {
    const text = 'MURA-v1.1/train/XR_HAND/patient09000/study1_negative/,2\nnot/a/study/,1\n';
    expect(parseMuraLabeledStudies(text).problems).toEqual([
      { row: 1, message: 'label "2" is neither 0 nor 1' },
      { row: 2, message: '"not/a/study/" is not a MURA study folder' },
    ]);
  });
});
