import { describe, expect, it } from 'vitest';
import { downsampleMinMax } from './downsample';

/** A seeded series with spikes: deterministic, and with ties (rounded values). */
function series(length: number, seed: number): { step: number; loss: number }[] {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return Array.from({ length }, (_, i) => ({
    step: i + 1,
    loss: Math.round((1 / (1 + i / 50) + (random() < 0.02 ? 3 : random() * 0.3)) * 100) / 100,
  }));
}

/** The reference: every slice scanned on its own, its first lowest and first highest point
 *  found by sorting the slice, then all kept points sorted back into series order. */
function reference<T>(points: T[], max: number, value: (p: T) => number): T[] {
  if (points.length <= max) return [...points];
  const inner = points.length - 2;
  const buckets = Math.floor((max - 2) / 2);
  const keep = new Set([0, points.length - 1]);
  for (let b = 0; b < buckets; b++) {
    const indices: number[] = [];
    for (let i = 1; i < points.length - 1; i++) {
      if (Math.floor(((i - 1) * buckets) / inner) === b) indices.push(i);
    }
    const byValue = (sign: number) =>
      [...indices].sort((x, y) => sign * (value(points[x] as T) - value(points[y] as T)) || x - y);
    keep.add(byValue(1)[0] as number);
    keep.add(byValue(-1)[0] as number);
  }
  return [...keep].sort((a, b) => a - b).map((i) => points[i] as T);
}

const loss = (p: { loss: number }) => p.loss;

describe('downsampleMinMax', () => {
  it('returns short series unchanged', () => {
    const points = series(240, 1);
    expect(downsampleMinMax(points, 240, loss)).toBe(points);
  });

  it.each([
    [241, 240, 1],
    [1000, 240, 2],
    [5003, 240, 3],
    [997, 17, 4],
    [12, 4, 5],
  ])('matches the brute-force reference on %i points kept to %i', (length, max, seed) => {
    const points = series(length, seed);
    const drawn = downsampleMinMax(points, max, loss);
    expect(drawn).toEqual(reference(points, max, loss));
    expect(drawn.length).toBeLessThanOrEqual(max);
  });

  it('keeps the ends and the global extremes of a long series', () => {
    const points = series(10_000, 9);
    const drawn = downsampleMinMax(points, 240, loss);
    const values = points.map(loss);
    expect(drawn[0]).toBe(points[0]);
    expect(drawn.at(-1)).toBe(points.at(-1));
    expect(Math.max(...drawn.map(loss))).toBe(Math.max(...values));
    expect(Math.min(...drawn.map(loss))).toBe(Math.min(...values));
    const steps = drawn.map((p) => p.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
  });
});
