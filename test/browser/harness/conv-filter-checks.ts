// The filter-gradient kernels in Chromium: ours and tfjs's stock WebGPU kernel against the CPU
// backend on one recorded call, and their times on WebGPU. Plain numbers out, for page.evaluate.
import * as tf from '@tensorflow/tfjs';
import { createRandom } from '../../../src/core';
import {
  installFastWebGpuKernels,
  restoreStockWebGpuKernels,
} from '../../../src/core/backend/select';
import { overrideConvFilterPlan } from '../../../src/core/backend/webgpu-conv-filter';
import {
  type FilterCall,
  type ModelPart,
  type ModelSpec,
  modelFilterCalls,
} from '../../helpers/conv-problems';

const NAME = 'Conv2DBackpropFilter';

/** The calls of `part` in one step of `spec`, recorded on the CPU backend. */
export async function filterCallsOf(spec: ModelSpec, part: ModelPart): Promise<FilterCall[]> {
  await tf.setBackend('cpu');
  return modelFilterCalls(spec, part);
}

function inputs(call: FilterCall, seed: number) {
  const random = createRandom(seed);
  const fill = (shape: number[]) =>
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => random() * 2 - 1);
  return { x: fill(call.xShape), dy: fill(call.dyShape) };
}

function attrsOf(call: FilterCall) {
  return {
    strides: call.strides,
    pad: call.pad,
    dataFormat: 'NHWC',
    dimRoundingMode: call.dimRoundingMode,
    filterShape: call.filterShape,
  };
}

/** dW on the current backend, read back. */
async function filterGradient(call: FilterCall, data: { x: Float32Array; dy: Float32Array }) {
  const x = tf.tensor4d(data.x, call.xShape);
  const dy = tf.tensor4d(data.dy, call.dyShape);
  const dw = tf.engine().runKernel(NAME, { x, dy }, attrsOf(call) as never) as tf.Tensor;
  const values = (await dw.data()) as Float32Array;
  tf.dispose([x, dy, dw]);
  return values;
}

const maxAbs = (a: Float32Array) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
const relativeError = (actual: Float32Array, expected: Float32Array) =>
  maxAbs(actual.map((v, i) => v - (expected[i] as number))) / Math.max(maxAbs(expected), 1e-30);

async function selectKernel(kernel: 'fast' | 'stock') {
  await tf.setBackend('webgpu');
  if (kernel === 'fast') installFastWebGpuKernels();
  else restoreStockWebGpuKernels();
}

/** max |Δ| / max |CPU| of WebGPU's dW: ours with this adapter's plan (SwiftShader: the direct
 *  kernel), ours with the GPU plan (staged tiles, split-K), and tfjs's. */
export async function compareFilterGradient(call: FilterCall, withStock = true) {
  const data = inputs(call, 3);
  await tf.setBackend('cpu');
  const cpu = await filterGradient(call, data);
  await selectKernel('fast');
  const fast = await filterGradient(call, data);
  overrideConvFilterPlan({});
  const gpuPlan = await filterGradient(call, data);
  overrideConvFilterPlan(null);
  let stock = Number.NaN;
  if (withStock) {
    await selectKernel('stock');
    stock = relativeError(await filterGradient(call, data), cpu);
    installFastWebGpuKernels();
  }
  return { fast: relativeError(fast, cpu), gpuPlan: relativeError(gpuPlan, cpu), stock };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

/** ms per call of `calls` back-to-back runs closed by one readback (the GPU runs
 *  asynchronously: the readback waits for all of them). */
async function timeCalls(run: () => tf.Tensor, calls: number): Promise<number> {
  const started = performance.now();
  const outs = Array.from({ length: calls }, run);
  await (outs.at(-1) as tf.Tensor).data();
  const ms = (performance.now() - started) / calls;
  tf.dispose(outs);
  return ms;
}

/**
 * Median ms per dW call on WebGPU of tfjs's kernel and ours, interleaved round by round (so a
 * neighbour's load on the shared machine hits both alike); each round runs enough calls to last
 * about `roundMs`, after a first call of each that compiles its shader.
 */
export async function timeFilterGradient(call: FilterCall, rounds = 7, roundMs = 60) {
  const data = inputs(call, 4);
  await tf.setBackend('webgpu');
  const x = tf.tensor4d(data.x, call.xShape);
  const dy = tf.tensor4d(data.dy, call.dyShape);
  const run = () => tf.engine().runKernel(NAME, { x, dy }, attrsOf(call) as never) as tf.Tensor;
  const kernels = ['stock', 'fast'] as const;
  const perRound = { stock: 1, fast: 1 };
  for (const kernel of kernels) {
    await selectKernel(kernel);
    await timeCalls(run, 1);
    const once = await timeCalls(run, 1);
    perRound[kernel] = Math.min(50, Math.max(1, Math.ceil(roundMs / Math.max(once, 0.01))));
  }
  const times = { stock: [] as number[], fast: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    for (const kernel of r % 2 === 0 ? kernels : [...kernels].reverse()) {
      await selectKernel(kernel);
      times[kernel].push(await timeCalls(run, perRound[kernel]));
    }
  }
  tf.dispose([x, dy]);
  installFastWebGpuKernels();
  return { stockMs: median(times.stock), fastMs: median(times.fast), rounds };
}
