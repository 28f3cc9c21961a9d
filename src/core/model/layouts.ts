// Weight layout converters between PyTorch state dicts and tfjs kernels. tfjs only: pure tensor
// functions. Each returns a new tensor the caller owns; the input is not disposed.
import * as tf from '@tensorflow/tfjs';

function expectRank(tensor: tf.Tensor, rank: number, what: string): void {
  if (tensor.rank !== rank) {
    throw new Error(`${what} must have rank ${rank}, got shape [${tensor.shape.join(', ')}]`);
  }
}

/** PyTorch conv weight `[out, in, kh, kw]` → tfjs conv2d filter `[kh, kw, in, out]`. */
export function convWeightToTf(weight: tf.Tensor): tf.Tensor4D {
  expectRank(weight, 4, 'conv weight [out, in, kh, kw]');
  return tf.transpose(weight as tf.Tensor4D, [2, 3, 1, 0]);
}

/** tfjs conv2d filter `[kh, kw, in, out]` → PyTorch conv weight `[out, in, kh, kw]`. */
export function convWeightFromTf(filter: tf.Tensor): tf.Tensor4D {
  expectRank(filter, 4, 'conv2d filter [kh, kw, in, out]');
  return tf.transpose(filter as tf.Tensor4D, [3, 2, 0, 1]);
}

/**
 * PyTorch transposed-conv weight `[in, out, kh, kw]` → tfjs conv2dTranspose filter
 * `[kh, kw, out, in]` (the same permutation as for convs: both put dim 0 last).
 */
export function convTransposeWeightToTf(weight: tf.Tensor): tf.Tensor4D {
  expectRank(weight, 4, 'transposed-conv weight [in, out, kh, kw]');
  return tf.transpose(weight as tf.Tensor4D, [2, 3, 1, 0]);
}

/** tfjs conv2dTranspose filter `[kh, kw, out, in]` → PyTorch weight `[in, out, kh, kw]`. */
export function convTransposeWeightFromTf(filter: tf.Tensor): tf.Tensor4D {
  expectRank(filter, 4, 'conv2dTranspose filter [kh, kw, out, in]');
  return tf.transpose(filter as tf.Tensor4D, [3, 2, 0, 1]);
}

/** PyTorch linear weight `[out, in]` → tfjs matMul kernel `[in, out]`. */
export function linearWeightToTf(weight: tf.Tensor): tf.Tensor2D {
  expectRank(weight, 2, 'linear weight [out, in]');
  return tf.transpose(weight as tf.Tensor2D);
}

/** tfjs matMul kernel `[in, out]` → PyTorch linear weight `[out, in]`. */
export function linearWeightFromTf(kernel: tf.Tensor): tf.Tensor2D {
  expectRank(kernel, 2, 'linear kernel [in, out]');
  return tf.transpose(kernel as tf.Tensor2D);
}
