// The fast binary kernels against tfjs's stock CPU kernels (imported directly, so the two stay
// independent): bit-identical on every fast broadcast pattern, on both sides, for float32 and
// int32, and on the delegated patterns and complex numbers.
import * as tf from '@tensorflow/tfjs';
import { add } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Add.js';
import { greater } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Greater.js';
import { multiply } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Multiply.js';
import { div } from '@tensorflow/tfjs-backend-cpu/dist/kernels/RealDiv.js';
import { sub } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Sub.js';
import { beforeAll, expect, it } from 'vitest';
import { installFastCpuBinary, suffixPeriod } from './cpu-binary';

const STOCK: Record<string, tf.KernelFunc> = {
  Add: add as tf.KernelFunc,
  Sub: sub as tf.KernelFunc,
  Multiply: multiply as tf.KernelFunc,
  RealDiv: div as tf.KernelFunc,
  Greater: greater as tf.KernelFunc,
};

const SHAPES: [string, number[], number[]][] = [
  ['same shape', [2, 3, 4, 5], [2, 3, 4, 5]],
  ['per-channel [C] on the right', [2, 3, 4, 5], [5]],
  ['per-channel [C] on the left', [5], [2, 3, 4, 5]],
  ['per-channel [1,1,1,C] on the right', [2, 3, 4, 5], [1, 1, 1, 5]],
  ['per-channel [1,1,1,C] on the left', [1, 1, 1, 5], [2, 3, 4, 5]],
  ['scalar on the right', [2, 3, 4, 5], []],
  ['scalar on the left', [], [2, 3, 4, 5]],
  ['[1,1,1,1] on the left', [1, 1, 1, 1], [2, 3, 4, 5]],
  ['multi-axis suffix', [2, 3, 4, 5], [4, 5]],
  ['leading 1s on the full operand', [1, 3, 4], [3, 4]],
  ['delegated: per-sample per-channel', [2, 3, 4, 5], [2, 1, 1, 5]],
  ['delegated: both broadcast', [3, 1], [1, 4]],
  ['delegated: column broadcast', [3, 1], [3, 4]],
  ['empty', [0, 3], [3]],
];

beforeAll(() => installFastCpuBinary());

function operand(shape: number[], dtype: 'float32' | 'int32', seed: number) {
  return tf.tidy(() => {
    // Integers in [−4, 4] so that int32 division and Greater's ties are both exercised, zeros too.
    const u = tf.round(tf.randomUniform(shape, -4, 4, 'float32', seed));
    return dtype === 'int32' ? tf.cast(u, 'int32') : tf.add(u, tf.mul(u, 0.37));
  });
}

it.each(SHAPES)('Add, Sub, Multiply, RealDiv, Greater match the stock kernels: %s', (_, aS, bS) => {
  for (const dtype of ['float32', 'int32'] as const) {
    const a = operand(aS, dtype, 1);
    const b = operand(bS, dtype, 2);
    for (const [name, stockKernel] of Object.entries(STOCK)) {
      const ours = tf.engine().runKernel(name, { a, b }) as tf.Tensor;
      const info = stockKernel({ inputs: { a, b }, backend: tf.backend(), attrs: {} });
      const stock = tf.engine().makeTensorFromTensorInfo(info as tf.TensorInfo);
      expect(ours.shape).toEqual(stock.shape);
      expect(ours.dtype).toBe(stock.dtype);
      expect(Array.from(ours.dataSync())).toEqual(Array.from(stock.dataSync()));
      tf.dispose([ours, stock]);
    }
    tf.dispose([a, b]);
  }
});

it('delegates complex numbers to the stock kernels', () => {
  const a = tf.complex([1, 2], [3, 4]);
  const b = tf.complex([5, 6], [7, 8]);
  const product = tf.mul(a, b);
  // (1+3i)(5+7i) = −16+22i; (2+4i)(6+8i) = −20+40i
  expect(Array.from(tf.real(product).dataSync())).toEqual([-16, -20]);
  expect(Array.from(tf.imag(product).dataSync())).toEqual([22, 40]);
  tf.dispose([a, b, product]);
});

it('finds the period of a trailing-suffix broadcast only', () => {
  expect(suffixPeriod([1, 1, 1, 8], [4, 5, 5, 8], [4, 5, 5, 8])).toBe(8);
  expect(suffixPeriod([], [4, 5], [4, 5])).toBe(1);
  expect(suffixPeriod([4, 1, 1, 8], [4, 5, 5, 8], [4, 5, 5, 8])).toBeNull();
  expect(suffixPeriod([5, 8], [1, 8], [5, 8])).toBeNull(); // the "full" operand broadcasts too
});
