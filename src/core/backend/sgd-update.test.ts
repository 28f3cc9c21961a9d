// The fused SGD kernel against the five-op update it replaces, on the CPU backend: same bits.
import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import { Sgd } from '../train/sgd';
import { installCpuSgdUpdate, restoreCpuSgdUpdate } from './sgd-update';

/** Three steps of Sgd from the same start, with the fused kernel or without; final weights. */
function run(fused: boolean): Float32Array[] {
  if (fused) installCpuSgdUpdate();
  else restoreCpuSgdUpdate();
  const variables = [tf.variable(tf.randomNormal([3, 5], 0, 1, 'float32', 1), true, 'sgd.w')];
  variables.push(tf.variable(tf.randomNormal([7], 0, 1, 'float32', 2), true, 'sgd.b'));
  const sgd = new Sgd(variables);
  for (let step = 0; step < 3; step++) {
    const grads = tf.tidy(() => ({
      'sgd.w': tf.randomNormal([3, 5], 0, 1, 'float32', 10 + step),
      'sgd.b': tf.randomNormal([7], 0, 1, 'float32', 20 + step),
    }));
    sgd.step(grads, { lr: 0.1 + step * 0.05, momentum: 0.9, weightDecay: 0.01 });
    tf.dispose(Object.values(grads));
  }
  const out = variables.map((v) => v.dataSync() as Float32Array);
  sgd.dispose();
  tf.dispose(variables);
  installCpuSgdUpdate();
  return out;
}

it('gives the same bits as the five-op update', () => {
  const [fused, ops] = [run(true), run(false)];
  expect(fused.map((a) => Array.from(a))).toEqual(ops.map((a) => Array.from(a)));
});
