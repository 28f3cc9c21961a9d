// The fast Sum and Mean against tfjs's stock CPU kernels (imported directly, so the two stay
// independent): bit-identical on every axis pattern, including the ones delegated to the stock path.
import * as tf from '@tensorflow/tfjs';
import { mean as stockMean } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Mean.js';
import { sum as stockSum } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Sum.js';
import { beforeAll, expect, it } from 'vitest';
import { installFastCpuReduce, reduceBlock } from './cpu-reduce';

type Axis = number | number[] | null;
const CASES: [string, number[], Axis, boolean][] = [
  ['leading axes (BatchNorm, bias gradient)', [3, 5, 7, 6], [0, 1, 2], false],
  ['leading axes, keepDims', [3, 5, 7, 6], [0, 1, 2], true],
  ['middle axes (global average pool)', [3, 5, 7, 6], [1, 2], false],
  ['trailing axis', [3, 5, 7, 6], [3], true],
  ['trailing axes', [2, 3, 5, 7], [2, 3], false],
  ['first axis only', [9, 4], [0], false],
  ['negative axis', [4, 3, 5], -1, false],
  ['unsorted axes', [3, 4, 5, 2], [2, 0, 1], false],
  ['all axes', [3, 4, 5], null, false],
  ['all axes, keepDims', [3, 4, 5], [0, 1, 2], true],
  ['delegated: non-contiguous axes', [3, 4, 5, 2], [0, 2], false],
  ['delegated: no axes', [3, 4], [], false],
  ['size-1 dimensions', [1, 5, 1, 3], [0, 1, 2], false],
];

beforeAll(() => installFastCpuReduce());

function stockResult(kernel: typeof stockSum, x: tf.Tensor, axis: Axis, keepDims: boolean) {
  const info = kernel({
    inputs: { x },
    backend: tf.backend() as never,
    attrs: { axis: axis ?? x.shape.map((_, i) => i), keepDims } as never,
  });
  return tf.engine().makeTensorFromTensorInfo(info);
}

function expectIdentical(ours: tf.Tensor, stock: tf.Tensor) {
  expect(ours.shape).toEqual(stock.shape);
  expect(ours.dtype).toBe(stock.dtype);
  expect(Array.from(ours.dataSync())).toEqual(Array.from(stock.dataSync()));
}

function input(shape: number[], dtype: 'float32' | 'int32' | 'bool', seed: number) {
  return tf.tidy(() => {
    const u = tf.randomUniform(shape, -50, 50, 'float32', seed);
    if (dtype === 'float32') return u;
    return dtype === 'int32' ? tf.cast(u, 'int32') : tf.greater(u, 0);
  });
}

it.each(
  CASES,
)('Sum and Mean match the stock kernels bit for bit: %s', (_, shape, axis, keepDims) => {
  for (const dtype of ['float32', 'int32', 'bool'] as const) {
    const x = input(shape, dtype, 7);
    const pairs: [tf.Tensor, tf.Tensor][] = [
      [tf.sum(x, axis ?? undefined, keepDims), stockResult(stockSum, x, axis, keepDims)],
      [tf.mean(x, axis ?? undefined, keepDims), stockResult(stockMean, x, axis, keepDims)],
    ];
    for (const [ours, stock] of pairs) expectIdentical(ours, stock);
    tf.dispose([x, ...pairs.flat()]);
  }
});

it('sums large leading blocks exactly as the stock kernel (float64 accumulator, same order)', () => {
  const x = tf.randomNormal([16, 32, 32, 8], 0, 1, 'float32', 3);
  const ours = tf.sum(x, [0, 1, 2]);
  const stock = stockResult(stockSum, x, [0, 1, 2], false);
  expectIdentical(ours, stock);
  tf.dispose([x, ours, stock]);
});

it('views only contiguous axis blocks as [outer, reduce, inner]', () => {
  expect(reduceBlock([2, 3, 4, 5], [1, 2])).toEqual({ outer: 2, reduce: 12, inner: 5 });
  expect(reduceBlock([2, 3, 4, 5], [0, 1, 2, 3])).toEqual({ outer: 1, reduce: 120, inner: 1 });
  expect(reduceBlock([2, 3, 4, 5], [0, 2])).toBeNull();
  expect(reduceBlock([2, 3, 4, 5], [1, 1])).toBeNull();
});
