import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedFile } from '../../../test/helpers/shared';
import { encodeClasses } from './classes';
import { parseFolderPerClass } from './folder';

describe('parseFolderPerClass', () => {
  it('makes one binary label named after the non-normal class, ignoring litter', () => {
    const index = parseFolderPerClass([
      'kermany/NORMAL/IM-0122-0001.jpeg',
      'kermany/NORMAL/.DS_Store',
      'kermany/PNEUMONIA/person12_virus_30.jpeg',
      'kermany/PNEUMONIA/person12_virus_31.JPG',
      'kermany/PNEUMONIA/Thumbs.db',
      'kermany/labels.csv',
      'kermany/README.md',
    ]);
    expect(index.labels).toEqual(['PNEUMONIA']);
    expect(index.negativeClass).toBe('NORMAL');
    expect(index.problems).toEqual([]);
    expect(index.items).toEqual([
      { path: 'kermany/NORMAL/IM-0122-0001.jpeg', patientId: 'IM-0122', target: [0], mask: [1] },
      {
        path: 'kermany/PNEUMONIA/person12_virus_30.jpeg',
        patientId: 'person12',
        target: [1],
        mask: [1],
      },
      {
        path: 'kermany/PNEUMONIA/person12_virus_31.JPG',
        patientId: 'person12',
        target: [1],
        mask: [1],
      },
    ]);
  });

  it('counts DICOM (.dcm) files beside PNGs as images', () => {
    const paths = ['a/NORMAL/1.png', 'a/NORMAL/2.DCM', 'a/NORMAL/notes.txt', 'a/EFFUSION/3.dcm'];
    const index = parseFolderPerClass(paths);
    expect(index.items.map((item) => item.path)).toEqual([
      'a/NORMAL/1.png',
      'a/NORMAL/2.DCM',
      'a/EFFUSION/3.dcm',
    ]);
    expect(index.items.map((item) => item.target)).toEqual([[0], [0], [1]]);
  });

  it('one-hot encodes other class sets in sorted order', () => {
    const index = parseFolderPerClass(['cat/a.png', 'dog/b.png', 'bird/c.png']);
    expect(index.labels).toEqual(['bird', 'cat', 'dog']);
    expect(index.items.map((item) => item.target)).toEqual([
      [0, 1, 0],
      [0, 0, 1],
      [1, 0, 0],
    ]);
  });

  it('reads train/val/test folders above the class folders as the split', () => {
    const index = parseFolderPerClass([
      'chest_xray/train/NORMAL/a.jpeg',
      'chest_xray/val/PNEUMONIA/b.jpeg',
      'chest_xray/test/PNEUMONIA/c.jpeg',
    ]);
    expect(index.labels).toEqual(['PNEUMONIA']);
    expect(index.items.map((item) => [item.split, item.target[0]])).toEqual([
      ['train', 0],
      ['valid', 1],
      ['test', 1],
    ]);
  });

  it('reports images outside any class folder', () => {
    const index = parseFolderPerClass(['stray.png', 'NORMAL/a.png', 'TB/b.png']);
    expect(index.items).toHaveLength(2);
    expect(index.problems).toEqual([
      { row: 1, message: '"stray.png" is not inside a class folder' },
    ]);
  });

  it.skipIf(!sharedFile('data/kermany-sample/labels.csv'))(
    'reads the real Kermany sample folder (150 NORMAL, 150 PNEUMONIA)',
    () => {
      const root = sharedFile('data/kermany-sample') as string;
      // Files only, as a folder walk lists them (a name without extension may be a DICOM file).
      const paths = ['NORMAL', 'PNEUMONIA', '.'].flatMap((folder) =>
        readdirSync(`${root}/${folder}`, { withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map(({ name }) => `kermany-sample/${folder}/${name}`),
      );
      const index = parseFolderPerClass(paths);
      expect(index.labels).toEqual(['PNEUMONIA']);
      expect(index.items).toHaveLength(300);
      expect(index.items.filter((item) => item.target[0] === 1)).toHaveLength(150);
    },
  );
});

describe('encodeClasses', () => {
  it('recognises normal-like names in any case', () => {
    expect(encodeClasses(['negative', 'Effusion']).labels).toEqual(['Effusion']);
    expect(encodeClasses(['No_Finding', 'Mass']).encode('Mass')).toEqual([1]);
    expect(encodeClasses(['normal', 'healthy']).labels).toEqual(['healthy', 'normal']);
  });
});
