// The fast transpose against tfjs's stock CPU implementation (imported directly) and by hand.
import * as tf from '@tensorflow/tfjs';
import { transposeImpl } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Transpose_impl.js';
import { expect, it } from 'vitest';
import { installFastCpuTranspose, transposeValues } from './cpu-transpose';

const CASES: [number[], number[]][] = [
  [
    [2, 3],
    [1, 0],
  ],
  [
    [4, 3, 2, 5],
    [2, 3, 1, 0],
  ],
  [
    [4, 3, 2, 5],
    [3, 2, 0, 1],
  ],
  [
    [2, 3, 4, 3, 2, 2],
    [0, 1, 4, 2, 5, 3],
  ],
  [[7], [0]],
];

it.each(CASES)('shape %j perm %j matches the stock kernel', (shape, perm) => {
  const n = shape.reduce((a, b) => a * b, 1);
  const x = Float32Array.from({ length: n }, (_, i) => i * 0.5 - 3);
  const newShape = perm.map((p) => shape[p] as number);
  const stock = transposeImpl(x, shape, 'float32', perm, newShape) as Float32Array;
  expect(Array.from(transposeValues(x, shape, perm))).toEqual(Array.from(stock));
});

it('is the kernel tf.transpose uses on the CPU backend, for ints too', () => {
  installFastCpuTranspose();
  const t = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3], 'int32');
  const y = tf.transpose(t);
  expect(y.dtype).toBe('int32');
  expect(Array.from(y.dataSync())).toEqual([1, 4, 2, 5, 3, 6]);
  tf.dispose([t, y]);
});
