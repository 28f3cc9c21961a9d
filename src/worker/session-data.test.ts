// A dropped folder is split by patient with the seed its reference carries: another seed, another
// split of the same cached images (the Data step's "Draw the split again"), recorded for resume.
import { expect, it } from 'vitest';
import { MemoryDatasets } from '../../test/helpers/session-fakes';
import { DEFAULT_SPLIT } from '../core/data/split';
import { datasetRefKey, loadDataset } from './session-data';

const items = Array.from({ length: 60 }, (_, i) => ({
  path: `x/p${i}.png`,
  patientId: `p${i}`,
  target: [i % 2],
  mask: [1],
}));
const store = new MemoryDatasets(
  'x',
  { labels: ['Effusion'], items },
  new Set(items.map((i) => i.path)),
);

const splitOf = async (splitSeed?: number) => {
  const ref = {
    kind: 'cached',
    datasetKey: 'k',
    ...(splitSeed === undefined ? {} : { splitSeed }),
  } as const;
  const dataset = await loadDataset(ref, store);
  return { seed: dataset.split.seed, key: datasetRefKey(ref) };
};

it("splits by the reference's seed, DEFAULT_SPLIT's when absent", async () => {
  const plain = await splitOf();
  const same = await splitOf(DEFAULT_SPLIT.seed);
  const other = await splitOf(7);
  expect(plain.seed).toBe(DEFAULT_SPLIT.seed);
  expect(same.key).toBe(plain.key);
  expect(other.seed).toBe(7);
  expect(other.key).not.toBe(plain.key);
});

it('draws other validation patients with another seed', async () => {
  const validOf = async (splitSeed: number) => {
    const dataset = await loadDataset({ kind: 'cached', datasetKey: 'k', splitSeed }, store);
    return dataset.valid.map((item) => item.image.pixels[0]).join();
  };
  expect(await validOf(0)).not.toBe(await validOf(7));
});
