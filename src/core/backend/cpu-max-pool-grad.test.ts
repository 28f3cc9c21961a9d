// The fast MaxPoolGrad against tfjs's stock CPU kernel (imported directly, so the two stay
// independent): overlapping and disjoint windows, paddings, odd sizes, and ties (integer inputs).
import * as tf from '@tensorflow/tfjs';
import { maxPoolGrad as stockKernel } from '@tensorflow/tfjs-backend-cpu/dist/kernels/MaxPoolGrad.js';
import { beforeAll, expect, it } from 'vitest';
import { installFastCpuMaxPoolGrad } from './cpu-max-pool-grad';

type Pad = 'valid' | 'same' | number;
const CASES: [string, [number, number, number, number], number, number, Pad][] = [
  ['3×3 stride 2 valid (ResNet stem after explicit padding)', [2, 11, 11, 5], 3, 2, 'valid'],
  ['3×3 stride 2 same', [2, 10, 9, 3], 3, 2, 'same'],
  ['3×3 stride 1 same (heavy overlap)', [1, 7, 8, 4], 3, 1, 'same'],
  ['2×2 stride 2 valid (disjoint)', [3, 8, 6, 2], 2, 2, 'valid'],
  ['3×3 stride 2 pad 1', [2, 9, 9, 6], 3, 2, 1],
];

beforeAll(() => installFastCpuMaxPoolGrad());

it.each(CASES)('matches the stock kernel bit for bit: %s', (_, shape, size, stride, pad) => {
  for (const ties of [false, true]) {
    const x = tf.tidy(() => {
      const u = tf.randomNormal(shape, 0, 1, 'float32', 5);
      return ties ? tf.round(tf.mul(u, 1.5)) : u; // few distinct values: many tied maxima
    }) as tf.Tensor4D;
    const f = (v: tf.Tensor) => tf.maxPool(v as tf.Tensor4D, size, stride, pad);
    const y = f(x);
    const dy = tf.randomNormal(y.shape, 0, 1, 'float32', 6);
    const ours = tf.grad(f)(x, dy);
    const attrs = { filterSize: size, strides: stride, pad } as never;
    const inputs = { dy, input: x, output: y };
    const info = stockKernel({ inputs, backend: tf.backend() as never, attrs });
    const stock = tf.engine().makeTensorFromTensorInfo(info);
    expect(Array.from(ours.dataSync())).toEqual(Array.from(stock.dataSync()));
    tf.dispose([x, y, dy, ours, stock]);
  }
});
