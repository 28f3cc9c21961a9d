// PyTorch-exact padding on top of tfjs convolutions and pools. TF "same" padding puts the odd
// pixel at the bottom/right on stride-2 layers where PyTorch pads symmetrically, so each layer
// uses "same" only where the two agree and pads explicitly elsewhere. tfjs only.
import * as tf from '@tensorflow/tfjs';

/** The most negative finite float32: padding for max-pools (−∞ is risky in WGSL shaders). */
const MAX_POOL_PAD = -3.4e38;

/** True when TF "same" padding equals a symmetric pad `pad` for this input size. */
export function sameMatchesSymmetric(inSize: number, kernel: number, stride: number, pad: number) {
  const outSame = Math.ceil(inSize / stride);
  const totalSame = Math.max((outSame - 1) * stride + kernel - inSize, 0);
  const outTorch = Math.floor((inSize + 2 * pad - kernel) / stride) + 1;
  return outSame === outTorch && totalSame === 2 * pad;
}

/** Pads H and W of an NHWC tensor: [N,H,W,C] → [N,H+before+after,W+before+after,C]. */
export function padSpatial(x: tf.Tensor4D, before: number, after: number, value = 0): tf.Tensor4D {
  if (before === 0 && after === 0) return x;
  return tf.pad(
    x,
    [
      [0, 0],
      [before, after],
      [before, after],
      [0, 0],
    ],
    value,
  );
}

/** tfjs conv2d with PyTorch's symmetric `pad`: [N,H,W,Cin] → [N,H',W',Cout]. */
export function conv2dTorch(x: tf.Tensor4D, filter: tf.Tensor4D, stride: number, pad: number) {
  const kernel = filter.shape[0];
  const [, h, w] = x.shape;
  if (pad === 0) return tf.conv2d(x, filter, stride, 'valid');
  if (sameMatchesSymmetric(h, kernel, stride, pad) && sameMatchesSymmetric(w, kernel, stride, pad))
    return tf.conv2d(x, filter, stride, 'same');
  return tf.conv2d(padSpatial(x, pad, pad), filter, stride, 'valid');
}

/**
 * PyTorch ConvTranspose2d (no output_padding): out = (H−1)·stride − 2·pad + kernel.
 * filter is tfjs's conv2dTranspose layout [kh,kw,out,in].
 */
export function convTranspose2dTorch(
  x: tf.Tensor4D,
  filter: tf.Tensor4D,
  stride: number,
  pad: number,
): tf.Tensor4D {
  const [n, h, w] = x.shape;
  const kernel = filter.shape[0];
  const outChannels = filter.shape[2];
  const outH = (h - 1) * stride - 2 * pad + kernel;
  const outW = (w - 1) * stride - 2 * pad + kernel;
  const sameH = sameMatchesSymmetric(outH, kernel, stride, pad) && outH === h * stride;
  const sameW = sameMatchesSymmetric(outW, kernel, stride, pad) && outW === w * stride;
  if (sameH && sameW) {
    return tf.conv2dTranspose(x, filter, [n, outH, outW, outChannels], stride, 'same');
  }
  // The full transposed convolution, then the PyTorch crop of `pad` on every side.
  const fullH = outH + 2 * pad;
  const fullW = outW + 2 * pad;
  const full = tf.conv2dTranspose(x, filter, [n, fullH, fullW, outChannels], stride, 'valid');
  return tf.slice(full, [0, pad, pad, 0], [n, outH, outW, outChannels]);
}

/** Extra bottom/right padding a PyTorch pool needs along one axis (ceil mode adds a window). */
function poolExtra(inSize: number, kernel: number, stride: number, pad: number, ceilMode: boolean) {
  const span = inSize + 2 * pad - kernel;
  let out = Math.floor(span / stride) + 1;
  if (ceilMode) {
    out = Math.ceil(span / stride) + 1;
    // PyTorch drops a last window that would start in the right padding.
    if ((out - 1) * stride >= inSize + pad) out -= 1;
  }
  return Math.max((out - 1) * stride + kernel - (inSize + 2 * pad), 0);
}

/** PyTorch MaxPool2d(kernel, stride, pad) with floor or ceil mode, per axis. */
export function maxPoolTorch(
  x: tf.Tensor4D,
  kernel: number,
  stride: number,
  pad: number,
  ceilMode = false,
): tf.Tensor4D {
  const extraH = poolExtra(x.shape[1], kernel, stride, pad, ceilMode);
  const extraW = poolExtra(x.shape[2], kernel, stride, pad, ceilMode);
  if (pad === 0 && extraH === 0 && extraW === 0) return tf.maxPool(x, kernel, stride, 'valid');
  const padded = tf.pad(
    x,
    [
      [0, 0],
      [pad, pad + extraH],
      [pad, pad + extraW],
      [0, 0],
    ],
    MAX_POOL_PAD,
  );
  return tf.maxPool(padded, kernel, stride, 'valid');
}
