// ResNet18 exactly as torchvision (11,176,512 parameters without the head), in its names.
// tfjs only.
import * as tf from '@tensorflow/tfjs';
import { type ApplyWithMode, type Builder, batchNorm, conv2d, relu } from '../layers';
import { maxPoolTorch } from '../padding';
import { scaleWidth } from './width';

/** torchvision BasicBlock: conv3×3(s) → BN → ReLU → conv3×3 → BN, + identity or 1×1(s) → BN. */
function basicBlock(
  b: Builder,
  name: string,
  cin: number,
  cout: number,
  stride: number,
): ApplyWithMode {
  const bias = false;
  const conv1 = conv2d(b, `${name}.conv1`, {
    inChannels: cin,
    outChannels: cout,
    kernel: 3,
    stride,
    pad: 1,
    bias,
  });
  const bn1 = batchNorm(b, `${name}.bn1`, cout);
  const conv2 = conv2d(b, `${name}.conv2`, {
    inChannels: cout,
    outChannels: cout,
    kernel: 3,
    pad: 1,
    bias,
  });
  const bn2 = batchNorm(b, `${name}.bn2`, cout);
  const needsProjection = stride !== 1 || cin !== cout;
  const project = needsProjection
    ? conv2d(b, `${name}.downsample.0`, {
        inChannels: cin,
        outChannels: cout,
        kernel: 1,
        stride,
        bias,
      })
    : null;
  const projectBn = needsProjection ? batchNorm(b, `${name}.downsample.1`, cout) : null;
  return (x, training) => {
    const residual = bn2(conv2(relu(bn1(conv1(x), training))), training);
    const shortcut = project && projectBn ? projectBn(project(x), training) : x;
    return relu(tf.add(residual, shortcut)) as tf.Tensor4D;
  };
}

/** [N,H,W,3] → [N,H/32,W/32,512·w]. */
export function buildResNet18(
  b: Builder,
  widthMultiplier: number,
): { forward: ApplyWithMode; featureSize: number } {
  const widths = [64, 128, 256, 512].map((c) => scaleWidth(c, widthMultiplier));
  const stemWidth = widths[0] ?? 64;
  const conv1 = conv2d(b, 'conv1', {
    inChannels: 3,
    outChannels: stemWidth,
    kernel: 7,
    stride: 2,
    pad: 3,
    bias: false,
  });
  const bn1 = batchNorm(b, 'bn1', stemWidth);
  const blocks: ApplyWithMode[] = [];
  let cin = stemWidth;
  widths.forEach((cout, stage) => {
    const stride = stage === 0 ? 1 : 2;
    blocks.push(basicBlock(b, `layer${stage + 1}.0`, cin, cout, stride));
    blocks.push(basicBlock(b, `layer${stage + 1}.1`, cout, cout, 1));
    cin = cout;
  });
  const forward: ApplyWithMode = (x, training) => {
    let h = relu(bn1(conv1(x), training)); // [N,H/2,W/2,64]
    h = maxPoolTorch(h, 3, 2, 1); // [N,H/4,W/4,64]
    for (const block of blocks) h = block(h, training);
    return h;
  };
  return { forward, featureSize: cin };
}
