// BatchNorm in training mode (batch statistics) as two CPU kernels, forward and backward. Through
// tf.moments + tf.batchNorm4d the step built ≈15 activation-sized ops per BatchNorm (the moments,
// the normalization and both of their gradients), each allocating and sweeping a tensor; with the
// WebAssembly convolutions that was the largest share of a CPU step. Here the forward pass is two
// sweeps (statistics, normalization) and the backward pass two (sums, dx), float64 accumulators.
// Custom kernels for the CPU backend only; other backends keep the op chain (model/layers.ts).
// NHWC: channels are the last axis. tfjs only.
import * as tf from '@tensorflow/tfjs';
import type { CpuBackendLike, KernelArgs } from './cpu-kernel-registry';

export const BN_TRAIN_KERNEL = 'ChromaxrBatchNormTrain';
export const BN_TRAIN_GRAD_KERNEL = 'ChromaxrBatchNormTrainGrad';

/** Per-channel mean and biased variance of x [M, C] (row-major, channels last). */
function moments(
  x: Float32Array,
  channels: number,
): { mean: Float64Array; variance: Float64Array } {
  const rows = x.length / channels;
  const mean = new Float64Array(channels);
  for (let i = 0; i < x.length; i += channels)
    for (let c = 0; c < channels; c++) mean[c] = (mean[c] as number) + (x[i + c] as number);
  for (let c = 0; c < channels; c++) mean[c] = (mean[c] as number) / rows;
  const variance = new Float64Array(channels);
  for (let i = 0; i < x.length; i += channels) {
    for (let c = 0; c < channels; c++) {
      const d = (x[i + c] as number) - (mean[c] as number);
      variance[c] = (variance[c] as number) + d * d;
    }
  }
  for (let c = 0; c < channels; c++) variance[c] = (variance[c] as number) / rows;
  return { mean, variance };
}

/** y = (x − mean)·γ/√(var + ε) + β with the batch's statistics; returns y, mean, variance. */
export function batchNormTrain(
  x: Float32Array,
  gamma: Float32Array,
  beta: Float32Array,
  epsilon: number,
): [Float32Array, Float32Array, Float32Array] {
  const channels = gamma.length;
  const { mean, variance } = moments(x, channels);
  const scale = new Float64Array(channels);
  const shift = new Float64Array(channels);
  for (let c = 0; c < channels; c++) {
    scale[c] = (gamma[c] as number) / Math.sqrt((variance[c] as number) + epsilon);
    shift[c] = (beta[c] as number) - (mean[c] as number) * (scale[c] as number);
  }
  const y = new Float32Array(x.length);
  for (let i = 0; i < x.length; i += channels)
    for (let c = 0; c < channels; c++)
      y[i + c] = (x[i + c] as number) * (scale[c] as number) + (shift[c] as number);
  return [y, Float32Array.from(mean), Float32Array.from(variance)];
}

/**
 * The gradients of batchNormTrain's y (statistics included) for upstream dy: with x̂ = (x − mean)
 * ·inv, dβ = Σdy, dγ = Σdy·x̂ and dx = γ·inv·(dy − dβ/M − x̂·dγ/M) over the M = N·H·W rows.
 */
export function batchNormTrainGrad(
  x: Float32Array,
  dy: Float32Array,
  gamma: Float32Array,
  epsilon: number,
): [Float32Array, Float32Array, Float32Array] {
  const channels = gamma.length;
  const rows = x.length / channels;
  const { mean, variance } = moments(x, channels);
  const inv = variance.map((v) => 1 / Math.sqrt(v + epsilon));
  const dBeta = new Float64Array(channels);
  const dGamma = new Float64Array(channels);
  for (let i = 0; i < x.length; i += channels) {
    for (let c = 0; c < channels; c++) {
      const g = dy[i + c] as number;
      dBeta[c] = (dBeta[c] as number) + g;
      dGamma[c] = (dGamma[c] as number) + g * ((x[i + c] as number) - (mean[c] as number));
    }
  }
  for (let c = 0; c < channels; c++) dGamma[c] = (dGamma[c] as number) * (inv[c] as number);
  const dx = new Float32Array(x.length);
  for (let i = 0; i < x.length; i += channels) {
    for (let c = 0; c < channels; c++) {
      const xHat = ((x[i + c] as number) - (mean[c] as number)) * (inv[c] as number);
      const centred =
        (dy[i + c] as number) - ((dBeta[c] as number) + xHat * (dGamma[c] as number)) / rows;
      dx[i + c] = (gamma[c] as number) * (inv[c] as number) * centred;
    }
  }
  return [dx, Float32Array.from(dGamma), Float32Array.from(dBeta)];
}

