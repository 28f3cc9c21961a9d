// The convolution kernels' test table and the check against tfjs's stock CPU kernels (imported
// directly, so the two stay independent), shared by the JavaScript and WebAssembly kernel tests.
import * as tf from '@tensorflow/tfjs';
import { conv2D as stockConv } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Conv2D.js';
import { conv2DBackpropFilter as stockFilterGrad } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Conv2DBackpropFilter.js';
import { conv2DBackpropInput as stockInputGrad } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Conv2DBackpropInput.js';
import { expect } from 'vitest';

type Shape4 = [number, number, number, number];
type Pad = 'valid' | 'same' | number;

/** Strides, paddings, odd sizes, channel counts off the 4×8 tile, images spanning several row
 *  bands, and one shape deep enough (K = 576, 64 channels) to take the kernels' full-tile path. */
export const CONV_CASES: [string, Shape4, Shape4, number, Pad][] = [
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
  ['64→64, tiny images, deep patches', [5, 3, 3, 64], [3, 3, 64, 64], 1, 'same'],
];

const fromInfo = (info: tf.TensorInfo) => tf.engine().makeTensorFromTensorInfo(info);

/** max |ours − stock| / max |stock|. */
function relativeError(ours: tf.Tensor, stock: tf.Tensor): number {
  expect(ours.shape).toEqual(stock.shape);
  return tf.tidy(() => {
    const err = tf.max(tf.abs(tf.sub(ours, stock))).dataSync()[0] as number;
    return err / (tf.max(tf.abs(stock)).dataSync()[0] as number);
  });
}

/**
 * Runs tf.conv2d and its two gradients through whatever CPU kernels are installed and checks
 * each against the stock kernel to `tolerance` (relative to the stock output's largest value).
 */
export function expectConvMatchesStock(
  [xS, fS, s, pad]: [Shape4, Shape4, number, Pad],
  tolerance: number,
): void {
  const x = tf.randomNormal(xS, 0, 1, 'float32', 1) as tf.Tensor4D;
  const filter = tf.randomNormal(fS, 0, 1, 'float32', 2) as tf.Tensor4D;
  const y = tf.conv2d(x, filter, s, pad);
  const backend = tf.backend() as never;
  const attrs = { strides: s, pad, dataFormat: 'NHWC', dilations: 1 } as never;
  const stockY = fromInfo(stockConv({ inputs: { x, filter }, backend, attrs }));
  expect(relativeError(y, stockY)).toBeLessThan(tolerance);
  const dy = tf.randomNormal(y.shape, 0, 1, 'float32', 3) as tf.Tensor4D;
  // d/dx Σ conv(x, W)·dy is the input gradient for upstream gradient dy.
  const dx = tf.grad((v: tf.Tensor) =>
    tf.sum(tf.mul(tf.conv2d(v as tf.Tensor4D, filter, s, pad), dy)),
  )(x);
  const gradAttrs = { inputShape: xS, strides: s, pad, dataFormat: 'NHWC' } as never;
  const stockDx = fromInfo(stockInputGrad({ inputs: { dy, filter }, backend, attrs: gradAttrs }));
  expect(relativeError(dx, stockDx)).toBeLessThan(tolerance);
  const dw = tf.grad((w: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(x, w as tf.Tensor4D, s, pad), dy)))(
    filter,
  );
  const filterAttrs = { filterShape: fS, strides: s, pad, dataFormat: 'NHWC' } as never;
  const stockDw = fromInfo(stockFilterGrad({ inputs: { x, dy }, backend, attrs: filterAttrs }));
  expect(relativeError(dw, stockDw)).toBeLessThan(tolerance);
  tf.dispose([x, filter, y, stockY, dy, dx, stockDx, dw, stockDw]);
}

/** A transposed convolution (the DECONV colorizer's) against the stock input-gradient kernel. */
export function expectTransposedConvMatchesStock(tolerance: number): void {
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
  expect(relativeError(y, stock)).toBeLessThan(tolerance);
  tf.dispose([x, filter, y, stock]);
}

/** Dilated convolutions are delegated: the result is the stock kernel's, bit for bit. */
export function expectDilatedIsStock(): void {
  const x = tf.randomNormal([1, 9, 9, 2], 0, 1, 'float32', 6) as tf.Tensor4D;
  const filter = tf.randomNormal([3, 3, 2, 3], 0, 1, 'float32', 7) as tf.Tensor4D;
  const y = tf.conv2d(x, filter, 1, 'same', 'NHWC', 2);
  const attrs = { strides: 1, pad: 'same', dataFormat: 'NHWC', dilations: 2 } as never;
  const stock = fromInfo(
    stockConv({ inputs: { x, filter }, backend: tf.backend() as never, attrs }),
  );
  expect(Array.from(y.dataSync())).toEqual(Array.from(stock.dataSync()));
  tf.dispose([x, filter, y, stock]);
}
