// SqueezeNet 1.1 features exactly as torchvision (722,496 parameters without its conv head);
// no batch norm, ceil-mode max-pools. tfjs only.
import * as tf from '@tensorflow/tfjs';
import { type ApplyWithMode, type Builder, conv2d, relu } from '../layers';
import { maxPoolTorch } from '../padding';
import { scaleWidth } from './width';

/** Fire(in,s,e1,e3): squeeze 1×1 + ReLU, then concat[ReLU(expand 1×1), ReLU(expand 3×3)]. */
function fire(b: Builder, name: string, cin: number, squeeze: number, expand: number) {
  const sq = conv2d(b, `${name}.squeeze`, { inChannels: cin, outChannels: squeeze, kernel: 1 });
  const e1 = conv2d(b, `${name}.expand1x1`, {
    inChannels: squeeze,
    outChannels: expand,
    kernel: 1,
  });
  const e3 = conv2d(b, `${name}.expand3x3`, {
    inChannels: squeeze,
    outChannels: expand,
    kernel: 3,
    pad: 1,
  });
  return (x: tf.Tensor4D) => {
    const s = relu(sq(x));
    return tf.concat([relu(e1(s)), relu(e3(s))], 3); // [N,H,W,2·expand]
  };
}

/** torchvision indices of the Fire modules, their squeeze and expand widths; pools follow 4 and 7. */
const FIRES: readonly [index: number, squeeze: number, expand: number][] = [
  [3, 16, 64],
  [4, 16, 64],
  [6, 32, 128],
  [7, 32, 128],
  [9, 48, 192],
  [10, 48, 192],
  [11, 64, 256],
  [12, 64, 256],
];
const POOL_AFTER = new Set([4, 7]);

/** [N,H,W,3] → [N,h,w,512·w] ReLU'd feature map. */
export function buildSqueezeNet(
  b: Builder,
  widthMultiplier: number,
): { forward: ApplyWithMode; featureSize: number } {
  const stem = scaleWidth(64, widthMultiplier);
  const conv0 = conv2d(b, 'features.0', { inChannels: 3, outChannels: stem, kernel: 3, stride: 2 });
  let channels = stem;
  const layers: { apply: (x: tf.Tensor4D) => tf.Tensor4D; poolAfter: boolean }[] = [];
  for (const [index, squeeze, expand] of FIRES) {
    const e = scaleWidth(expand, widthMultiplier);
    layers.push({
      apply: fire(b, `features.${index}`, channels, scaleWidth(squeeze, widthMultiplier), e),
      poolAfter: POOL_AFTER.has(index),
    });
    channels = 2 * e;
  }
  const forward: ApplyWithMode = (x) => {
    let h = maxPoolTorch(relu(conv0(x)), 3, 2, 0, true);
    for (const layer of layers) {
      h = layer.apply(h);
      if (layer.poolAfter) h = maxPoolTorch(h, 3, 2, 0, true);
    }
    return h;
  };
  return { forward, featureSize: channels };
}
