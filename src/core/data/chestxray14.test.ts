import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mergeBracketedHeader, parseChestXray14Csv } from './chestxray14';
import { applyChestXray14SplitLists, resolveChestXray14Images } from './chestxray14-files';
import { patientsOnSeveralSides, splitByPatient } from './split';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/data/chestxray14/${name}`, import.meta.url), 'utf8');
const DATA_2017 = fixture('Data_Entry_2017.csv');
const DATA_2020 = fixture('Data_Entry_2017_v2020.csv');

describe('ChestX-ray14 header', () => {
  it('rejoins the bracketed names that CSV splits at their inner commas', () => {
    const header = DATA_2017.slice(0, DATA_2017.indexOf('\n')).split(',');
    expect(header).toHaveLength(12); // 9 names, 2 inner commas, 1 trailing comma
    const columns = mergeBracketedHeader(header);
    expect(columns.map((column) => column.name)).toEqual([
      'Image Index',
      'Finding Labels',
      'Follow-up #',
      'Patient ID',
      'Patient Age',
      'Patient Gender',
      'View Position',
      'OriginalImage[Width,Height]',
      'OriginalImagePixelSpacing[x,y]',
    ]);
    expect(columns.at(-1)?.cell).toBe(9); // its values start in the tenth cell of each row
  });
});

describe('parseChestXray14Csv', () => {
  it('reads the 2017 file (trailing commas) and the v2020 file (none) alike', () => {
    const index2017 = parseChestXray14Csv(DATA_2017);
    const index2020 = parseChestXray14Csv(DATA_2020);
    expect(index2017.problems).toEqual([]);
    expect(index2017.items).toHaveLength(14);
    expect(index2020).toEqual(index2017);
  });

  it('maps findings onto the five labels, with Effusion as Pleural Effusion', () => {
    const { items } = parseChestXray14Csv(DATA_2017);
    expect(items[2]).toEqual({
      path: '00000001_002.png',
      patientId: '1',
      target: [0, 1, 0, 0, 1], // Cardiomegaly|Effusion
      mask: [1, 1, 1, 1, 1],
      view: 'frontal',
      study: '1/2',
      projection: 'PA',
    });
    expect(items[3]?.target).toEqual([0, 0, 0, 0, 0]); // No Finding
    expect(items[12]?.target).toEqual([0, 1, 0, 1, 1]); // Cardiomegaly|Edema|Effusion
  });

  it('accepts either spelling of Pleural_Thickening among chosen labels', () => {
    const index = parseChestXray14Csv(DATA_2020, {
      labels: ['Pleural Thickening', 'Pneumothorax', 'Pleural_Thickening'],
    });
    expect(index.labels).toEqual(['Pleural Thickening', 'Pneumothorax', 'Pleural_Thickening']);
    expect(index.items[10]?.target).toEqual([1, 1, 1]);
    expect(index.items[0]?.target).toEqual([0, 0, 0]);
  });

  it('skips rows with unknown findings or missing cells and reports them', () => {
    const header = DATA_2020.slice(0, DATA_2020.indexOf('\n'));
    const text = [
      header,
      '00000099_000.png,Cardiomegaly|Efusion,0,99,60,M,PA,2500,2048,0.168,0.168',
      '00000100_000.png',
      '00000101_000.png,Edema,0,101,60,F,AP,2500,2048,0.168,0.168',
    ].join('\r\n');
    const index = parseChestXray14Csv(text);
    expect(index.items.map((item) => item.patientId)).toEqual(['101']);
    expect(index.problems).toEqual([
      { row: 2, message: 'column "Finding Labels": unknown finding "Efusion"' },
      { row: 3, message: expect.stringMatching(/found 1 cells/) },
    ]);
  });

  it('throws naming a missing column and the file', () => {
    const text = DATA_2017.replace('Patient ID', 'Patient');
    expect(() => parseChestXray14Csv(text, { fileName: 'Data_Entry_2017.csv' })).toThrow(
      /Missing column "Patient ID" in Data_Entry_2017.csv/,
    );
  });
});

describe('ChestX-ray14 official split and image folders', () => {
  const lists = { trainValList: fixture('train_val_list.txt'), testList: fixture('test_list.txt') };

  it('assigns the official lists, then carves a patient-level validation side from train_val', () => {
    const official = applyChestXray14SplitLists(parseChestXray14Csv(DATA_2017), lists);
    expect(official.items.filter((item) => item.split === 'test')).toHaveLength(5);
    expect(official.items.filter((item) => item.split === 'train')).toHaveLength(9);
    const split = splitByPatient(official, {
      keep: ['test'],
      fractions: { train: 0.6, valid: 0.4, test: 0 },
      seed: 7,
    });
    const test = split.items.filter((item) => item.split === 'test').map((item) => item.path);
    expect(test).toEqual(official.items.filter((i) => i.split === 'test').map((i) => i.path));
    expect(new Set(split.items.map((item) => item.split))).toEqual(
      new Set(['train', 'valid', 'test']),
    );
    expect(patientsOnSeveralSides(split)).toEqual([]);
  });

  it('finds images in the flat NIH folder or in the Kaggle images_0NN/images folders', () => {
    const index = parseChestXray14Csv(DATA_2017);
    const names = index.items.map((item) => item.path);
    const flat = resolveChestXray14Images(
      index,
      names.map((name) => `images/${name}`),
    );
    expect(flat.missing).toEqual([]);
    expect(flat.items[0]?.path).toBe('images/00000001_000.png');

    const kaggle = names.slice(1).map((name, i) => `images_00${1 + (i % 2)}/images/${name}`);
    const resolved = resolveChestXray14Images(index, [
      ...kaggle,
      '.DS_Store',
      'README_CHESTXRAY.pdf',
    ]);
    expect(resolved.missing).toEqual(['00000001_000.png']);
    expect(resolved.items).toHaveLength(13);
    expect(resolved.items[0]?.path).toBe('images_001/images/00000001_001.png');
    expect(resolved.items[1]?.path).toBe('images_002/images/00000001_002.png');
  });
});
