// Every dropped file is accounted for, and the mismatches between label rows and images are said.
import { expect, it } from 'vitest';
import { accountFor, describeAccounting } from './accounting';

const dropped = [
  'x/labels.csv',
  'x/README.md',
  'x/NORMAL/a.png',
  'x/NORMAL/b.png',
  'x/NORMAL/corrupt.png',
  'x/PNEUMONIA/c.png',
  'x/PNEUMONIA/d.png',
];
const cached = new Set([
  'x/NORMAL/a.png',
  'x/NORMAL/b.png',
  'x/PNEUMONIA/c.png',
  'x/PNEUMONIA/d.png',
]);
const labelled = ['x/NORMAL/a.png', 'x/NORMAL/corrupt.png', 'x/PNEUMONIA/c.png'];

it('adds the files up and lists what does not match', () => {
  const a = accountFor(dropped, cached, labelled, ['x/gone.png']);
  expect(a.files).toBe(a.cached + a.skipped + a.otherFiles.count);
  expect(a).toEqual({
    files: 7,
    otherFiles: { count: 2, sample: ['x/labels.csv', 'x/README.md'] },
    cached: 4,
    skipped: 1,
    labelled: 2,
    unlabelled: { count: 2, sample: ['x/NORMAL/b.png', 'x/PNEUMONIA/d.png'] },
    labelledSkipped: 1,
    rowsWithoutImage: { count: 1, sample: ['x/gone.png'] },
  });
  expect(describeAccounting(a)).toEqual([
    '7 files found = 4 images cached + 1 skipped + 2 other files: x/labels.csv, x/README.md',
    '2 cached images have a label row: these train, validate and test.',
    '2 images have no label row (left out): x/NORMAL/b.png, x/PNEUMONIA/d.png',
    '1 label row names an image that could not be cached (left out).',
    '1 label row names no image in the folder: x/gone.png',
  ]);
});

it('says only the files line and the usable count when everything matches', () => {
  const paths = ['y/A/1.png', 'y/B/2.png'];
  const lines = describeAccounting(accountFor(paths, new Set(paths), paths, []));
  expect(lines).toEqual([
    '2 files found = 2 images cached + 0 skipped + 0 other files',
    '2 cached images have a label row: these train, validate and test.',
  ]);
});

it('shortens long lists but keeps the whole count', () => {
  const many = Array.from({ length: 12 }, (_, i) => `z/${i}.png`);
  const a = accountFor(many, new Set(many), [], []);
  expect(a.unlabelled.count).toBe(12);
  expect(describeAccounting(a)[2]).toBe(
    '12 images have no label row (left out): z/0.png, z/1.png, z/2.png, z/3.png, z/4.png, …',
  );
});

it('counts files named without an image extension as images: cached when DICOM, else skipped', () => {
  const paths = [
    'w/A/IM0001',
    'w/B/1.2.840.113619.2.55.3.1',
    'w/DICOMDIR',
    'w/LICENSE',
    'w/notes.txt',
  ];
  const a = accountFor(paths, new Set(paths.slice(0, 2)), [], []);
  expect([a.cached, a.skipped, a.otherFiles.sample]).toEqual([2, 2, ['w/notes.txt']]);
  expect(a.files).toBe(a.cached + a.skipped + a.otherFiles.count);
});
