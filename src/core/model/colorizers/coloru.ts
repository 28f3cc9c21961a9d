// ColorU colorizer (SPEC §1, 192,659 parameters): a small U-Net, three strided-conv downs, two
// transposed-conv ups with skip concatenations (skip first), and an output head. tfjs only.
import * as tf from '@tensorflow/tfjs';
import {
  type ApplyWithMode,
  type Builder,
  batchNorm,
  conv2d,
  convTranspose2d,
  leakyRelu,
} from '../layers';

/** ColorDown(in,out): conv3×3 → LReLU → conv4×4/2 → LReLU → BN. Halves H and W. */
function colorDown(b: Builder, name: string, cin: number, cout: number): ApplyWithMode {
  const conv = conv2d(b, `${name}.d.0`, { inChannels: cin, outChannels: cout, kernel: 3, pad: 1 });
  const down = conv2d(b, `${name}.d.2`, {
    inChannels: cout,
    outChannels: cout,
    kernel: 4,
    stride: 2,
    pad: 1,
  });
  const bn = batchNorm(b, `${name}.d.4`, cout);
  return (x, training) => bn(leakyRelu(down(leakyRelu(conv(x)))), training);
}

/** ColorUp(in,out): convT4×4/2 → LReLU → conv3×3 → LReLU → conv3×3 → LReLU → BN. Doubles H, W. */
function colorUp(b: Builder, name: string, cin: number, cout: number): ApplyWithMode {
  const up = convTranspose2d(b, `${name}.u.0`, {
    inChannels: cin,
    outChannels: cout,
    kernel: 4,
    stride: 2,
    pad: 1,
  });
  const conv1 = conv2d(b, `${name}.u.2`, {
    inChannels: cout,
    outChannels: cout,
    kernel: 3,
    pad: 1,
  });
  const conv2 = conv2d(b, `${name}.u.4`, {
    inChannels: cout,
    outChannels: cout,
    kernel: 3,
    pad: 1,
  });
  const bn = batchNorm(b, `${name}.u.6`, cout);
  return (x, training) => bn(leakyRelu(conv2(leakyRelu(conv1(leakyRelu(up(x)))))), training);
}

/** ColorOut(in,mid,3): convT4×4/2 → LReLU → conv3×3 → LReLU → conv1×1 to RGB. */
function colorOut(b: Builder, cin: number, mid: number): (x: tf.Tensor4D) => tf.Tensor4D {
  const up = convTranspose2d(b, 'out.u.0', {
    inChannels: cin,
    outChannels: mid,
    kernel: 4,
    stride: 2,
    pad: 1,
  });
  const conv = conv2d(b, 'out.u.2', { inChannels: mid, outChannels: mid, kernel: 3, pad: 1 });
  const toRgb = conv2d(b, 'out.u.4', { inChannels: mid, outChannels: 3, kernel: 1 });
  return (x) => toRgb(leakyRelu(conv(leakyRelu(up(x)))));
}

export function buildColorU(b: Builder): ApplyWithMode {
  const dw1 = colorDown(b, 'dw1', 1, 16);
  const dw2 = colorDown(b, 'dw2', 16, 32);
  const dw3 = colorDown(b, 'dw3', 32, 64);
  const up1 = colorUp(b, 'up1', 64, 32);
  const up2 = colorUp(b, 'up2', 64, 16);
  const out = colorOut(b, 32, 16);
  return (x, training) => {
    const x1 = dw1(x, training); // [N,H/2,W/2,16]
    const x2 = dw2(x1, training); // [N,H/4,W/4,32]
    const x3 = dw3(x2, training); // [N,H/8,W/8,64]
    const u1 = up1(x3, training); // [N,H/4,W/4,32]
    const u2 = up2(tf.concat([x2, u1], 3), training); // [N,H/2,W/2,16]
    return out(tf.concat([x1, u2], 3)); // [N,H,W,3]
  };
}
