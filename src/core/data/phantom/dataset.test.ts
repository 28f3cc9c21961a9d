import { describe, expect, it } from 'vitest';
import { generatePhantomDataset, type PhantomDatasetOptions } from './dataset';
import { FINDINGS, type Finding, type PhantomRecord } from './types';

const take = (options: PhantomDatasetOptions, count = Number.POSITIVE_INFINITY) => {
  const records: PhantomRecord[] = [];
  for (const record of generatePhantomDataset(options)) {
    if (records.length >= count) break;
    records.push(record);
  }
  return records;
};

const PREVALENCE: Record<Finding, number> = {
  Atelectasis: 0.2,
  Cardiomegaly: 0.1,
  Consolidation: 0.3,
  Edema: 0.15,
  'Pleural Effusion': 0.4,
};

describe('generatePhantomDataset', () => {
  const options: PhantomDatasetOptions = { seed: 11, patients: 40, site: 'chexpert' };

  it('is deterministic: the same seed gives the same records, another seed others', () => {
    expect(take(options)).toEqual(take(options));
    const other = take({ ...options, seed: 12 });
    expect(other.map((record) => record.seeds)).not.toEqual(take(options).map((r) => r.seeds));
    expect(other.map((record) => record.labels)).not.toEqual(take(options).map((r) => r.labels));
  });

  it('draws each patient from its own seed, whatever the dataset size', () => {
    const small = take({ ...options, patients: 3 });
    expect(take(options).slice(0, small.length)).toEqual(small);
  });

  it('is lazy: the first records of a billion patients come at once', () => {
    const first = take({ ...options, patients: 1e9 }, 5);
    expect(first).toHaveLength(5);
    expect(first[0]?.path).toMatch(
      /^CheXpert-v1\.0-small\/(train|valid)\/patient00001\/study1\/view1_frontal\.png$/,
    );
  });

  it('gives patients several studies, each with a frontal first view and some laterals', () => {
    const records = take({ ...options, studiesPerPatient: [2, 5], imagesPerStudy: [1, 3] });
    const studies = new Map<string, Set<number>>();
    for (const record of records) {
      const seen = studies.get(record.patientId) ?? new Set<number>();
      studies.set(record.patientId, seen.add(record.study));
      if (record.viewNumber === 1) expect(record.view).toBe('frontal');
      expect(record.projection === 'LL').toBe(record.view === 'lateral');
    }
    const counts = [...studies.values()].map((set) => set.size);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...counts)).toBe(5);
    for (const set of studies.values())
      expect([...set].sort((a, b) => a - b)).toEqual(range(1, set.size));
    expect(records.filter((record) => record.view === 'lateral').length).toBeGreaterThan(10);
  });

  it('shows each finding in close to the requested share of 2,000+ images', () => {
    const records = take({ seed: 5, patients: 1000, site: 'chexpert', prevalence: PREVALENCE });
    expect(records.length).toBeGreaterThan(2000);
    for (const finding of FINDINGS) {
      const share =
        records.filter((record) => record.findings[finding] !== undefined).length / records.length;
      expect(Math.abs(share - PREVALENCE[finding]), finding).toBeLessThan(0.04);
    }
  });

  it('writes uncertain CheXpert training labels at about the requested rate, and none elsewhere', () => {
    const records = take({ seed: 6, patients: 600, site: 'chexpert', uncertainRate: 0.15 });
    const cells = (split: string) =>
      records.filter((r) => r.split === split).flatMap((r) => FINDINGS.map((f) => r.labels[f]));
    const train = cells('train');
    const uncertain = train.filter((cell) => cell === -1).length / train.length;
    expect(uncertain).toBeGreaterThan(0.13);
    expect(uncertain).toBeLessThan(0.17);
    expect(train).toContain(null); // not mentioned
    expect(train).toContain(0);
    expect(new Set(cells('valid'))).toEqual(new Set([0, 1])); // valid.csv is complete
    const nih = take({ seed: 6, patients: 100, site: 'chestxray14', uncertainRate: 0.15 });
    expect(new Set(nih.flatMap((r) => FINDINGS.map((f) => r.labels[f])))).toEqual(new Set([0, 1]));
  });

  it('labels agree with the truth unless uncertain', () => {
    for (const record of take({ seed: 7, patients: 200, site: 'chexpert' })) {
      for (const finding of FINDINGS) {
        const label = record.labels[finding];
        if (label === 1) expect(record.findings[finding]).toBeGreaterThan(0);
        if (label === 0 || label === null) expect(record.findings[finding]).toBeUndefined();
      }
    }
  });

  it('refuses options that make no sense', () => {
    expect(() => generatePhantomDataset({ ...options, patients: -1 })).toThrow(/patients/);
    expect(() => take({ ...options, studiesPerPatient: [3, 2] })).toThrow(/studiesPerPatient/);
    expect(() => take({ ...options, prevalence: { Edema: 1.5 } })).toThrow(
      /Edema must be between 0 and 1/,
    );
    expect(() => take({ ...options, size: 4 })).toThrow(/size/);
  });

  it('names ChestX-ray14 images by patient and follow-up, square, frontal only', () => {
    const records = take({ seed: 8, patients: 30, site: 'chestxray14', size: 128 });
    expect(records[0]?.path).toBe('images/00000001_000.png');
    expect(records[0]?.patientId).toBe('1');
    for (const record of records) {
      expect(record.view).toBe('frontal');
      expect([record.width, record.height]).toEqual([128, 128]);
      expect(['train', 'test']).toContain(record.split);
    }
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