function float32(
  backend: CpuBackendLike,
  t: tf.TensorInfo | undefined,
  kernel: string,
): Float32Array {
  const values = t ? backend.data.get(t.dataId).values : null;
  if (!t || t.dtype !== 'float32' || !(values instanceof Float32Array))
    throw new Error(`${kernel}: float32 inputs only`);
  return values;
}

function trainKernel(args: KernelArgs) {
  const backend = args.backend as CpuBackendLike;
  const { x, gamma, beta } = args.inputs as Record<string, tf.TensorInfo>;
  const { epsilon } = args.attrs as { epsilon: number };
  const values = (t?: tf.TensorInfo) => float32(backend, t, BN_TRAIN_KERNEL);
  const [y, mean, variance] = batchNormTrain(values(x), values(gamma), values(beta), epsilon);
  const shape = [(gamma as tf.TensorInfo).shape[0] as number];
  return [
    backend.makeTensorInfo((x as tf.TensorInfo).shape, 'float32', y),
    backend.makeTensorInfo(shape, 'float32', mean),
    backend.makeTensorInfo(shape, 'float32', variance),
  ];
}

function gradKernel(args: KernelArgs) {
  const backend = args.backend as CpuBackendLike;
  const { x, dy, gamma } = args.inputs as Record<string, tf.TensorInfo>;
  const { epsilon } = args.attrs as { epsilon: number };
  const values = (t?: tf.TensorInfo) => float32(backend, t, BN_TRAIN_GRAD_KERNEL);
  const [dx, dGamma, dBeta] = batchNormTrainGrad(values(x), values(dy), values(gamma), epsilon);
  const shape = [(gamma as tf.TensorInfo).shape[0] as number];
  return [
    backend.makeTensorInfo((x as tf.TensorInfo).shape, 'float32', dx),
    backend.makeTensorInfo(shape, 'float32', dGamma),
    backend.makeTensorInfo(shape, 'float32', dBeta),
  ];
}

/** Registers both kernels for the CPU backend; idempotent. */
export function installCpuBatchNorm(): void {
  for (const [kernelName, kernelFunc] of [
    [BN_TRAIN_KERNEL, trainKernel],
    [BN_TRAIN_GRAD_KERNEL, gradKernel],
  ] as const) {
    if (!tf.getKernel(kernelName, 'cpu'))
      tf.registerKernel({
        kernelName,
        backendName: 'cpu',
        kernelFunc: kernelFunc as tf.KernelFunc,
      });
  }
}

/**
 * Training-mode BatchNorm through the fused kernels: y with its gradient for x, γ and β, plus the
 * batch mean and biased variance (no gradient: they only move the running statistics; the caller
 * disposes them, even inside a tidy). Callers check that the backend has the kernels
 * (hasFusedBatchNorm).
 */
export function fusedBatchNormTrain(
  x: tf.Tensor4D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  epsilon: number,
): { y: tf.Tensor4D; mean: tf.Tensor1D; variance: tf.Tensor1D } {
  let stats: tf.Tensor[] = [];
  const run = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, g, b, save] = args as [tf.Tensor, tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    const [y, mean, variance] = tf
      .engine()
      .runKernel(BN_TRAIN_KERNEL, { x: input, gamma: g, beta: b }, { epsilon }) as tf.Tensor[];
    // Kept: customGrad runs this inside a tidy that would dispose them. The caller disposes them.
    stats = [tf.keep(mean as tf.Tensor), tf.keep(variance as tf.Tensor)];
    save([input, g]);
    return {
      value: y as tf.Tensor,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
        tf
          .engine()
          .runKernel(
            BN_TRAIN_GRAD_KERNEL,
            { x: saved[0] as tf.Tensor, dy, gamma: saved[1] as tf.Tensor },
            { epsilon },
          ) as tf.Tensor[],
    };
  });
  const y = run(x, gamma, beta) as tf.Tensor4D;
  return { y, mean: stats[0] as tf.Tensor1D, variance: stats[1] as tf.Tensor1D };
}

/** True when the active backend has the fused kernels (the CPU backend after installation). */
export const hasFusedBatchNorm = () => tf.getKernel(BN_TRAIN_KERNEL, tf.getBackend()) !== undefined;
