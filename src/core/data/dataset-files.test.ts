// A folder's file list → an index whose paths are files that are really there.
import { describe, expect, it } from 'vitest';
import { parseDatasetFiles } from './dataset-files';
import { detectDatasetFormat } from './detect';
import { CHEXPERT_HEADER } from './phantom';

const reader = (files: Record<string, string>) => async (path: string) => {
  const text = files[path];
  if (text === undefined) throw new Error(`test reader has no ${path}`);
  return text;
};

const row = (path: string, cardiomegaly: string) =>
  `${path},Male,50,Frontal,PA,,,${cardiomegaly},,,,,,,,,,,`;

describe('parseDatasetFiles', () => {
  it('resolves CheXpert CSV paths (written from the dataset root) to the dropped files', async () => {
    const root = 'CheXpert-v1.0-small';
    const image = (side: string, patient: string) =>
      `${root}/${side}/patient${patient}/study1/view1_frontal.jpg`;
    const train = [
      CHEXPERT_HEADER,
      row(image('train', '00001'), '1.0'),
      row(image('train', '00002'), '0.0'),
      row(image('train', '00003'), ''),
    ];
    const valid = [CHEXPERT_HEADER, row(image('valid', '64541'), '1.0')];
    const paths = [
      `drop/${root}/train.csv`,
      `drop/${root}/valid.csv`,
      `drop/${image('train', '00001')}`,
      `drop/${image('train', '00002')}`,
      `drop/${image('valid', '64541')}`,
    ];
    const detected = detectDatasetFormat(paths);
    expect(detected.format).toBe('chexpert');
    const files = {
      [`drop/${root}/train.csv`]: train.join('\n'),
      [`drop/${root}/valid.csv`]: valid.join('\n'),
    };
    const parsed = await parseDatasetFiles(detected, paths, reader(files));
    expect(parsed.items.map((i) => i.path)).toEqual(paths.slice(2));
    expect(parsed.items.map((i) => i.split)).toEqual(['train', 'train', 'valid']);
    expect(parsed.missing).toEqual([image('train', '00003')]);
  });

  it('reads a label CSV beside the images, relative to itself', async () => {
    const paths = ['kermany/labels.csv', 'kermany/NORMAL/a.jpeg', 'kermany/PNEUMONIA/b.jpeg'];
    const csv = 'path,label\nNORMAL/a.jpeg,NORMAL\nPNEUMONIA/b.jpeg,PNEUMONIA\n';
    const parsed = await parseDatasetFiles(
      detectDatasetFormat(paths),
      paths,
      reader({ 'kermany/labels.csv': csv }),
    );
    expect(parsed.format).toBe('csv');
    expect(parsed.labels).toEqual(['PNEUMONIA']); // normal vs one disease: one binary label
    expect(parsed.items.map((i) => [i.path, i.target])).toEqual([
      ['kermany/NORMAL/a.jpeg', [0]],
      ['kermany/PNEUMONIA/b.jpeg', [1]],
    ]);
  });

  it('says why when the layout is unknown', async () => {
    const paths = ['x/readme.txt'];
    await expect(parseDatasetFiles(detectDatasetFormat(paths), paths, reader({}))).rejects.toThrow(
      /No known label file/,
    );
  });
});
