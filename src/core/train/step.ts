// One optimisation step of a network on a batch: forward in training mode (frozen parts stay in
// inference mode), masked BCE, gradients for the unfrozen parts only, SGD update. tfjs only.
import * as tf from '@tensorflow/tfjs';
import type { Network } from '../model';
import { maskedBceWithLogits } from './loss';
import type { Sgd, SgdHyper } from './sgd';

export interface Batch {
  x: tf.Tensor4D; // [N,H,W,1] normalized gray
  targets: tf.Tensor2D; // [N,L] 0/1
  mask: tf.Tensor2D; // [N,L] 1 = use
}

/** Returns the loss as a scalar tensor the caller disposes (read it only when needed). */
export function trainStep(
  network: Network,
  optimizer: Sgd,
  batch: Batch,
  hyper: SgdHyper,
): tf.Scalar {
  const variables = network.trainableVariables();
  const { value, grads } = tf.variableGrads(
    () => maskedBceWithLogits(network.logits(batch.x, true), batch.targets, batch.mask),
    variables,
  );
  optimizer.step(grads, hyper);
  tf.dispose(grads);
  return value;
}
