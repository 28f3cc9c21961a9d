// The one-pass ReLU / LeakyReLU gradients against tfjs's own (the op chains they replace), bit for
// bit, on values that include zeros, negative zeros, NaN and infinities.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, it } from 'vitest';
import { activation, installCpuActivationGrad } from './cpu-activation-grad';

beforeAll(() => installCpuActivationGrad());

const X = [-2, -0, 0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 3e-39];
const DY = [0.3, -1, 2, -0.7, 1, -2, 0.5, -0];

it.each([
  ['ReLU', null],
  ['LeakyReLU', 0.01],
] as const)('%s: forward and gradient equal tfjs’s bit for bit', (_, alpha) => {
  const x = tf.tensor1d(X);
  const dy = tf.tensor1d(DY);
  const stock = (v: tf.Tensor) => (alpha === null ? tf.relu(v) : tf.leakyRelu(v, alpha));
  const ours = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(activation(v, alpha), dy)))(x);
  const want = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(stock(v), dy)))(x);
  const bits = (t: tf.Tensor) => Array.from(new Uint32Array((t.dataSync() as Float32Array).buffer));
  expect(bits(ours)).toEqual(bits(want));
  expect(bits(activation(x, alpha))).toEqual(bits(stock(x)));
  tf.dispose([x, dy, ours, want]);
});
