// The fast Tile against tfjs's stock CPU kernel (imported directly, so the two stay independent)
// on whole-copy tilings, the delegated interleaving ones, every dtype, and strings.
import * as tf from '@tensorflow/tfjs';
import { tile as stockTile } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Tile.js';
import { beforeAll, expect, it } from 'vitest';
import { installFastCpuTile, wholeCopies } from './cpu-tile';

const CASES: [string, number[], number[]][] = [
  ['per-channel [1,1,1,C] to [N,H,W,C] (BatchNorm gradient)', [1, 1, 1, 5], [3, 4, 2, 1]],
  ['scalar-like [1,1]', [1, 1], [3, 4]],
  ['no repeats', [2, 3], [1, 1]],
  ['leading size-1 axis only', [1, 3, 2], [4, 1, 1]],
  ['delegated: repeat a full axis', [2, 3], [2, 1]],
  ['delegated: repeat the last axis', [1, 3], [2, 2]],
  ['delegated: repeat inside', [2, 1, 3], [1, 4, 1]],
];

beforeAll(() => installFastCpuTile());

it.each(CASES)('matches the stock kernel: %s', (_, shape, reps) => {
  for (const dtype of ['float32', 'int32', 'bool'] as const) {
    const n = shape.reduce((a, b) => a * b, 1);
    const x = tf.tidy(() => tf.cast(tf.reshape(tf.range(1, n + 1), shape), dtype));
    const ours = tf.tile(x, reps);
    const info = stockTile({ inputs: { x }, backend: tf.backend() as never, attrs: { reps } });
    const stock = tf.engine().makeTensorFromTensorInfo(info);
    expect(ours.shape).toEqual(stock.shape);
    expect(ours.dtype).toBe(stock.dtype);
    expect(Array.from(ours.dataSync())).toEqual(Array.from(stock.dataSync()));
    tf.dispose([x, ours, stock]);
  }
});

it('delegates strings to the stock kernel', () => {
  const x = tf.tensor2d([['a', 'b']]);
  const y = tf.tile(x, [2, 1]);
  expect(y.arraySync()).toEqual([
    ['a', 'b'],
    ['a', 'b'],
  ]);
  tf.dispose([x, y]);
});

it('counts whole copies only when no multi-element axis repeats', () => {
  expect(wholeCopies([1, 1, 1, 8], [4, 5, 5, 1])).toBe(100);
  expect(wholeCopies([1, 1, 1, 8], [4, 5, 5, 2])).toBeNull();
  expect(wholeCopies([1, 1], [2, 3])).toBe(6);
});
