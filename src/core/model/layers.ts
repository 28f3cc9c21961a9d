// Layer builders: each registers its PyTorch-named parameters in a ParameterStore and returns a
// pure function of tensors. No tfjs Layers API: our own loop must control BatchNorm's mode and
// which variables receive gradients. tfjs only.
import * as tf from '@tensorflow/tfjs';
import { activation } from '../backend/cpu-activation-grad';
import { fusedBatchNormTrain, hasFusedBatchNorm } from '../backend/cpu-batch-norm';
import type { Random } from '../util/random';
import { batchNormTraining } from './batch-norm-train';
import { constant, fanIn, kaimingNormalFanOut, pytorchDefaultUniform } from './init';
import { conv2dTorch, convTranspose2dTorch } from './padding';
import type { ParameterStore } from './parameters';

/** PyTorch's LeakyReLU default; tfjs defaults to 0.2, so every call passes it. */
export const LEAKY_SLOPE = 0.01;
const BN_EPS = 1e-5;
/** PyTorch momentum 0.1: running = 0.9·running + 0.1·batch. */
const BN_MOMENTUM = 0.1;

/** Where parameters go and how fresh ones are drawn. */
export interface Builder {
  store: ParameterStore;
  random: Random;
  /** 'pytorch': nn.Conv2d's default init; 'kaiming-fan-out': torchvision's CNN init. */
  convInit: 'pytorch' | 'kaiming-fan-out';
}

export type Apply = (x: tf.Tensor4D) => tf.Tensor4D;
export type ApplyWithMode = (x: tf.Tensor4D, training: boolean) => tf.Tensor4D;

export interface ConvSpec {
  inChannels: number;
  outChannels: number;
  kernel: number;
  stride?: number;
  pad?: number;
  bias?: boolean;
  /** PyTorch-layout initial weights replacing the default draw (e.g. ICNR). */
  weightInit?: Float32Array;
}

function convWeights(b: Builder, torchShape: number[]): Float32Array {
  if (b.convInit === 'kaiming-fan-out') return kaimingNormalFanOut(torchShape, b.random);
  return pytorchDefaultUniform(torchShape, 1 / Math.sqrt(fanIn(torchShape)), b.random);
}

/** nn.Conv2d: `name.weight [out,in,k,k]`, `name.bias [out]`. */
export function conv2d(b: Builder, name: string, spec: ConvSpec): Apply {
  const { inChannels, outChannels, kernel, stride = 1, pad = 0, bias = true } = spec;
  const shape = [outChannels, inChannels, kernel, kernel];
  const init = spec.weightInit ?? convWeights(b, shape);
  const weight = b.store.add(`${name}.weight`, shape, 'conv', init) as tf.Tensor4D;
  const biasVar = bias ? addBias(b, name, outChannels, fanIn(shape)) : null;
  return (x) =>
    tf.tidy(() => {
      const y = conv2dTorch(x, weight, stride, pad); // [N,H',W',out]
      return biasVar ? tf.add(y, biasVar) : y;
    });
}

function addBias(b: Builder, name: string, channels: number, fan: number): tf.Variable {
  const init =
    b.convInit === 'kaiming-fan-out'
      ? constant(channels, 0)
      : pytorchDefaultUniform([channels], 1 / Math.sqrt(fan), b.random);
  return b.store.add(`${name}.bias`, [channels], 'vector', init);
}

/** nn.ConvTranspose2d: `name.weight [in,out,k,k]` (PyTorch's transposed layout), bias [out]. */
export function convTranspose2d(b: Builder, name: string, spec: ConvSpec): Apply {
  const { inChannels, outChannels, kernel, stride = 1, pad = 0, bias = true } = spec;
  const shape = [inChannels, outChannels, kernel, kernel];
  // PyTorch computes a transposed conv's fan-in from dim 1 (out channels) × kernel area.
  const fan = outChannels * kernel * kernel;
  const init = pytorchDefaultUniform(shape, 1 / Math.sqrt(fan), b.random);
  const weight = b.store.add(`${name}.weight`, shape, 'convTranspose', init) as tf.Tensor4D;
  const biasVar = bias ? addBias(b, name, outChannels, fan) : null;
  return (x) =>
    tf.tidy(() => {
      const y = convTranspose2dTorch(x, weight, stride, pad); // [N,H',W',out]
      return biasVar ? tf.add(y, biasVar) : y;
    });
}

