// The batched tf.image.transform against the stock kernel run on one image at a time (which tfjs
// gets right), and against the plain fact that a rotation of a constant image stays constant
// inside: tfjs's own kernel zeroes every image after the first of a batch.
import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import { transformCoefficients } from '../data/memory-feed';
import { installCpuTransform } from './cpu-transform';
import { restoreStockKernel } from './kernel-registry';

const SIZE = 12;
const TRANSFORMS = [
  transformCoefficients(SIZE, 0.12, 1.05, 3, 7),
  transformCoefficients(SIZE, -0.17, 1, 0, 0),
  transformCoefficients(SIZE, 0, 1.1, 9, 2),
];

function perImage(images: tf.Tensor4D, fill: 'reflect' | 'constant'): Float32Array {
  return tf.tidy(() => {
    const outs = TRANSFORMS.map((t, b) => {
      const one = images.slice([b, 0, 0, 0], [1, SIZE, SIZE, 2]);
      return tf.image.transform(one, tf.tensor2d([t]), 'bilinear', fill);
    });
    return tf.concat(outs).dataSync() as Float32Array;
  });
}

it('transforms every image of a batch with its own coefficients, as one image at a time', () => {
  installCpuTransform();
  const images = tf.randomUniform([3, SIZE, SIZE, 2], 0, 255, 'float32', 4) as tf.Tensor4D;
  const matrices = tf.tensor2d(TRANSFORMS);
  for (const fill of ['reflect', 'constant'] as const) {
    const batched = tf.image.transform(images, matrices, 'bilinear', fill);
    expect(Array.from(batched.dataSync())).toEqual(Array.from(perImage(images, fill)));
    batched.dispose();
  }
  const ones = tf.ones([3, SIZE, SIZE, 1]) as tf.Tensor4D;
  const kept = tf.image.transform(ones, matrices, 'bilinear', 'reflect');
  expect(Array.from(kept.mean([1, 2, 3]).dataSync())).toEqual([1, 1, 1]);
  tf.dispose([images, matrices, ones, kept]);
});

it('is needed: the stock kernel loses every image after the first', () => {
  const ones = tf.ones([2, SIZE, SIZE, 1]) as tf.Tensor4D;
  const matrices = tf.tensor2d(TRANSFORMS.slice(0, 2));
  installCpuTransform();
  const stock = tf.getKernel('Transform', 'cpu')?.kernelFunc as tf.KernelFunc;
  restoreStockKernel('Transform', 'cpu', stock);
  const lost = tf.image.transform(ones, matrices, 'bilinear', 'reflect');
  const means = Array.from(lost.mean([1, 2, 3]).dataSync());
  installCpuTransform();
  // If tfjs fixes its kernel, this fails: then the replacement can go.
  expect(means).toEqual([1, 0]);
  tf.dispose([ones, matrices, lost]);
});
