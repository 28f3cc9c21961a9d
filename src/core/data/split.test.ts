import { describe, expect, it } from 'vitest';
import { allocateCounts, patientsOnSeveralSides, splitByPatient } from './split';
import type { DatasetIndex, DatasetItem } from './types';

/** `patients` patients with 1–4 images each. */
function syntheticIndex(patients: number): DatasetIndex {
  const items: DatasetItem[] = [];
  for (let p = 0; p < patients; p++) {
    for (let image = 0; image <= p % 4; image++) {
      items.push({ path: `p${p}/i${image}.png`, patientId: `p${p}`, target: [p % 2], mask: [1] });
    }
  }
  return { labels: ['finding'], items };
}

const sides = (index: DatasetIndex) => index.items.map((item) => item.split);
const patientsOn = (index: DatasetIndex, side: string) =>
  new Set(index.items.filter((item) => item.split === side).map((item) => item.patientId));

describe('splitByPatient', () => {
  const index = syntheticIndex(200);
  const fractions = { train: 0.7, valid: 0.1, test: 0.2 };

  it('puts no patient on two sides and sizes sides in whole patients', () => {
    const split = splitByPatient(index, { fractions, seed: 1 });
    expect(patientsOnSeveralSides(split)).toEqual([]);
    expect([patientsOn(split, 'train').size, patientsOn(split, 'valid').size]).toEqual([140, 20]);
    expect(patientsOn(split, 'test').size).toBe(40);
  });

  it('gives the same split for the same seed, whatever the item order, and another for another seed', () => {
    const a = splitByPatient(index, { fractions, seed: 1 });
    const reversed = splitByPatient(
      { ...index, items: [...index.items].reverse() },
      { fractions, seed: 1 },
    );
    expect(sides(a)).toEqual(sides(splitByPatient(index, { fractions, seed: 1 })));
    expect(sides(reversed).reverse()).toEqual(sides(a));
    expect(sides(splitByPatient(index, { fractions, seed: 2 }))).not.toEqual(sides(a));
  });

  it('keeps official sides, pulls the rest of a kept patient along, and draws the others', () => {
    const official: DatasetIndex = {
      ...index,
      items: index.items.map((item) => ({
        ...item,
        split: item.patientId < 'p2' ? ('test' as const) : ('train' as const),
      })),
    };
    // A patient whose first image is on the official test side but a second is not.
    const mixed = official.items.findIndex(
      (item) => item.patientId === 'p3' && item.path.endsWith('i1.png'),
    );
    official.items[mixed] = { ...(official.items[mixed] as DatasetItem), split: undefined };
    official.items.unshift({
      ...(official.items[mixed] as DatasetItem),
      split: 'test',
      path: 'p3/i9.png',
    });
    const split = splitByPatient(official, {
      keep: ['test'],
      fractions: { train: 3, valid: 1, test: 0 },
      seed: 5,
    });
    expect(patientsOnSeveralSides(split)).toEqual([]);
    const officialTest = new Set(
      official.items.filter((i) => i.split === 'test').map((i) => i.patientId),
    );
    expect(patientsOn(split, 'test')).toEqual(officialTest);
    expect(patientsOn(split, 'valid').size).toBeGreaterThan(0);
  });

  it('rejects fractions that cannot be normalised', () => {
    expect(() =>
      splitByPatient(index, { fractions: { train: 0, valid: 0, test: 0 }, seed: 1 }),
    ).toThrow();
    expect(() =>
      splitByPatient(index, { fractions: { train: -1, valid: 1, test: 1 }, seed: 1 }),
    ).toThrow();
  });
});

describe('allocateCounts', () => {
  it('rounds by largest remainder and always sums to the total', () => {
    expect(allocateCounts(10, { train: 0.7, valid: 0.15, test: 0.15 })).toEqual([7, 2, 1]);
    expect(allocateCounts(3, { train: 1, valid: 1, test: 1 })).toEqual([1, 1, 1]);
    expect(allocateCounts(0, { train: 1, valid: 0, test: 0 })).toEqual([0, 0, 0]);
    for (let total = 0; total < 50; total++) {
      const counts = allocateCounts(total, { train: 0.8, valid: 0.1, test: 0.1 });
      expect(counts.reduce((a, b) => a + b, 0)).toBe(total);
    }
  });
});
