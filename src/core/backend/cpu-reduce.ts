// Sum and Mean over one contiguous block of axes for tfjs's CPU backend. The stock kernels
// transpose the reduced axes innermost first (a full copy of e.g. a [16,64,64,16] gradient per
// BatchNorm/bias gradient) and Mean also materializes x/n; this one accumulates in place. The
// accumulation order and float64 accumulator match the stock kernels, so results are bit-identical.
// Any other case is delegated to the stock kernel. tfjs only.
import * as tf from '@tensorflow/tfjs';
import {
  type CpuBackendLike,
  type KernelArgs,
  type NumericArray,
  numericValues,
  replaceCpuKernel,
  runStockKernel,
} from './cpu-kernel-registry';

interface ReduceAttrs {
  axis: number | number[];
  keepDims: boolean;
}

/** x viewed as [outer, reduce, inner]: the reduced axes are one contiguous block. */
export interface ReduceBlock {
  outer: number;
  reduce: number;
  inner: number;
}

/** The block view of `shape` reduced over `axes`, or null when the axes are not contiguous. */
export function reduceBlock(shape: readonly number[], axes: readonly number[]): ReduceBlock | null {
  if (axes.length === 0) return null;
  const sorted = [...axes].sort((a, b) => a - b);
  const first = sorted[0] as number;
  const last = sorted[sorted.length - 1] as number;
  if (last - first + 1 !== sorted.length || new Set(sorted).size !== sorted.length) return null;
  const size = (from: number, to: number) => shape.slice(from, to).reduce((a, b) => a * b, 1);
  return {
    outer: size(0, first),
    reduce: size(first, last + 1),
    inner: size(last + 1, shape.length),
  };
}

/**
 * out[o, j] = Σ_r term(x[o, r, j]) in r order, with a float64 accumulator (as the stock kernel's
 * `let sum = 0`). `divisor` 0 sums x itself; otherwise each term is float32(x / divisor), which is
 * what the stock Mean sums after its float32 division.
 */
export function reduceValues(x: NumericArray, block: ReduceBlock, out: NumericArray, divisor = 0) {
  const { outer, reduce, inner } = block;
  const acc = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    acc.fill(0);
    for (let r = 0; r < reduce; r++) {
      const base = (o * reduce + r) * inner;
      if (divisor === 0) {
        for (let j = 0; j < inner; j++) acc[j] = (acc[j] as number) + (x[base + j] as number);
      } else {
        for (let j = 0; j < inner; j++) {
          const term = Math.fround(Math.fround(x[base + j] as number) / divisor);
          acc[j] = (acc[j] as number) + term;
        }
      }
    }
    out.set(acc, o * inner);
  }
}

function outShape(shape: readonly number[], axes: readonly number[], keepDims: boolean) {
  if (keepDims) return shape.map((d, i) => (axes.includes(i) ? 1 : d));
  return shape.filter((_, i) => !axes.includes(i));
}

function fastReduce(kernel: 'Sum' | 'Mean', args: KernelArgs) {
  const backend = args.backend as CpuBackendLike;
  const x = args.inputs.x as tf.TensorInfo;
  const { axis, keepDims } = args.attrs as ReduceAttrs;
  const axes = tf.util.parseAxisParam(axis, x.shape);
  const block = reduceBlock(x.shape, axes);
  const values = numericValues(backend, x);
  // Sum keeps the stock kernel's bool → int32 cast path; Mean reads any numeric input as float32.
  const supported = kernel === 'Mean' || x.dtype !== 'bool';
  if (!block || !values || !supported) return runStockKernel(kernel, args);
  const dtype = kernel === 'Mean' ? 'float32' : x.dtype;
  const out =
    dtype === 'int32'
      ? new Int32Array(block.outer * block.inner)
      : new Float32Array(block.outer * block.inner);
  reduceValues(values, block, out, kernel === 'Mean' ? block.reduce : 0);
  return backend.makeTensorInfo(outShape(x.shape, axes, keepDims), dtype, out);
}

const fastSum = (args: KernelArgs) => fastReduce('Sum', args);
const fastMean = (args: KernelArgs) => fastReduce('Mean', args);

/** Replaces the CPU backend's Sum and Mean kernels; idempotent. */
export function installFastCpuReduce(): void {
  replaceCpuKernel('Sum', fastSum as tf.KernelFunc);
  replaceCpuKernel('Mean', fastMean as tf.KernelFunc);
}
