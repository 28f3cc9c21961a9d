// Strided gathers: contiguous views are shared, transposed/sliced/expanded views are copied exactly.
import { describe, expect, it } from 'vitest';
import { gatherStrided } from './strided';

describe('gatherStrided', () => {
  const storage = Float32Array.from({ length: 12 }, (_, i) => i); // a [3, 4] matrix, row-major

  it('returns a contiguous view as a subarray sharing the storage', () => {
    const row = gatherStrided(storage, 4, [4], [1]);
    expect(Array.from(row)).toEqual([4, 5, 6, 7]);
    expect(row.buffer).toBe(storage.buffer);
    expect(gatherStrided(storage, 0, [3, 1, 4], [4, 99, 1]).buffer).toBe(storage.buffer);
  });

  it('copies transposed, sliced and expanded views in C order', () => {
    expect(Array.from(gatherStrided(storage, 0, [4, 3], [1, 4]))).toEqual([
      0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11,
    ]);
    expect(Array.from(gatherStrided(storage, 5, [2, 2], [4, 2]))).toEqual([5, 7, 9, 11]);
    expect(Array.from(gatherStrided(storage, 1, [2, 3], [4, 0]))).toEqual([1, 1, 1, 5, 5, 5]);
  });

  it('keeps int32 values int32 and NaN payloads bit-exact', () => {
    const ints = Int32Array.of(1, 2, 3, 4);
    expect(gatherStrided(ints, 0, [2, 2], [1, 2])).toEqual(Int32Array.of(1, 3, 2, 4));
    const payloads = [0x7fa00001, 0xffc00002, 0x80000000, 0x00000001];
    const nans = new Float32Array(Uint32Array.from(payloads).buffer);
    const transposed = gatherStrided(nans, 0, [2, 2], [1, 2]);
    expect(transposed.buffer).not.toBe(nans.buffer);
    expect(Array.from(new Uint32Array(transposed.buffer))).toEqual([
      0x7fa00001, 0x80000000, 0xffc00002, 0x00000001,
    ]);
  });
});
