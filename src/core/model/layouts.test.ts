// Layout converters between PyTorch and tfjs kernels: element mapping and round trips.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  convTransposeWeightFromTf,
  convTransposeWeightToTf,
  convWeightFromTf,
  convWeightToTf,
  linearWeightFromTf,
  linearWeightToTf,
} from './layouts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('layouts', () => {
  it('conv: w[o, i, y, x] = f[y, x, i, o], and back', () => {
    const weight = tf.tensor4d(
      Array.from({ length: 5 * 3 * 2 * 4 }, (_, k) => k),
      [5, 3, 2, 4],
    );
    const filter = convWeightToTf(weight);
    expect(filter.shape).toEqual([2, 4, 3, 5]);
    const w = weight.arraySync();
    const f = filter.arraySync();
    expect(f[1]?.[3]?.[2]?.[4]).toBe(w[4]?.[2]?.[1]?.[3]);
    const back = convWeightFromTf(filter);
    expect(back.arraySync()).toEqual(w);
    tf.dispose([weight, filter, back]);
  });

  it('transposed conv: w[i, o, y, x] = f[y, x, o, i], and back', () => {
    const weight = tf.tensor4d(
      Array.from({ length: 3 * 2 * 4 * 4 }, (_, k) => k),
      [3, 2, 4, 4],
    );
    const filter = convTransposeWeightToTf(weight);
    expect(filter.shape).toEqual([4, 4, 2, 3]);
    expect(filter.arraySync()[0]?.[3]?.[1]?.[2]).toBe(weight.arraySync()[2]?.[1]?.[0]?.[3]);
    const back = convTransposeWeightFromTf(filter);
    expect(back.arraySync()).toEqual(weight.arraySync());
    tf.dispose([weight, filter, back]);
  });

  it('linear: [out, in] ↔ [in, out]', () => {
    const weight = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
    const kernel = linearWeightToTf(weight);
    expect(kernel.arraySync()).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    const back = linearWeightFromTf(kernel);
    expect(back.arraySync()).toEqual(weight.arraySync());
    tf.dispose([weight, kernel, back]);
  });

  it('rejects a tensor of the wrong rank, allocating nothing', () => {
    const vector = tf.tensor1d([1, 2]);
    const before = tf.memory().numTensors;
    expect(() => convWeightToTf(vector)).toThrow('conv weight [out, in, kh, kw] must have rank 4');
    expect(() => linearWeightToTf(vector)).toThrow('must have rank 2, got shape [2]');
    expect(tf.memory().numTensors).toBe(before);
    vector.dispose();
  });
});
