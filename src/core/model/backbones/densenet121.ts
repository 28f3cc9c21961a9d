// DenseNet121 exactly as torchvision (6,953,856 parameters without the head), in its names.
// tfjs only.
import * as tf from '@tensorflow/tfjs';
import { type ApplyWithMode, type Builder, batchNorm, conv2d, relu } from '../layers';
import { maxPoolTorch } from '../padding';
import { scaleWidth } from './width';

const BLOCK_LAYERS = [6, 12, 24, 16];
const BOTTLENECK = 4;

/** BN → ReLU → conv1×1 (→ 4·growth) → BN → ReLU → conv3×3 (→ growth); output concatenated. */
function denseLayer(b: Builder, name: string, cin: number, growth: number): ApplyWithMode {
  const mid = BOTTLENECK * growth;
  const norm1 = batchNorm(b, `${name}.norm1`, cin);
  const conv1 = conv2d(b, `${name}.conv1`, {
    inChannels: cin,
    outChannels: mid,
    kernel: 1,
    bias: false,
  });
  const norm2 = batchNorm(b, `${name}.norm2`, mid);
  const conv2 = conv2d(b, `${name}.conv2`, {
    inChannels: mid,
    outChannels: growth,
    kernel: 3,
    pad: 1,
    bias: false,
  });
  return (x, training) => {
    const bottleneck = conv1(relu(norm1(x, training)));
    const fresh = conv2(relu(norm2(bottleneck, training)));
    return tf.concat([x, fresh], 3);
  };
}

/** BN → ReLU → conv1×1 halving channels → avg-pool 2/2. */
function transition(b: Builder, name: string, cin: number, cout: number): ApplyWithMode {
  const norm = batchNorm(b, `${name}.norm`, cin);
  const conv = conv2d(b, `${name}.conv`, {
    inChannels: cin,
    outChannels: cout,
    kernel: 1,
    bias: false,
  });
  return (x, training) => tf.avgPool(conv(relu(norm(x, training))), 2, 2, 'valid');
}

/** [N,H,W,3] → [N,H/32,W/32,1024·w] after the final BN and ReLU. */
export function buildDenseNet121(
  b: Builder,
  widthMultiplier: number,
): { forward: ApplyWithMode; featureSize: number } {
  const growth = scaleWidth(32, widthMultiplier);
  let channels = scaleWidth(64, widthMultiplier);
  const conv0 = conv2d(b, 'features.conv0', {
    inChannels: 3,
    outChannels: channels,
    kernel: 7,
    stride: 2,
    pad: 3,
    bias: false,
  });
  const norm0 = batchNorm(b, 'features.norm0', channels);
  const stages: ApplyWithMode[] = [];
  BLOCK_LAYERS.forEach((layers, i) => {
    for (let l = 0; l < layers; l++) {
      stages.push(
        denseLayer(b, `features.denseblock${i + 1}.denselayer${l + 1}`, channels, growth),
      );
      channels += growth;
    }
    if (i < BLOCK_LAYERS.length - 1) {
      const half = Math.floor(channels / 2);
      stages.push(transition(b, `features.transition${i + 1}`, channels, half));
      channels = half;
    }
  });
  const norm5 = batchNorm(b, 'features.norm5', channels);
  const forward: ApplyWithMode = (x, training) => {
    let h = relu(norm0(conv0(x), training)); // [N,H/2,W/2,64]
    h = maxPoolTorch(h, 3, 2, 1); // [N,H/4,W/4,64]
    for (const stage of stages) h = stage(h, training);
    return relu(norm5(h, training)); // [N,H/32,W/32,1024]
  };
  return { forward, featureSize: channels };
}
