// The im2col convolution kernels (forward, input and filter gradients) against tfjs's stock CPU kernels (imported directly, so the two
// stay independent) over strides, paddings, odd sizes, channel counts off the 4×4 tile, images
// spanning several row bands, and the delegated cases (dilation, NCHW).
import * as tf from '@tensorflow/tfjs';
import { conv2D as stockConv } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Conv2D.js';
import { conv2DBackpropFilter as stockFilterGrad } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Conv2DBackpropFilter.js';
import { conv2DBackpropInput as stockInputGrad } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Conv2DBackpropInput.js';
import { beforeAll, expect, it } from 'vitest';
import { installFastCpuConv2D } from './cpu-conv2d';

type Shape4 = [number, number, number, number];
type Pad = 'valid' | 'same' | number;
const CASES: [string, Shape4, Shape4, number, Pad][] = [
  ['3×3 stride 1 same', [2, 9, 9, 5], [3, 3, 5, 4], 1, 'same'],
  ['3×3 stride 1 same, 16→16', [2, 8, 8, 16], [3, 3, 16, 16], 1, 'same'],
  ['4×4 stride 2 same', [2, 10, 10, 3], [4, 4, 3, 6], 2, 'same'],
  ['7×7 stride 2 valid', [1, 19, 17, 2], [7, 7, 2, 3], 2, 'valid'],
  ['3×3 stride 2 pad 1', [3, 11, 11, 4], [3, 3, 4, 2], 2, 1],
  ['1×1 stride 2 valid', [2, 8, 8, 6], [1, 1, 6, 5], 2, 'valid'],
  ['1×1 to 3 channels', [2, 7, 5, 16], [1, 1, 16, 3], 1, 'valid'],
  ['one input channel', [2, 9, 7, 1], [3, 3, 1, 8], 1, 'same'],
  ['several row bands', [1, 37, 45, 3], [3, 3, 3, 9], 1, 'same'],
  ['rows wider than a band', [1, 3, 300, 2], [3, 3, 2, 4], 1, 'same'],
];

beforeAll(() => installFastCpuConv2D());

const fromInfo = (info: tf.TensorInfo) => tf.engine().makeTensorFromTensorInfo(info);

/** max |ours − stock| / max |stock|. */
function relativeError(ours: tf.Tensor, stock: tf.Tensor): number {
  expect(ours.shape).toEqual(stock.shape);
  return tf.tidy(() => {
    const err = tf.max(tf.abs(tf.sub(ours, stock))).dataSync()[0] as number;
    return err / (tf.max(tf.abs(stock)).dataSync()[0] as number);
  });
}

it.each(CASES)('Conv2D and its gradients match the stock kernels: %s', (_, xS, fS, s, pad) => {
  const x = tf.randomNormal(xS, 0, 1, 'float32', 1) as tf.Tensor4D;
  const filter = tf.randomNormal(fS, 0, 1, 'float32', 2) as tf.Tensor4D;
  const y = tf.conv2d(x, filter, s, pad);
  const attrs = { strides: s, pad, dataFormat: 'NHWC', dilations: 1 } as never;
  const stockY = fromInfo(
    stockConv({ inputs: { x, filter }, backend: tf.backend() as never, attrs }),
  );
  expect(relativeError(y, stockY)).toBeLessThan(1e-6);
  const dy = tf.randomNormal(y.shape, 0, 1, 'float32', 3) as tf.Tensor4D;
  // d/dx Σ conv(x, W)·dy is the input gradient for upstream gradient dy.
  const dx = tf.grad((v: tf.Tensor) =>
    tf.sum(tf.mul(tf.conv2d(v as tf.Tensor4D, filter, s, pad), dy)),
  )(x);
  const gradAttrs = { inputShape: xS, strides: s, pad, dataFormat: 'NHWC' } as never;
  const inputs = { dy, filter };
  const stockDx = fromInfo(
    stockInputGrad({ inputs, backend: tf.backend() as never, attrs: gradAttrs }),
  );
  expect(relativeError(dx, stockDx)).toBeLessThan(1e-6);
  const dw = tf.grad((w: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(x, w as tf.Tensor4D, s, pad), dy)))(
    filter,
  );
  const filterAttrs = { filterShape: fS, strides: s, pad, dataFormat: 'NHWC' } as never;
  const stockDw = fromInfo(
    stockFilterGrad({ inputs: { x, dy }, backend: tf.backend() as never, attrs: filterAttrs }),
  );
  expect(relativeError(dw, stockDw)).toBeLessThan(1e-6);
  tf.dispose([x, filter, y, stockY, dy, dx, stockDx, dw, stockDw]);
});

it('runs transposed convolutions (the deconv colorizer) like the stock kernel', () => {
  const x = tf.randomNormal([2, 5, 6, 7], 0, 1, 'float32', 4) as tf.Tensor4D;
  const filter = tf.randomNormal([4, 4, 3, 7], 0, 1, 'float32', 5) as tf.Tensor4D; // [kh,kw,out,in]
  const y = tf.conv2dTranspose(x, filter, [2, 10, 12, 3], 2, 'same');
  const attrs = {
    inputShape: [2, 10, 12, 3],
    strides: 2,
    pad: 'same',
    dataFormat: 'NHWC',
  } as never;
  const stock = fromInfo(
    stockInputGrad({ inputs: { dy: x, filter }, backend: tf.backend() as never, attrs }),
  );
  expect(relativeError(y, stock)).toBeLessThan(1e-6);
  tf.dispose([x, filter, y, stock]);
});

it('delegates dilated convolutions to the stock kernel', () => {
  const x = tf.randomNormal([1, 9, 9, 2], 0, 1, 'float32', 6) as tf.Tensor4D;
  const filter = tf.randomNormal([3, 3, 2, 3], 0, 1, 'float32', 7) as tf.Tensor4D;
  const y = tf.conv2d(x, filter, 1, 'same', 'NHWC', 2);
  const attrs = { strides: 1, pad: 'same', dataFormat: 'NHWC', dilations: 2 } as never;
  const stock = fromInfo(
    stockConv({ inputs: { x, filter }, backend: tf.backend() as never, attrs }),
  );
  expect(Array.from(y.dataSync())).toEqual(Array.from(stock.dataSync()));
  tf.dispose([x, filter, y, stock]);
});
