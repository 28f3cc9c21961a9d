// Validation scores logits, not sigmoids: a confident network's large logits would saturate to
// float32 1.0 as probabilities and tie, and a perfect ranking would read as AUC 0.5. A stop acts
// between batches, and progress counts images.
import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import type { Batch } from '../data/feed';
import type { Network } from '../model';
import { validate } from './validate';

/** A stand-in network whose logits are the batch's x values themselves ([N,1,1,1] → [N,1]). */
const echo = { logits: (x: tf.Tensor4D) => x.reshape([x.shape[0], 1]) } as unknown as Network;

const batch = (logits: number[], targets: number[]): Batch => ({
  x: tf.tensor4d(logits, [logits.length, 1, 1, 1]),
  targets: tf.tensor2d(targets, [targets.length, 1]),
  mask: tf.ones([targets.length, 1]) as tf.Tensor2D,
});

it('ranks large logits that float32 sigmoids would tie', async () => {
  expect(tf.sigmoid(tf.tensor1d([20, 35])).dataSync()).toEqual(new Float32Array([1, 1]));
  const batches = [batch([20, 25, 30, 35], [0, 0, 1, 1])];
  const auc = await validate(echo, batches);
  expect(auc?.perLabel).toEqual([1]);
  tf.dispose(batches.flatMap((b) => [b.x, b.targets, b.mask]));
});

it('stops between batches when asked, and counts the images scored', async () => {
  const batches = [batch([1, 2], [0, 1]), batch([3, 4], [0, 1]), batch([5], [1])];
  const seen: [number, number][] = [];
  let calls = 0;
  const stopped = await validate(echo, batches, {
    shouldStop: () => calls++ === 2,
    onProgress: (done, total) => seen.push([done, total]),
  });
  expect(stopped).toBeNull();
  expect(seen).toEqual([
    [2, 5],
    [4, 5],
  ]);
  tf.dispose(batches.flatMap((b) => [b.x, b.targets, b.mask]));
});
