// The closed-form BatchNorm gradient against tfjs's own differentiation of moments + batchNorm4d:
// same output and statistics, gradients for x, γ and β within float32 rounding.
import * as tf from '@tensorflow/tfjs';
import { afterEach, expect, it } from 'vitest';
import { batchNormTraining, setClosedFormBatchNorm } from './batch-norm-train';

afterEach(() => setClosedFormBatchNorm(true));

/** y, the statistics and d(Σ y·probe)/d(x, γ, β), by one of the two paths. */
function run(closedForm: boolean) {
  setClosedFormBatchNorm(closedForm);
  return tf.tidy(() => {
    const x = tf.randomNormal([3, 5, 4, 6], 0.5, 2, 'float32', 1) as tf.Tensor4D;
    const gamma = tf.randomNormal([6], 1, 0.3, 'float32', 2) as tf.Tensor1D;
    const beta = tf.randomNormal([6], 0, 0.3, 'float32', 3) as tf.Tensor1D;
    const probe = tf.randomNormal([3, 5, 4, 6], 0, 1, 'float32', 4);
    const stats: tf.Tensor1D[] = [];
    const f = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
      tf.sum(
        tf.mul(
          batchNormTraining(a as tf.Tensor4D, g as tf.Tensor1D, b as tf.Tensor1D, 1e-5, (m, v) =>
            stats.push(tf.keep(m.clone()), tf.keep(v.clone())),
          ),
          probe,
        ),
      );
    const grads = tf.grads(f)([x, gamma, beta]);
    const out = [f(x, gamma, beta), ...stats.slice(0, 2), ...grads].map((t) =>
      Array.from(t.dataSync()),
    );
    tf.dispose(stats);
    return out;
  });
}

const relativeError = (a: number[], b: number[]) => {
  const scale = Math.max(...b.map(Math.abs), 1e-30);
  return Math.max(...a.map((v, i) => Math.abs(v - (b[i] as number)))) / scale;
};

it('matches tfjs differentiating moments + batchNorm4d', () => {
  const closed = run(true);
  const ops = run(false);
  const names = ['Σ y·probe', 'mean', 'variance', 'dx', 'dγ', 'dβ'];
  names.forEach((name, i) => {
    expect(relativeError(closed[i] as number[], ops[i] as number[]), name).toBeLessThan(1e-5);
  });
});
