import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedFile } from '../../../test/helpers/shared';
import { parseGenericCsv } from './generic-csv';

describe('parseGenericCsv', () => {
  it('reads a path column and every 0/1 column as a label, ignoring other columns', () => {
    const text =
      'image,age,Effusion,Mass\nimgs/a.png,61,1,0\nimgs/b.png,47,0.0,\nimgs/c.png,52,1.0,1\n';
    const index = parseGenericCsv(text);
    expect(index.labels).toEqual(['Effusion', 'Mass']);
    expect(index.items.map((item) => [item.path, ...item.target])).toEqual([
      ['imgs/a.png', 1, 0],
      ['imgs/b.png', 0, 0],
      ['imgs/c.png', 1, 1],
    ]);
  });

  it('uses named columns and a patient column when asked', () => {
    const text = 'file,who,x,y\na.png,p1,1,0\nb.png,p1,0,1\n';
    const index = parseGenericCsv(text, {
      pathColumn: 'file',
      labelColumns: ['y'],
      patientColumn: 'who',
    });
    expect(index.labels).toEqual(['y']);
    expect(index.items.map((item) => [item.patientId, item.target[0]])).toEqual([
      ['p1', 0],
      ['p1', 1],
    ]);
  });

  it('reports bad rows and throws for a missing named column', () => {
    const text = 'path,Edema\na.png,1\nb.png,yes\n,0\n';
    const index = parseGenericCsv(text, { labelColumns: ['Edema'] });
    expect(index.items).toHaveLength(1);
    expect(index.labels).toEqual(['Edema']);
    expect(index.problems).toEqual([
      { row: 3, message: 'column "Edema": "yes" is not 0 or 1' },
      { row: 4, message: 'the path cell is empty' },
    ]);
    expect(() =>
      parseGenericCsv(text, {
        pathColumn: 'Path ',
        labelColumns: ['Cardiomegaly'],
        fileName: 'x.csv',
      }),
    ).toThrow('Missing column "Cardiomegaly" in x.csv');
  });

  it('reads columns by name in any order', () => {
    const inOrder = parseGenericCsv('path,Edema,Effusion\na.png,1,0\nb.png,0,1\n');
    const reordered = parseGenericCsv('Effusion,path,Edema\n0,a.png,1\n1,b.png,0\n');
    expect(reordered.labels.slice().sort()).toEqual(['Edema', 'Effusion']);
    const targetOf = (parsed: typeof inOrder, path: string, label: string) =>
      parsed.items.find((i) => i.path === path)?.target[parsed.labels.indexOf(label)];
    for (const path of ['a.png', 'b.png'])
      for (const label of ['Edema', 'Effusion'])
        expect(targetOf(reordered, path, label)).toBe(targetOf(inOrder, path, label));
  });

  it('refuses a header that names a column twice, naming both positions and the file', () => {
    expect(() =>
      parseGenericCsv('path,Edema, edema \na.png,1,0\n', { fileName: 'labels.csv' }),
    ).toThrow('labels.csv: the column "edema" appears twice (columns 2 and 3); keep one');
  });

  it('encodes a single class-name column like folder names', () => {
    const index = parseGenericCsv(
      'path,label\r\nN/a.jpeg,NORMAL\r\nP/b.jpeg,PNEUMONIA\r\nP/c.jpeg,\r\n',
    );
    expect(index.labels).toEqual(['PNEUMONIA']);
    expect(index.items.map((item) => item.target[0])).toEqual([0, 1]);
    expect(index.problems).toEqual([{ row: 4, message: 'the label cell is empty' }]);
  });

  const KERMANY = sharedFile('data/kermany-sample/labels.csv');
  it.skipIf(!KERMANY)('reads the real Kermany labels.csv (path,label with class names)', () => {
    const index = parseGenericCsv(readFileSync(KERMANY as string, 'utf8'), {
      fileName: 'labels.csv',
    });
    expect(index.labels).toEqual(['PNEUMONIA']);
    expect(index.problems).toEqual([]);
    expect(index.items).toHaveLength(300);
    expect(index.items.filter((item) => item.target[0] === 1)).toHaveLength(150);
    const pneumonia = index.items.find((item) => item.path.startsWith('PNEUMONIA/person'));
    expect(pneumonia?.patientId).toMatch(/^person\d+$/);
  });
});