/**
 * nn.BatchNorm2d, PyTorch semantics: training uses the batch statistics and moves the running
 * ones (unbiased variance, momentum 0.1); inference uses the running statistics only. Training
 * runs as one op with a closed-form gradient (batch-norm-train.ts).
 */
export function batchNorm(b: Builder, name: string, channels: number): ApplyWithMode {
  const vector = (suffix: string, fill: number, trainable = true) =>
    b.store.add(
      `${name}.${suffix}`,
      [channels],
      'vector',
      constant(channels, fill),
      trainable,
    ) as tf.Variable<tf.Rank.R1>;
  const gamma = vector('weight', 1);
  const beta = vector('bias', 0);
  const runMean = vector('running_mean', 0, false);
  const runVar = vector('running_var', 1, false);
  return (x, training) =>
    tf.tidy(() => {
      if (!training) return tf.batchNorm4d(x, runMean, runVar, beta, gamma, BN_EPS);
      if (hasFusedBatchNorm()) {
        // The CPU backend's fused kernels (backend/cpu-batch-norm.ts): same values, fewer ops.
        const fused = fusedBatchNormTrain(x, gamma, beta, BN_EPS);
        updateRunningStats(runMean, runVar, fused.mean, fused.variance, x.size / channels);
        tf.dispose([fused.mean, fused.variance]);
        return fused.y;
      }
      // Elsewhere (WebGPU, WebGL) one op whose gradient is in closed form (batch-norm-train.ts).
      return batchNormTraining(x, gamma, beta, BN_EPS, (mean, variance) =>
        updateRunningStats(runMean, runVar, mean, variance, x.size / channels),
      );
    });
}

function updateRunningStats(
  runMean: tf.Variable,
  runVar: tf.Variable,
  mean: tf.Tensor,
  variance: tf.Tensor,
  count: number,
) {
  const unbiased = count > 1 ? count / (count - 1) : 1;
  const keep = 1 - BN_MOMENTUM;
  // Off the loss's path, so the gradient tape never walks these ops back.
  runMean.assign(tf.tidy(() => runMean.mul(keep).add(mean.mul(BN_MOMENTUM))));
  runVar.assign(tf.tidy(() => runVar.mul(keep).add(variance.mul(BN_MOMENTUM * unbiased))));
}

/** nn.Linear: `name.weight [out,in]`, `name.bias [out]`; [N,in] → [N,out]. */
export function linear(b: Builder, name: string, inFeatures: number, outFeatures: number) {
  const bound = 1 / Math.sqrt(inFeatures);
  const w = pytorchDefaultUniform([outFeatures, inFeatures], bound, b.random);
  const weight = b.store.add(
    `${name}.weight`,
    [outFeatures, inFeatures],
    'linear',
    w,
  ) as tf.Tensor2D;
  const bias = b.store.add(
    `${name}.bias`,
    [outFeatures],
    'vector',
    pytorchDefaultUniform([outFeatures], bound, b.random),
  );
  return (x: tf.Tensor2D): tf.Tensor2D => tf.tidy(() => tf.add(tf.matMul(x, weight), bias));
}

export const leakyRelu = (x: tf.Tensor4D): tf.Tensor4D => activation(x, LEAKY_SLOPE);

/** tf.relu, with the CPU backend's one-pass gradient (backend/cpu-activation-grad.ts). */
export const relu = <T extends tf.Tensor>(x: T): T => activation(x, null);

/** Global average pool: [N,H,W,C] → [N,C]. */
export const globalAvgPool = (x: tf.Tensor4D): tf.Tensor2D => tf.mean(x, [1, 2]);
