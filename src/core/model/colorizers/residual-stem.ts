// The stem shared by DECONV and PixelShuffle (SPEC §1): conv 7×7/2 pad 2 → BN → LeakyReLU →
// max-pool 3/2/1 → 8 residual blocks of 64 channels. tfjs only.
import * as tf from '@tensorflow/tfjs';
import { type ApplyWithMode, type Builder, batchNorm, conv2d, leakyRelu } from '../layers';
import { maxPoolTorch } from '../padding';

const WIDTH = 64;
const RESIDUAL_BLOCKS = 8;

/** conv3×3 → BN → LeakyReLU, named `prefix.0` (conv) and `prefix.1` (BN). */
function convBnAct(b: Builder, prefix: string): ApplyWithMode {
  const conv = conv2d(b, `${prefix}.0`, {
    inChannels: WIDTH,
    outChannels: WIDTH,
    kernel: 3,
    pad: 1,
  });
  const bn = batchNorm(b, `${prefix}.1`, WIDTH);
  return (x, training) => leakyRelu(bn(conv(x), training));
}

/** x + f(x), no activation after the addition. */
function residualBlock(b: Builder, prefix: string): ApplyWithMode {
  const first = convBnAct(b, `${prefix}.conv1`);
  const second = convBnAct(b, `${prefix}.conv2`);
  return (x, training) => tf.add(x, second(first(x, training), training));
}

/** [N,H,W,1] → [N,H/4,W/4,64] (H=320: 320 → 159 → 80). */
export function residualStem(b: Builder): ApplyWithMode {
  const conv1 = conv2d(b, 'conv1', {
    inChannels: 1,
    outChannels: WIDTH,
    kernel: 7,
    stride: 2,
    pad: 2,
  });
  const bn1 = batchNorm(b, 'bn1', WIDTH);
  const blocks = Array.from({ length: RESIDUAL_BLOCKS }, (_, i) =>
    residualBlock(b, `resblocks.${i}`),
  );
  return (x, training) => {
    let h = leakyRelu(bn1(conv1(x), training)); // [N,⌊(H−1)/2⌋,⌊(W−1)/2⌋,64] (320 → 159)
    h = maxPoolTorch(h, 3, 2, 1); // [N,H/4,W/4,64]
    for (const block of blocks) h = block(h, training);
    return h;
  };
}

export const STEM_WIDTH = WIDTH;
