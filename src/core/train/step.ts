// One optimisation step of a network: forward in training mode (frozen parts stay in inference
// mode), masked BCE, gradients for the unfrozen parts only (summed over micro-batches when the
// effective batch does not fit in memory at once), SGD update. tfjs only.
import * as tf from '@tensorflow/tfjs';
import type { Batch } from '../data/feed';
import type { Network } from '../model';
import { maskedBceWithLogits } from './loss';
import type { Sgd, SgdHyper } from './sgd';

/**
 * One SGD update from one batch or from k micro-batches (gradient accumulation). With k
 * micro-batches the loss is the mean of their losses, so the gradient equals that of one batch of
 * k·N when the masks count alike and BatchNorm is not in training mode; in training mode each
 * micro-batch normalizes with its own statistics and updates the running ones, as PyTorch does when
 * accumulating. Returns the (mean) loss as a scalar the caller disposes. Batches stay the caller's.
 */
export function trainStep(
  network: Network,
  optimizer: Sgd,
  batches: Batch | readonly Batch[],
  hyper: SgdHyper,
): tf.Scalar {
  const micro = Array.isArray(batches) ? batches : [batches as Batch];
  if (micro.length === 0) throw new RangeError('trainStep needs at least one batch');
  const variables = network.trainableVariables();
  const lossOf = (batch: Batch) => () =>
    maskedBceWithLogits(network.logits(batch.x, true), batch.targets, batch.mask).div(
      micro.length,
    ) as tf.Scalar;
  const first = tf.variableGrads(lossOf(micro[0] as Batch), variables);
  let loss = first.value;
  const sums = first.grads; // owned here: name → running sum of gradients
  for (const batch of micro.slice(1)) {
    const { value, grads } = tf.variableGrads(lossOf(batch), variables);
    for (const [name, grad] of Object.entries(grads)) {
      const previous = sums[name];
      sums[name] = previous ? tf.add(previous, grad) : grad.clone();
      tf.dispose([previous, grad]);
    }
    const total = tf.add(loss, value) as tf.Scalar;
    tf.dispose([loss, value]);
    loss = total;
  }
  optimizer.step(sums, hyper);
  tf.dispose(sums);
  return loss;
}
