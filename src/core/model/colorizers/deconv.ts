// DECONV colorizer (SPEC §1, 596,611 parameters): residual stem → 1×1 conv to 3 channels →
// grouped transposed conv 8×8/4 (one filter per colour). tfjs only.
import * as tf from '@tensorflow/tfjs';
import { fanIn, pytorchDefaultUniform } from '../init';
import type { ApplyWithMode, Builder } from '../layers';
import { conv2d } from '../layers';
import { convTranspose2dTorch } from '../padding';
import { residualStem, STEM_WIDTH } from './residual-stem';

/**
 * ConvTranspose2d(3, 3, 8, stride 4, pad 2, groups 3, no bias); PyTorch weight [3,1,8,8].
 * tfjs has no grouped transposed conv, so the 3 filters sit on the diagonal of a 3→3 kernel
 * and a constant mask keeps the off-diagonal taps at zero (and their gradients with them).
 */
function groupedUpsample(b: Builder): (x: tf.Tensor4D) => tf.Tensor4D {
  const shape = [3, 1, 8, 8];
  const init = pytorchDefaultUniform(shape, 1 / Math.sqrt(fanIn(shape)), b.random);
  // tfjs layout of [3,1,8,8] as a transposed-conv filter: [8,8,1,3] = [kh,kw,out/group,in].
  const weight = b.store.add('deconv.weight', shape, 'convTranspose', init);
  const diagonal = b.store.addConstant(tf.tidy(() => tf.eye(3).reshape([1, 1, 3, 3]))); // [1,1,out,in]
  return (x) =>
    tf.tidy(() => {
      const filter = tf.mul(weight, diagonal) as tf.Tensor4D; // [8,8,3,3], block-diagonal
      return convTranspose2dTorch(x, filter, 4, 2); // [N,H/4,W/4,3] → [N,H,W,3]
    });
}

export function buildDeconv(b: Builder): ApplyWithMode {
  const stem = residualStem(b);
  const convLast = conv2d(b, 'conv_last', { inChannels: STEM_WIDTH, outChannels: 3, kernel: 1 });
  const upsample = groupedUpsample(b);
  return (x, training) => upsample(convLast(stem(x, training))); // [N,H,W,1] → [N,H,W,3]
}
