// The fast PadV2 against tfjs's stock CPU kernel (imported directly, so the two stay independent):
// spatial NHWC padding as the models use it, padding on the last axis, asymmetric padding, a
// non-zero constant, every numeric dtype, and a scalar.
import * as tf from '@tensorflow/tfjs';
import { padV2 as stockPad } from '@tensorflow/tfjs-backend-cpu/dist/kernels/PadV2.js';
import { beforeAll, expect, it } from 'vitest';
import { installFastCpuPad } from './cpu-pad';

const CASES: [string, number[], [number, number][], number][] = [
  [
    'NHWC spatial (ResNet stem, pool)',
    [2, 5, 4, 3],
    [
      [0, 0],
      [1, 1],
      [1, 1],
      [0, 0],
    ],
    0,
  ],
  [
    'max-pool pad value',
    [1, 3, 3, 2],
    [
      [0, 0],
      [1, 1],
      [1, 1],
      [0, 0],
    ],
    -3.4e38,
  ],
  [
    'asymmetric, last axis too',
    [2, 3, 4],
    [
      [1, 0],
      [0, 2],
      [3, 1],
    ],
    7,
  ],
  [
    'only the leading axis',
    [2, 3],
    [
      [2, 1],
      [0, 0],
    ],
    0,
  ],
  [
    'nothing',
    [2, 2],
    [
      [0, 0],
      [0, 0],
    ],
    0,
  ],
  ['vector', [5], [[2, 3]], -1],
];

beforeAll(() => installFastCpuPad());

it.each(CASES)('matches the stock kernel: %s', (_, shape, paddings, constantValue) => {
  for (const dtype of ['float32', 'int32'] as const) {
    const n = shape.reduce((a, b) => a * b, 1);
    const x = tf.tidy(() => tf.cast(tf.reshape(tf.range(1, n + 1), shape), dtype));
    const ours = tf.pad(x, paddings, constantValue);
    const attrs = { paddings, constantValue };
    const stock = tf
      .engine()
      .makeTensorFromTensorInfo(stockPad({ inputs: { x }, backend: tf.backend() as never, attrs }));
    expect(ours.shape).toEqual(stock.shape);
    expect(ours.dtype).toBe(stock.dtype);
    expect(Array.from(ours.dataSync())).toEqual(Array.from(stock.dataSync()));
    tf.dispose([x, ours, stock]);
  }
});
