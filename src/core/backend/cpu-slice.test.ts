// The fast Slice and SplitV against tfjs's stock CPU kernels (imported directly, so the two stay
// independent) on contiguous and strided slices, short and long runs, every dtype, and strings
// (delegated); plus the concat gradient, which is a SplitV.
import * as tf from '@tensorflow/tfjs';
import { slice as stockSlice } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Slice.js';
import { splitV as stockSplitV } from '@tensorflow/tfjs-backend-cpu/dist/kernels/SplitV.js';
import { beforeAll, expect, it } from 'vitest';
import { installFastCpuSlice } from './cpu-slice';

const SLICES: [string, number[], number[], number[]][] = [
  ['spatial crop (transposed-conv padding)', [4, 10, 9, 3], [0, 2, 1, 0], [4, 6, 7, 3]],
  ['channel range, short runs', [2, 5, 6, 8], [0, 0, 0, 3], [2, 5, 6, 4]],
  ['channel range, long runs', [2, 3, 4, 80], [0, 0, 0, 20], [2, 3, 4, 40]],
  ['every axis partial', [5, 6, 7, 4], [1, 2, 3, 1], [3, 2, 4, 2]],
  ['leading range (contiguous view)', [5, 3, 2], [1, 0, 0], [2, 3, 2]],
  ['rank 1', [11], [3], [5]],
  ['rank 6', [2, 3, 2, 3, 2, 5], [1, 0, 1, 1, 0, 1], [1, 3, 1, 2, 2, 3]],
  ['size -1 means to the end', [4, 6, 5], [1, 2, 1], [-1, -1, 3]],
  ['empty', [4, 6, 5], [1, 2, 1], [2, 0, 3]],
];

const SPLITS: [string, number[], number[] | number, number][] = [
  ['channel halves (ColorU concat gradient)', [2, 5, 6, 8], [4, 4], 3],
  ['uneven channel split', [2, 5, 6, 7], [3, 4], -1],
  ['long channel runs', [2, 3, 3, 96], [64, 32], 3],
  ['middle axis, inferred size', [3, 8, 5], [2, -1, 3], 1],
  ['leading axis (contiguous views)', [6, 4, 3], 3, 0],
];

beforeAll(() => installFastCpuSlice());

const backend = () => tf.backend() as never;
const fromInfo = (info: tf.TensorInfo) => tf.engine().makeTensorFromTensorInfo(info);

function input(shape: number[], dtype: 'float32' | 'int32' | 'bool') {
  return tf.tidy(() => {
    const n = shape.reduce((a, b) => a * b, 1);
    const ramp = tf.reshape(tf.range(0, n, 1, 'float32'), shape);
    if (dtype === 'float32') return tf.mul(ramp, 0.5);
    return dtype === 'int32' ? tf.cast(ramp, 'int32') : tf.greater(tf.mod(ramp, 3), 0);
  });
}

function expectIdentical(ours: tf.Tensor, stock: tf.Tensor) {
  expect(ours.shape).toEqual(stock.shape);
  expect(ours.dtype).toBe(stock.dtype);
  expect(Array.from(ours.dataSync())).toEqual(Array.from(stock.dataSync()));
}

it.each(SLICES)('Slice matches the stock kernel: %s', (_, shape, begin, size) => {
  for (const dtype of ['float32', 'int32', 'bool'] as const) {
    const x = input(shape, dtype);
    const ours = tf.slice(x, begin, size);
    const stock = fromInfo(
      stockSlice({ inputs: { x }, backend: backend(), attrs: { begin, size } }),
    );
    expectIdentical(ours, stock);
    tf.dispose([x, ours, stock]);
  }
});

it.each(SPLITS)('SplitV matches the stock kernel: %s', (_, shape, numOrSizeSplits, axis) => {
  for (const dtype of ['float32', 'int32', 'bool'] as const) {
    const x = input(shape, dtype);
    const ours = tf.split(x, numOrSizeSplits, axis);
    const attrs = { numOrSizeSplits, axis };
    const stock = stockSplitV({ inputs: { x }, backend: backend(), attrs }).map(fromInfo);
    expect(ours.length).toBe(stock.length);
    for (const [i, piece] of ours.entries()) expectIdentical(piece, stock[i] as tf.Tensor);
    tf.dispose([x, ...ours, ...stock]);
  }
});

it('delegates strings to the stock kernels', () => {
  const x = tf.tensor2d(['a', 'b', 'c', 'd', 'e', 'f'], [2, 3]);
  const sliced = tf.slice(x, [0, 1], [2, 2]);
  // tf.split refuses strings, so the kernel is run through the engine directly.
  const attrs = { numOrSizeSplits: [1, 2], axis: 1 };
  const [left, right] = tf.engine().runKernel('SplitV', { x }, attrs) as tf.Tensor[];
  expect(sliced.arraySync()).toEqual([
    ['b', 'c'],
    ['e', 'f'],
  ]);
  expect(left?.arraySync()).toEqual([['a'], ['d']]);
  expect(right?.arraySync()).toEqual([
    ['b', 'c'],
    ['e', 'f'],
  ]);
  tf.dispose([x, sliced, left, right]);
});

it("gives concat's gradient: d/da Σ concat(a, b)·w is w's first channels", () => {
  const a = tf.randomNormal([2, 3, 4, 5], 0, 1, 'float32', 1);
  const b = tf.randomNormal([2, 3, 4, 3], 0, 1, 'float32', 2);
  const w = tf.randomNormal([2, 3, 4, 8], 0, 1, 'float32', 3);
  const f = (p: tf.Tensor, q: tf.Tensor) => tf.sum(tf.mul(tf.concat([p, q], 3), w));
  const [da, db] = tf.grads(f)([a, b]) as [tf.Tensor, tf.Tensor];
  const wa = w.arraySync() as number[][][][];
  const firstFive = wa.map((n) => n.map((r) => r.map((px) => px.slice(0, 5))));
  const lastThree = wa.map((n) => n.map((r) => r.map((px) => px.slice(5))));
  expect(da.arraySync()).toEqual(firstFive);
  expect(db.arraySync()).toEqual(lastThree);
  tf.dispose([a, b, w, da, db]);
});
