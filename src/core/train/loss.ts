// Masked binary cross-entropy on logits (SPEC: averaged over the labels that are not masked).
// tfjs only.
import * as tf from '@tensorflow/tfjs';

/**
 * logits, targets, mask: [N,L]; mask 1 = use, 0 = ignored (U-Ignore). Returns a scalar: the
 * mean BCE over used entries (0 when a batch has none, so a step never divides by zero).
 * Uses the stable form max(z,0) − z·y + log(1 + e^−|z|).
 */
export function maskedBceWithLogits(
  logits: tf.Tensor2D,
  targets: tf.Tensor2D,
  mask: tf.Tensor2D,
): tf.Scalar {
  return tf.tidy(() => {
    const perEntry = tf
      .relu(logits)
      .sub(logits.mul(targets))
      .add(tf.log1p(tf.exp(tf.neg(tf.abs(logits))))); // [N,L]
    const used = tf.sum(mask);
    return tf.div(tf.sum(perEntry.mul(mask)), tf.maximum(used, 1)) as tf.Scalar;
  });
}
