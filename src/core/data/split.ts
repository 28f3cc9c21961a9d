// Patient-level train/valid/test splits, seeded. Pure core: randomness only from util/random.

import { createRandom, deriveSeed, shuffled } from '../util/random';
import type { DatasetIndex, DatasetItem, SplitName } from './types';

export interface SplitFractions {
  train: number;
  valid: number;
  test: number;
}

export interface SplitOptions {
  /** Shares of patients (not images) per side; normalised by their sum. */
  fractions: SplitFractions;
  seed: number;
  /**
   * Official sides to keep: items already on one of these stay there, and so do their patients'
   * other items. Everything else is drawn. Default: none (the whole split is drawn).
   */
  keep?: readonly SplitName[];
}

/** The split the studio and the runner draw unless told otherwise: shares of patients per side
 *  and the seed (official held-out sides are kept whatever these say). */
export const DEFAULT_SPLIT: Readonly<SplitFractions & { seed: number }> = {
  train: 0.7,
  valid: 0.15,
  test: 0.15,
  seed: 0,
};

const SIDES: readonly SplitName[] = ['train', 'valid', 'test'];

/**
 * Assigns every item a side so that no patient is on two sides. Patients are sorted before the
 * seeded shuffle, so the split depends on the seed and the set of patients, not on item order.
 * Side sizes are whole patients, rounded by largest remainder.
 */
export function splitByPatient<T extends DatasetIndex>(index: T, options: SplitOptions): T {
  const keptSides = keptSideByPatient(index.items, new Set(options.keep ?? []));
  const free = [...new Set(index.items.map((item) => item.patientId))]
    .filter((patient) => !keptSides.has(patient))
    .sort();
  const order = shuffled(free, createRandom(deriveSeed(options.seed, 'split-by-patient')));
  const [train, valid] = allocateCounts(order.length, options.fractions);
  const drawnSides = new Map<string, SplitName>();
  order.forEach((patient, i) => {
    drawnSides.set(patient, i < train ? 'train' : i < train + valid ? 'valid' : 'test');
  });
  const items = index.items.map((item): DatasetItem => {
    const kept = item.split !== undefined && options.keep?.includes(item.split);
    const side = kept
      ? item.split
      : (keptSides.get(item.patientId) ?? drawnSides.get(item.patientId));
    return { ...item, split: side };
  });
  return { ...index, items };
}

/** The first kept side met for each patient that has one. */
function keptSideByPatient(items: DatasetItem[], keep: Set<SplitName>): Map<string, SplitName> {
  const sides = new Map<string, SplitName>();
  for (const { patientId, split } of items) {
    if (split !== undefined && keep.has(split) && !sides.has(patientId)) {
      sides.set(patientId, split);
    }
  }
  return sides;
}

/** Whole counts per side summing to `total`, closest to the fractions (largest remainder). */
export function allocateCounts(total: number, fractions: SplitFractions): [number, number, number] {
  const weights = SIDES.map((side) => fractions[side]);
  const sum = weights.reduce((a, b) => a + b, 0);
  if (weights.some((weight) => !(weight >= 0)) || !(sum > 0)) {
    throw new Error(
      `Split fractions must be non-negative with a positive sum: ${JSON.stringify(fractions)}`,
    );
  }
  const exact = weights.map((weight) => (total * weight) / sum);
  const counts = exact.map((value) => Math.floor(value));
  const byRemainder = exact
    .map((value, side) => ({ side, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder);
  // The floors fall short of `total` by less than 3: one pass hands out the rest.
  let left = total - counts.reduce((a, b) => a + b, 0);
  for (const { side } of byRemainder) {
    if (left-- <= 0) break;
    counts[side] = (counts[side] ?? 0) + 1;
  }
  return counts as [number, number, number];
}

/**
 * Patients whose items sit on more than one side: none after `splitByPatient`, unless an official
 * split it was told to keep already mixes a patient. For tests and a warning in the summary.
 */
export function patientsOnSeveralSides(index: DatasetIndex): string[] {
  const sides = new Map<string, Set<SplitName | undefined>>();
  for (const { patientId, split } of index.items) {
    const patientSides = sides.get(patientId) ?? new Set();
    patientSides.add(split);
    sides.set(patientId, patientSides);
  }
  return [...sides].filter(([, patientSides]) => patientSides.size > 1).map(([patient]) => patient);
}

/**
 * The split the studio and the runner use: official held-out sides (CheXpert's valid.csv,
 * ChestX-ray14's test list, MURA's valid folder) stay where they are; every other image, an
 * official 'train' side included, is drawn by patient with `fractions`.
 */
export function splitKeepingHoldout<T extends DatasetIndex>(
  index: T,
  fractions: SplitFractions,
  seed: number,
): T {
  const present = new Set(index.items.map((item) => item.split));
  const keep = (['valid', 'test'] as const).filter((side) => present.has(side));
  const unset = index.items.map((item) =>
    item.split === 'train' ? { ...item, split: undefined } : item,
  );
  return splitByPatient({ ...index, items: unset }, { fractions, seed, keep });
}
