// The fused training-mode BatchNorm kernels against the op chain they replace (tf.moments +
// tf.batchNorm4d and tfjs's gradients of both): outputs, batch statistics and the gradients for
// x, γ and β, to 2e-5 of each tensor's largest value (the chain computes the statistics in float32,
// the kernels in float64).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, it } from 'vitest';
import { fusedBatchNormTrain, installCpuBatchNorm } from './cpu-batch-norm';

const EPS = 1e-5;

beforeAll(() => installCpuBatchNorm());

/** max |a − b| / max |b|. */
const relative = (a: tf.Tensor, b: tf.Tensor) =>
  tf.tidy(
    () =>
      (tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] as number) /
      (tf.max(tf.abs(b)).dataSync()[0] as number),
  );

function chain(x: tf.Tensor4D, gamma: tf.Tensor1D, beta: tf.Tensor1D) {
  const { mean, variance } = tf.moments(x, [0, 1, 2]) as {
    mean: tf.Tensor1D;
    variance: tf.Tensor1D;
  };
  return { y: tf.batchNorm4d(x, mean, variance, beta, gamma, EPS), mean, variance };
}

it.each([
  ['ResNet-like', [4, 5, 6, 8]],
  ['one channel, offset data', [3, 7, 7, 1]],
  ['odd channels', [2, 3, 3, 13]],
])('matches tf.moments + tf.batchNorm4d and their gradients: %s', (_, shape) => {
  const [n, h, w, c] = shape as [number, number, number, number];
  const x = tf.tidy(() => tf.randomNormal([n, h, w, c], 3, 2, 'float32', 1).add(1)) as tf.Tensor4D;
  const gamma = tf.randomNormal([c], 1, 0.3, 'float32', 2) as tf.Tensor1D;
  const beta = tf.randomNormal([c], 0, 0.3, 'float32', 3) as tf.Tensor1D;
  const dy = tf.randomNormal([n, h, w, c], 0, 1, 'float32', 4);
  const ours = fusedBatchNormTrain(x, gamma, beta, EPS);
  const want = chain(x, gamma, beta);
  for (const [a, b] of [
    [ours.y, want.y],
    [ours.mean, want.mean],
    [ours.variance, want.variance],
  ] as const)
    expect(relative(a, b)).toBeLessThan(2e-5);
  type Norm = (a: tf.Tensor4D, g: tf.Tensor1D, b: tf.Tensor1D) => { y: tf.Tensor };
  const loss = (f: Norm) => (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
    tf.sum(tf.mul(f(a as tf.Tensor4D, g as tf.Tensor1D, b as tf.Tensor1D).y, dy));
  const fusedLoss = (a: tf.Tensor4D, g: tf.Tensor1D, b: tf.Tensor1D) => {
    const r = fusedBatchNormTrain(a, g, b, EPS);
    tf.dispose([r.mean, r.variance]);
    return r;
  };
  const gotGrads = tf.grads(loss(fusedLoss))([x, gamma, beta]);
  const wantGrads = tf.grads(loss(chain))([x, gamma, beta]);
  for (const [i, g] of gotGrads.entries())
    expect(relative(g, wantGrads[i] as tf.Tensor)).toBeLessThan(2e-5);
  tf.dispose([x, gamma, beta, dy, ours.y, ours.mean, ours.variance, want.y, want.mean]);
  tf.dispose([want.variance, ...gotGrads, ...wantGrads]);
});

it('leaves no tensors behind in a training step', () => {
  const x = tf.randomNormal([2, 3, 3, 4]) as tf.Tensor4D;
  const gamma = tf.ones([4]) as tf.Tensor1D;
  const beta = tf.zeros([4]) as tf.Tensor1D;
  const before = tf.memory().numTensors;
  const grads = tf.grads((a: tf.Tensor) => {
    const r = fusedBatchNormTrain(a as tf.Tensor4D, gamma, beta, EPS);
    tf.dispose([r.mean, r.variance]);
    return tf.sum(tf.square(r.y));
  })([x]);
  tf.dispose(grads);
  expect(tf.memory().numTensors).toBe(before);
  tf.dispose([x, gamma, beta]);
});
