// Conv2DBackpropFilter on tfjs's WebGPU backend as a tiled implicit GEMM with split-K
// (webgpu-conv-filter-wgsl.ts). tfjs's own kernel runs one thread per filter weight, each looping
// over the whole batch × output (1.6 M serial steps for ColorU's first convolution at 320 px, batch
// 16); this one keeps every thread's loop within 4,096 steps and fills the device with workgroups.
// Transposed convolutions' weight gradients come here too: tfjs differentiates conv2dTranspose
// (Conv2DBackpropInput) through Conv2DBackpropFilter. NCHW and non-float32 inputs go to the stock
// kernel. tfjs only.
import * as tf from '@tensorflow/tfjs';
import {
  type ConvFilterPlan,
  type ConvFilterProblem,
  type PlanOptions,
  planConvFilter,
  problemFromConvInfo,
} from './conv-filter-plan';
import {
  type KernelArgs,
  replaceKernel,
  restoreStockKernel,
  runStockKernel,
} from './kernel-registry';
import { convFilterGemmProgram, convFilterReduceProgram } from './webgpu-conv-filter-wgsl';
import { isCpuAdapter, isWebGpuBackend, type WebGpuBackendLike } from './webgpu-program';

const NAME = 'Conv2DBackpropFilter';

interface FilterAttrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

/** On a CPU implementation (SwiftShader): no staging, a few workgroups per core and no cap on a
 *  thread's loop (a CPU thread runs long loops well; each extra split costs a partial sum). */
const CPU_OPTIONS: PlanOptions = { staged: false, targetThreads: 1024, maxSerial: 1 << 30 };

let override: PlanOptions | null = null;

/** Forces these plan options on every adapter, or null for the defaults: the browser tests run
 *  the GPU plan on SwiftShader with it. */
export function overrideConvFilterPlan(options: PlanOptions | null): void {
  override = options;
}

/**
 * The plan for this problem on this device. tfjs's kernel is kept only for what ours does not
 * cover (NCHW, non-float32): on SwiftShader ours was faster on all 38 distinct convolutions of
 * ColorU, PixelShuffle and ResNet18 (test/bench/gpu-conv-filter.ts); a rule sending shapes back to
 * it on real GPUs waits for that bench's --gpu figures.
 */
export function chooseConvFilterPlan(
  problem: ConvFilterProblem,
  backend?: WebGpuBackendLike,
): ConvFilterPlan {
  if (override) return planConvFilter(problem, override);
  return planConvFilter(problem, backend && isCpuAdapter(backend) ? CPU_OPTIONS : {});
}

/** dW for x [N,H,W,cin] and dy [N,OH,OW,cout]: one GEMM launch, plus the reduction of the
 *  partial sums when the batch × pixel sum is split. */
function conv2DBackpropFilter(args: KernelArgs): tf.TensorInfo | tf.TensorInfo[] {
  const { inputs, backend } = args;
  const attrs = args.attrs as FilterAttrs;
  const x = inputs.x as tf.TensorInfo;
  const dy = inputs.dy as tf.TensorInfo;
  if (!isWebGpuBackend(backend) || attrs.dataFormat === 'NCHW' || x.dtype !== 'float32')
    return runStockKernel(NAME, args, 'webgpu');
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const problem = problemFromConvInfo(info);
  const plan = chooseConvFilterPlan(problem, backend);
  const main = convFilterGemmProgram(problem, plan, attrs.filterShape);
  const gemm = backend.runWebGPUProgram(main.program, [x, dy], 'float32', main.uniforms);
  if (plan.splits === 1) return gemm;
  const reduce = convFilterReduceProgram(plan.splits, attrs.filterShape);
  const dw = backend.runWebGPUProgram(reduce.program, [gemm], 'float32', reduce.uniforms);
  backend.disposeData(gemm.dataId);
  return dw;
}

const kernelFunc = conv2DBackpropFilter as unknown as tf.KernelFunc;

export function installWebGpuConvFilter(): void {
  replaceKernel(NAME, 'webgpu', kernelFunc);
}

export function restoreWebGpuConvFilter(): void {
  restoreStockKernel(NAME, 'webgpu', kernelFunc);
}
