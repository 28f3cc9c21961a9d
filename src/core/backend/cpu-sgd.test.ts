// The fused SGD kernel against the op chain it replaces (Sgd.step on another backend), bit for
// bit, and Sgd.step taking the fused path on the CPU backend.
import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import { Sgd } from '../train/sgd';
import { installCpuSgd, SGD_MOMENTUM_KERNEL, sgdMomentum } from './cpu-sgd';

const HYPER = { lr: 0.0123, momentum: 0.9, weightDecay: 1e-4 };

/** The op chain of Sgd.step for one variable, on whatever backend runs. */
function opChain(p: tf.Tensor, v: tf.Tensor, g: tf.Tensor) {
  return tf.tidy(() => {
    const decayed = p.mul(1 - HYPER.lr * HYPER.weightDecay);
    const velocity = v.mul(HYPER.momentum).add(g);
    return [decayed.sub(velocity.mul(HYPER.lr)), velocity];
  });
}

it('equals the op chain bit for bit', () => {
  const [p, v, g] = [1, 2, 3].map((seed) => tf.randomNormal([3, 3, 4, 5], 0, 1, 'float32', seed));
  const [wantP, wantV] = opChain(p as tf.Tensor, v as tf.Tensor, g as tf.Tensor);
  const [gotP, gotV] = sgdMomentum(
    p?.dataSync() as Float32Array,
    v?.dataSync() as Float32Array,
    g?.dataSync() as Float32Array,
    HYPER,
  );
  expect(Array.from(gotP)).toEqual(Array.from(wantP?.dataSync() ?? []));
  expect(Array.from(gotV)).toEqual(Array.from(wantV?.dataSync() ?? []));
  tf.dispose([p, v, g, wantP, wantV] as tf.Tensor[]);
});

it('is what Sgd.step runs on the CPU backend', () => {
  installCpuSgd();
  expect(tf.getKernel(SGD_MOMENTUM_KERNEL, 'cpu')).toBeDefined();
  const variable = tf.variable(tf.tensor1d([1, -2, 3]), true, 'sgd-fused-probe');
  const sgd = new Sgd([variable]);
  const grad = tf.tensor1d([0.5, 0.25, -1]);
  const before = tf.memory().numTensors;
  sgd.step({ [variable.name]: grad }, HYPER);
  sgd.step({ [variable.name]: grad }, HYPER);
  expect(tf.memory().numTensors).toBe(before);
  const [wantP] = tf.tidy(() => {
    const zero = tf.zeros([3]);
    const [p1, v1] = opChain(tf.tensor1d([1, -2, 3]), zero, grad);
    return opChain(p1 as tf.Tensor, v1 as tf.Tensor, grad);
  });
  expect(Array.from(variable.dataSync())).toEqual(Array.from(wantP?.dataSync() ?? []));
  tf.dispose([variable, grad, wantP as tf.Tensor]);
  sgd.dispose();
});
