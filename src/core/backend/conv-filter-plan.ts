// How the WebGPU filter gradient splits its work: the implicit GEMM dW[K, C] = Σ_m A[m, K]·B[m, C]
// (K = kh·kw·cin rows, C = cout columns, m over batch × output pixels) in tiles of K × C, the m
// reduction cut into chunks (split-K) that a second pass sums. Pure arithmetic on shapes, so the
// structural figures (threads, longest serial loop) print in Node without a GPU. tfjs only.
import type * as tf from '@tensorflow/tfjs';

/** One Conv2DBackpropFilter call, NHWC, dilation 1. */
export interface ConvFilterProblem {
  batch: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  padTop: number;
  padLeft: number;
}

export interface ConvFilterPlan {
  /** Rows (kh·kw·cin) and columns (cout) of one workgroup's output tile. */
  tileK: number;
  tileC: number;
  /** Outputs per thread along K and C (the register tile). */
  microK: number;
  microC: number;
  /** m values staged in workgroup memory per barrier pair. */
  stepM: number;
  /** m values one workgroup sums (a multiple of stepM) and the number of such chunks. */
  chunk: number;
  splits: number;
  /** Stage tiles in workgroup memory (GPUs) or read the buffers directly (CPU implementations). */
  staged: boolean;
}

export interface PlanOptions {
  /** Longest serial accumulation a thread may run; a longer reduction is split. */
  maxSerial?: number;
  /** Threads a launch should have to fill the device (64 per compute unit is the usual floor). */
  targetThreads?: number;
  /** Shortest chunk worth a split of its own (its partial sums cost a write and a read). */
  minChunk?: number;
  /** Whether the kernel stages tiles in workgroup memory (default true). */
  staged?: boolean;
}

/** Threads a launch should reach: above the 20,000 below which issue 17 counts a launch as
 *  unable to fill a GPU (64 per compute unit would be 8,448 on a 132-SM H100). */
export const GPU_TARGET_THREADS = 20_480;
export const MAX_SERIAL = 4096;

export const gemmSize = (p: ConvFilterProblem) => ({
  k: p.filterHeight * p.filterWidth * p.inChannels,
  c: p.outChannels,
  m: p.batch * p.outHeight * p.outWidth,
});

export function problemFromConvInfo(info: tf.backend_util.Conv2DInfo): ConvFilterProblem {
  return {
    batch: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    outChannels: info.outChannels,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
}

const nextPow2 = (n: number) => 2 ** Math.ceil(Math.log2(Math.max(1, n)));
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Tile sizes for a K × C output: 4 × 4 outputs per thread, at most 64 × 64 per workgroup (then
 *  32 staged m values fill WebGPU's default 16 KiB of workgroup memory exactly). */
function tiles(k: number, c: number) {
  const tileC = clamp(nextPow2(c), 4, 64);
  const tileK = clamp(nextPow2(k), 4, 64);
  return { tileK, tileC, microK: 4, microC: 4, stepM: 32 };
}

/**
 * Splits m so that no thread accumulates more than maxSerial terms, and further (down to
 * minChunk, and to at most maxSerial splits for the reduction's sake) while the launch has fewer
 * than targetThreads threads.
 */
export function planConvFilter(p: ConvFilterProblem, opts: PlanOptions = {}): ConvFilterPlan {
  const maxSerial = opts.maxSerial ?? MAX_SERIAL;
  const targetThreads = opts.targetThreads ?? GPU_TARGET_THREADS;
  const minChunk = opts.minChunk ?? 256;
  const { k, c, m } = gemmSize(p);
  const t = tiles(k, c);
  const threadsPerSplit =
    Math.ceil(k / t.tileK) * Math.ceil(c / t.tileC) * (t.tileK / t.microK) * (t.tileC / t.microC);
  const roundUp = (v: number) => Math.ceil(v / t.stepM) * t.stepM;
  let chunk = roundUp(Math.min(m, maxSerial));
  const wanted = Math.ceil(targetThreads / threadsPerSplit); // splits that would fill the device
  if (wanted > Math.ceil(m / chunk)) chunk = roundUp(Math.max(Math.ceil(m / wanted), minChunk));
  chunk = Math.min(chunk, roundUp(Math.min(m, maxSerial)));
  // No more splits than maxSerial: the reduction pass loops over them.
  chunk = Math.max(chunk, roundUp(Math.ceil(m / maxSerial)));
  return { ...t, chunk, splits: Math.ceil(m / chunk), staged: opts.staged ?? true };
}

export interface LaunchFigures {
  /** Threads of the main launch (all workgroups × workgroup size). */
  threads: number;
  /** Longest chain of dependent accumulations in one thread. */
  serialLoop: number;
  /** Dispatches: 1, or 2 with the split-K reduction pass. */
  launches: number;
  /** The reduction pass's threads and loop (0 when there is none). */
  reduceThreads: number;
  reduceLoop: number;
}

/** tfjs's Conv2DDerFilterProgram: one thread per filter weight, looping over batch × output. */
export function stockFigures(p: ConvFilterProblem): LaunchFigures {
  const { k, c, m } = gemmSize(p);
  const threads = Math.ceil((k * c) / 64) * 64;
  return { threads, serialLoop: m, launches: 1, reduceThreads: 0, reduceLoop: 0 };
}

export function planFigures(p: ConvFilterProblem, plan: ConvFilterPlan): LaunchFigures {
  const { k, c } = gemmSize(p);
  const perWorkgroup = (plan.tileK / plan.microK) * (plan.tileC / plan.microC);
  const workgroups = Math.ceil(k / plan.tileK) * Math.ceil(c / plan.tileC) * plan.splits;
  const split = plan.splits > 1;
  return {
    threads: workgroups * perWorkgroup,
    serialLoop: plan.chunk,
    launches: split ? 2 : 1,
    reduceThreads: split ? Math.ceil((k * c) / 64) * 64 : 0,
    reduceLoop: split ? plan.splits : 0,
  };
}
