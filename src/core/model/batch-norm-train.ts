// Training-mode BatchNorm as one differentiable op whose gradient is written out in closed form.
// tfjs differentiates tf.moments + tf.batchNorm4d op by op: about 20 passes over the activation per
// layer on the way back (batchNorm4d's gradient treats mean and variance as inputs and sends
// gradients back through moments). The closed form takes 7 passes and 2 channel sums:
//   x̂ = (x − μ)·σ⁻¹,  y = γ·x̂ + β,  sums over N, H, W of m = N·H·W values:
//   dβ = Σ dy,  dγ = Σ dy·x̂,  dx = γ·σ⁻¹·(dy − dβ/m − x̂·dγ/m).
// tfjs only.
import * as tf from '@tensorflow/tfjs';

const AXES = [0, 1, 2];

let closedForm = true;

/** Chooses the closed-form gradient (the default) or tfjs's own differentiation of moments +
 *  batchNorm4d: the benches measure the step both ways. */
export function setClosedFormBatchNorm(enabled: boolean): void {
  closedForm = enabled;
}

/** tfjs's own: batch statistics by tf.moments, differentiated op by op. */
function batchNormByOps(
  x: tf.Tensor4D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  eps: number,
  onStatistics: (mean: tf.Tensor1D, variance: tf.Tensor1D) => void,
): tf.Tensor4D {
  const { mean, variance } = tf.moments(x, AXES) as { mean: tf.Tensor1D; variance: tf.Tensor1D };
  onStatistics(mean, variance);
  return tf.batchNorm4d(x, mean, variance, beta, gamma, eps);
}

/**
 * y = γ·(x − μ)/√(σ² + eps) + β with μ, σ² the batch statistics of x [N,H,W,C] (biased variance,
 * as PyTorch normalizes in training). `onStatistics` gets μ and σ² ([C], owned by the op's scope:
 * read or copy them there) so the caller can move its running statistics without a second pass.
 */
export function batchNormTraining(
  x: tf.Tensor4D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  eps: number,
  onStatistics: (mean: tf.Tensor1D, variance: tf.Tensor1D) => void,
): tf.Tensor4D {
  if (!closedForm) return batchNormByOps(x, gamma, beta, eps, onStatistics);
  const op = tf.customGrad((input, scale, offset, saveArg) => {
    const xs = input as tf.Tensor4D;
    const save = saveArg as tf.GradSaveFunc;
    const mean = tf.mean(xs, AXES) as tf.Tensor1D; // [C]
    const variance = tf.mean(tf.square(tf.sub(xs, mean)), AXES) as tf.Tensor1D; // [C], biased
    onStatistics(mean, variance);
    const invStd = tf.rsqrt(tf.add(variance, eps)) as tf.Tensor1D; // [C]
    save([xs, mean, invStd, scale as tf.Tensor1D]);
    const value = tf.batchNorm4d(
      xs,
      mean,
      variance,
      offset as tf.Tensor1D,
      scale as tf.Tensor1D,
      eps,
    );
    return { value, gradFunc: backward };
  });
  return op(x, gamma, beta) as tf.Tensor4D;
}

/** [dx, dγ, dβ] from dy [N,H,W,C] and the saved x, μ, σ⁻¹, γ. */
function backward(dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]): tf.Tensor[] {
  const g = dy as tf.Tensor4D;
  const [x, mean, invStd, gamma] = saved as [tf.Tensor4D, tf.Tensor1D, tf.Tensor1D, tf.Tensor1D];
  const m = x.shape[0] * x.shape[1] * x.shape[2];
  const dBeta = tf.sum(g, AXES); // [C]
  const xHat = tf.mul(tf.sub(x, mean), invStd); // [N,H,W,C]
  const dGamma = tf.sum(tf.mul(g, xHat), AXES); // [C]
  const centeredGrad = tf.sub(tf.sub(g, tf.div(dBeta, m)), tf.mul(xHat, tf.div(dGamma, m)));
  const dx = tf.mul(centeredGrad, tf.mul(gamma, invStd));
  return [dx, dGamma, dBeta];
}
