// The fast kernel against tfjs's stock CPU implementation (imported directly, so the two stay
// independent) over strides, paddings and odd shapes.
import * as tf from '@tensorflow/tfjs';
import { conv2DBackpropFilter as stockKernel } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Conv2DBackpropFilter.js';
import { expect, it } from 'vitest';
import { installFastCpuConvFilterGradient } from './cpu-conv-filter-grad';

type Shape4 = [number, number, number, number];
const CASES: [string, Shape4, Shape4, number, 'valid' | 'same' | number][] = [
  ['3×3 stride 1 same', [2, 9, 9, 5], [3, 3, 5, 4], 1, 'same'],
  ['4×4 stride 2 same', [2, 10, 10, 3], [4, 4, 3, 6], 2, 'same'],
  ['7×7 stride 2 valid', [1, 19, 17, 2], [7, 7, 2, 3], 2, 'valid'],
  ['3×3 stride 2 pad 1', [3, 11, 11, 4], [3, 3, 4, 2], 2, 1],
  ['1×1 stride 2 valid', [2, 8, 8, 6], [1, 1, 6, 5], 2, 'valid'],
];

it.each(CASES)('matches the stock kernel: %s', (_, xShape, filterShape, stride, pad) => {
  installFastCpuConvFilterGradient();
  const x = tf.randomNormal(xShape, 0, 1, 'float32', 1) as tf.Tensor4D;
  const filter = tf.randomNormal(filterShape, 0, 1, 'float32', 2) as tf.Tensor4D;
  const y = tf.conv2d(x, filter, stride, pad);
  const dy = tf.randomNormal(y.shape, 0, 1, 'float32', 3) as tf.Tensor4D;
  // d/dW Σ(conv(x, W)·dy) is exactly the filter gradient for upstream gradient dy.
  const convDotDy = (w: tf.Tensor) =>
    tf.sum(tf.mul(tf.conv2d(x, w as tf.Tensor4D, stride, pad), dy));
  const ours = tf.grad(convDotDy)(filter);
  const attrs = { strides: stride, pad, dataFormat: 'NHWC', filterShape };
  const info = stockKernel({
    inputs: { x, dy },
    backend: tf.backend() as never,
    attrs: attrs as never,
  });
  const stock = tf.engine().makeTensorFromTensorInfo(info);
  const err = tf.max(tf.abs(tf.sub(ours, stock))).dataSync()[0] as number;
  const scale = tf.max(tf.abs(stock)).dataSync()[0] as number;
  expect(err / scale).toBeLessThan(1e-6);
  tf.dispose([x, filter, y, dy, ours, stock]);
});
