// The blocked matrix products against a plain triple loop, on sizes on and off the 4×4 tile.
import { expect, it } from 'vitest';
import { gemm, gemmTransposedA } from './cpu-gemm';

/** Deterministic values in [−1, 1) (no Math.random: the same matrices on every run). */
const filled = (length: number, seed: number) =>
  Float64Array.from({ length }, (_, i) => ((i * 7919 + seed * 104729) % 2003) / 1001.5 - 1);

/** C[i, j] = Σ_k A[i, k] · B[k, j], A read as [m, k] or, transposed, as [k, m]. */
function reference(a: Float64Array, b: Float64Array, m: number, k: number, n: number, aT: boolean) {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let kk = 0; kk < k; kk++)
        sum += (a[aT ? kk * m + i : i * k + kk] as number) * (b[kk * n + j] as number);
      c[i * n + j] = sum;
    }
  }
  return c;
}

/** max_i |x[i] − y[i]|. */
const maxDiff = (x: Float64Array, y: Float64Array) =>
  Math.max(...Array.from(x, (v, i) => Math.abs(v - (y[i] as number))));

const SIZES: [number, number, number][] = [
  [4, 4, 4],
  [8, 3, 12],
  [5, 7, 3],
  [13, 9, 6],
  [1, 5, 1],
  [3, 2, 2],
];

// C is a reused buffer sized for the largest band: gemm writes its first m·n values only.
it.each(SIZES)('gemm writes A·B into the head of C: m=%i k=%i n=%i', (m, k, n) => {
  const a = filled(m * k, 1);
  const b = filled(k * n, 2);
  const c = new Float64Array(m * n + 2).fill(99);
  gemm({ a, b, c, m, k, n });
  expect(Array.from(c.subarray(m * n))).toEqual([99, 99]);
  const expected = reference(a, b, m, k, n, false);
  expect(maxDiff(c.subarray(0, m * n), expected)).toBeLessThan(1e-12);
});

it.each(SIZES)('gemmTransposedA adds Aᵀ·B to C: m=%i k=%i n=%i', (m, k, n) => {
  const a = filled(k * m, 3); // stored [k, m]
  const b = filled(k * n, 4);
  const c = new Float64Array(m * n).fill(0.5);
  gemmTransposedA({ a, b, c, m, k, n });
  const expected = reference(a, b, m, k, n, true);
  expect(
    maxDiff(
      c,
      expected.map((v) => v + 0.5),
    ),
  ).toBeLessThan(1e-12);
});
