import { describe, expect, it } from 'vitest';
import { parseChestXray14Csv } from '../chestxray14';
import { applyChestXray14SplitLists } from '../chestxray14-files';
import { parseCheXpertCsv } from '../chexpert';
import { generatePhantomDataset } from './dataset';
import { phantomTextFiles } from './files';
import { FINDINGS, type PhantomRecord } from './types';

/** SPEC §5, verbatim. */
const CHEXPERT_HEADER =
  'Path,Sex,Age,Frontal/Lateral,AP/PA,No Finding,Enlarged Cardiomediastinum,Cardiomegaly,' +
  'Lung Opacity,Lung Lesion,Edema,Consolidation,Pneumonia,Atelectasis,Pneumothorax,' +
  'Pleural Effusion,Pleural Other,Fracture,Support Devices';
const CHESTXRAY14_HEADER =
  'Image Index,Finding Labels,Follow-up #,Patient ID,Patient Age,Patient Gender,View Position,' +
  'OriginalImage[Width,Height],OriginalImagePixelSpacing[x,y]';

const firstLine = (text: string | undefined) => text?.slice(0, text.indexOf('\n'));

describe('phantom CheXpert files', () => {
  const records = [
    ...generatePhantomDataset({ seed: 21, patients: 120, site: 'chexpert', uncertainRate: 0.2 }),
  ];
  const files = phantomTextFiles('chexpert', records);
  const train = files.get('CheXpert-v1.0-small/train.csv') ?? '';
  const valid = files.get('CheXpert-v1.0-small/valid.csv') ?? '';

  it('writes train.csv and valid.csv with the 19-column header of SPEC §5', () => {
    expect([...files.keys()]).toEqual([
      'CheXpert-v1.0-small/train.csv',
      'CheXpert-v1.0-small/valid.csv',
    ]);
    expect(firstLine(train)).toBe(CHEXPERT_HEADER);
    expect(firstLine(valid)).toBe(CHEXPERT_HEADER);
  });

  it('parses with parseCheXpertCsv into the records, labels as written (-1.0 and empty kept)', () => {
    for (const [text, split] of [
      [train, 'train'],
      [valid, 'valid'],
    ] as const) {
      const expected = records.filter((record) => record.split === split);
      const parsed = parseCheXpertCsv(text);
      expect(parsed.problems).toEqual([]);
      expect(parsed.labels).toEqual([...FINDINGS]);
      expect(parsed.items.map((item) => item.path)).toEqual(expected.map((r) => r.path));
      expected.forEach((record, i) => {
        const item = parsed.items[i];
        expect(item).toMatchObject({ patientId: record.patientId, view: record.view, split });
        expect(item?.study).toBe(`${record.patientId}/study${record.study}`);
        expect(item?.raw).toEqual(FINDINGS.map((f) => record.labels[f] ?? Number.NaN));
      });
    }
    expect(train).toContain('-1.0');
  });

  it('keeps every patient on one side: train.csv or valid.csv', () => {
    const patients = (text: string) =>
      new Set(parseCheXpertCsv(text).items.map((item) => item.patientId));
    const [trainPatients, validPatients] = [patients(train), patients(valid)];
    expect(validPatients.size).toBeGreaterThan(3);
    for (const patient of validPatients) expect(trainPatients.has(patient)).toBe(false);
  });
});

describe('phantom ChestX-ray14 files', () => {
  const records = [
    ...generatePhantomDataset({
      seed: 22,
      patients: 150,
      site: 'chestxray14',
      holdoutFraction: 0.2,
    }),
  ];
  const files = phantomTextFiles('chestxray14', records);
  const entries = files.get('Data_Entry_2017_v2020.csv') ?? '';

  it('writes the metadata CSV with the bracketed header of SPEC §5 and the split lists', () => {
    expect([...files.keys()]).toEqual([
      'Data_Entry_2017_v2020.csv',
      'train_val_list.txt',
      'test_list.txt',
    ]);
    expect(firstLine(entries)).toBe(CHESTXRAY14_HEADER);
    expect(entries).toContain('|Effusion');
    expect(entries).toContain(',No Finding,');
  });

  it('parses with parseChestXray14Csv into the records and their labels', () => {
    const parsed = parseChestXray14Csv(entries);
    expect(parsed.problems).toEqual([]);
    expect(parsed.items).toHaveLength(records.length);
    records.forEach((record: PhantomRecord, i) => {
      const item = parsed.items[i];
      expect(item?.path).toBe(record.path.slice('images/'.length));
      expect(item?.patientId).toBe(record.patientId);
      expect(item?.target).toEqual(FINDINGS.map((f) => record.labels[f]));
      expect(item?.projection).toBe(record.projection);
    });
  });

  it('splits train_val_list.txt and test_list.txt by patient, matching the records', () => {
    const index = applyChestXray14SplitLists(parseChestXray14Csv(entries), {
      trainValList: files.get('train_val_list.txt'),
      testList: files.get('test_list.txt'),
    });
    expect(index.items.map((item) => item.split)).toEqual(
      records.map((r) => (r.split === 'test' ? 'test' : 'train')),
    );
    const sides = new Map<string, Set<string | undefined>>();
    for (const item of index.items)
      sides.set(item.patientId, (sides.get(item.patientId) ?? new Set()).add(item.split));
    expect([...sides.values()].every((set) => set.size === 1)).toBe(true);
    expect(index.items.filter((item) => item.split === 'test').length).toBeGreaterThan(20);
  });
});
