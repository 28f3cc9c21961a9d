import { describe, expect, it } from 'vitest';
import { drawSubset, SUBSET_DRAWS, SUBSET_FRACTIONS } from './subset';
import type { DatasetIndex, DatasetItem } from './types';

/** 5,000 images; label 0 is positive in 1 image of 500 (a rare finding), label 1 in half. */
function syntheticIndex(): DatasetIndex {
  const items: DatasetItem[] = Array.from({ length: 5000 }, (_, i) => ({
    path: `i${i}.png`,
    patientId: `p${Math.floor(i / 3)}`,
    target: [i % 500 === 7 ? 1 : 0, i % 2],
    mask: [1, i % 10 === 0 ? 0 : 1],
  }));
  return { labels: ['rare', 'common'], items };
}

const paths = (index: DatasetIndex) => index.items.map((item) => item.path);

describe('drawSubset', () => {
  const index = syntheticIndex();

  it('draws round(n × fraction) images for the study fractions, the same for the same seed', () => {
    // Only the common label: no class top-up, so sizes are exact.
    const common = {
      labels: ['common'],
      items: index.items.map((item) => ({
        ...item,
        target: item.target.slice(1),
        mask: item.mask.slice(1),
      })),
    };
    expect(SUBSET_FRACTIONS).toEqual([0.1, 0.05, 0.01, 0.005, 0.001]);
    const sizes = SUBSET_FRACTIONS.map(
      (fraction) => drawSubset(common, fraction, 0, 42).items.length,
    );
    expect(sizes).toEqual([500, 250, 50, 25, 5]);
    expect(paths(drawSubset(index, 0.01, 1, 42))).toEqual(paths(drawSubset(index, 0.01, 1, 42)));
  });

  it('draws different subsets for each of the three draws and for another seed', () => {
    for (const fraction of SUBSET_FRACTIONS) {
      const draws = Array.from({ length: SUBSET_DRAWS }, (_, draw) =>
        paths(drawSubset(index, fraction, draw, 42)),
      );
      expect(new Set(draws.map((draw) => draw.join())).size).toBe(SUBSET_DRAWS);
    }
    expect(paths(drawSubset(index, 0.01, 0, 43))).not.toEqual(
      paths(drawSubset(index, 0.01, 0, 42)),
    );
  });

  it('nests a draw’s smaller subsets in its larger ones and keeps item order', () => {
    const large = new Set(paths(drawSubset(index, 0.1, 2, 42)));
    const small = paths(drawSubset(index, 0.05, 2, 42));
    expect(small.every((path) => large.has(path))).toBe(true);
    const positions = small.map((path) => Number(path.slice(1, -4)));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('tops up tiny subsets so each label has a used positive and negative', () => {
    for (let draw = 0; draw < SUBSET_DRAWS; draw++) {
      const subset = drawSubset(index, 0.001, draw, 42); // 5 images before the top-up
      expect(subset.items.length).toBeGreaterThanOrEqual(5);
      expect(subset.items.length).toBeLessThanOrEqual(5 + 2 * index.labels.length);
      for (let label = 0; label < index.labels.length; label++) {
        const used = subset.items.filter((item) => item.mask[label] === 1);
        expect(new Set(used.map((item) => item.target[label]))).toEqual(new Set([0, 1]));
      }
    }
  });

  it('returns at least one item and rejects bad arguments', () => {
    const tiny = {
      labels: ['x'],
      items: index.items.slice(0, 3).map((item) => ({ ...item, target: [0], mask: [1] })),
    };
    expect(drawSubset(tiny, 0.001, 0, 1).items).toHaveLength(1);
    expect(() => drawSubset(index, 0, 0, 1)).toThrow(/fraction/);
    expect(() => drawSubset(index, 0.1, 1.5, 1)).toThrow(/draw/);
  });
});
