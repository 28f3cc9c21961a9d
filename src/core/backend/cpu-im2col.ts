// Patch matrices for the CPU convolution kernels (NHWC, dilation 1): im2col lays a band of output
// rows' receptive fields out as rows of a matrix so a convolution becomes one matrix product, and
// col2im is its adjoint (the input gradient). tfjs types only.
import type * as tf from '@tensorflow/tfjs';

/** Column index of a patch element: (wR·filterWidth + wC)·inChannels + d, tfjs's filter order. */
export const patchSize = (info: tf.backend_util.Conv2DInfo) =>
  info.filterHeight * info.filterWidth * info.inChannels;

/**
 * col[p, tap·Cin + d] = x[b, yR·sH − top + wR, yC·sW − left + wC, d], zero outside the image, for
 * the output pixels p = (yR, yC) of rows [rowFrom, rowTo) of image b: col is [rows·outW, K].
 */
export function im2col(
  x: Float32Array,
  info: tf.backend_util.Conv2DInfo,
  b: number,
  rows: [number, number],
  col: Float64Array,
) {
  const { inHeight, inWidth, inChannels: cin, outWidth, filterHeight, filterWidth } = info;
  let dst = 0;
  for (let yR = rows[0]; yR < rows[1]; yR++) {
    for (let yC = 0; yC < outWidth; yC++) {
      for (let wR = 0; wR < filterHeight; wR++) {
        const xR = yR * info.strideHeight - info.padInfo.top + wR;
        for (let wC = 0; wC < filterWidth; wC++, dst += cin) {
          const xC = yC * info.strideWidth - info.padInfo.left + wC;
          if (xR < 0 || xR >= inHeight || xC < 0 || xC >= inWidth) {
            col.fill(0, dst, dst + cin);
            continue;
          }
          const src = ((b * inHeight + xR) * inWidth + xC) * cin;
          for (let d = 0; d < cin; d++) col[dst + d] = x[src + d] as number;
        }
      }
    }
  }
}

/** The adjoint of im2col for one image: image[xR, xC, d] += col[p, tap·Cin + d] inside the image. */
export function col2im(
  col: Float64Array,
  info: tf.backend_util.Conv2DInfo,
  rows: [number, number],
  image: Float64Array,
) {
  const { inHeight, inWidth, inChannels: cin, outWidth, filterHeight, filterWidth } = info;
  let src = 0;
  for (let yR = rows[0]; yR < rows[1]; yR++) {
    for (let yC = 0; yC < outWidth; yC++) {
      for (let wR = 0; wR < filterHeight; wR++) {
        const xR = yR * info.strideHeight - info.padInfo.top + wR;
        for (let wC = 0; wC < filterWidth; wC++, src += cin) {
          const xC = yC * info.strideWidth - info.padInfo.left + wC;
          if (xR < 0 || xR >= inHeight || xC < 0 || xC >= inWidth) continue;
          const dst = (xR * inWidth + xC) * cin;
          for (let d = 0; d < cin; d++)
            image[dst + d] = (image[dst + d] as number) + (col[src + d] as number);
        }
      }
    }
  }
}
