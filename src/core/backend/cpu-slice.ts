// Slice and SplitV for tfjs's CPU backend. The stock Slice maps every element through
// TensorBuffer.indexToLoc/get (≈100 ns each) whenever the slice is not one contiguous run — a
// channel split of ColorU's concat gradient or a spatial crop took 100–250 ms; this one copies
// the contiguous inner runs. SplitV is replaced too because the stock one calls its own imported
// slice. Strings and complex numbers go to the stock kernels. tfjs only.
import * as tf from '@tensorflow/tfjs';
import {
  allocate,
  type CpuBackendLike,
  type KernelArgs,
  type NumericArray,
  numericValues,
  replaceCpuKernel,
  runStockKernel,
} from './cpu-kernel-registry';

/** Runs shorter than this are copied element by element (cheaper than a subarray view). */
const SHORT_RUN = 32;

function copyRun(x: NumericArray, src: number, out: NumericArray, dst: number, run: number) {
  if (run >= SHORT_RUN) {
    out.set(x.subarray(src, src + run), dst);
    return;
  }
  for (let i = 0; i < run; i++) out[dst + i] = x[src + i] as number;
}

/**
 * x[begin : begin + size] of a row-major `shape`. Axes after the innermost partial one are whole,
 * so each output row of that axis is one contiguous run of the input. A slice that is one run
 * altogether is returned as a view, as the stock kernel does.
 */
export function sliceValues(
  x: NumericArray,
  shape: readonly number[],
  begin: readonly number[],
  size: readonly number[],
  dtype: tf.DataType,
): NumericArray {
  const strides = shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
  const length = size.reduce((a, b) => a * b, 1);
  const offset = begin.reduce((sum, b, d) => sum + b * (strides[d] as number), 0);
  if (tf.slice_util.isSliceContinous(shape as number[], begin as number[], size as number[]))
    return x.subarray(offset, offset + length);
  let partial = shape.length - 1;
  while (partial > 0 && size[partial] === shape[partial]) partial--;
  const run = (size[partial] as number) * (strides[partial] as number);
  const out = allocate(dtype, length);
  const counter = new Array<number>(partial).fill(0); // odometer over the axes before `partial`
  let src = offset;
  for (let dst = 0; dst < length; dst += run) {
    copyRun(x, src, out, dst, run);
    for (let d = partial - 1; d >= 0; d--) {
      src += strides[d] as number;
      counter[d] = (counter[d] as number) + 1;
      if ((counter[d] as number) < (size[d] as number)) break;
      src -= (strides[d] as number) * (size[d] as number);
      counter[d] = 0;
    }
  }
  return out;
}

function fastSlice(args: KernelArgs) {
  const backend = args.backend as CpuBackendLike;
  const x = args.inputs.x as tf.TensorInfo;
  const values = numericValues(backend, x);
  if (!values) return runStockKernel('Slice', args);
  const attrs = args.attrs as { begin: number | number[]; size?: number | number[] };
  const [begin, size] = tf.slice_util.parseSliceParams(x, attrs.begin, attrs.size) as [
    number[],
    number[],
  ];
  tf.slice_util.assertParamsValid(x, begin, size);
  return backend.makeTensorInfo(size, x.dtype, sliceValues(values, x.shape, begin, size, x.dtype));
}

function fastSplitV(args: KernelArgs) {
  const backend = args.backend as CpuBackendLike;
  const x = args.inputs.x as tf.TensorInfo;
  const values = numericValues(backend, x);
  if (!values) return runStockKernel('SplitV', args);
  const attrs = args.attrs as { numOrSizeSplits: number | number[]; axis: number | number[] };
  const axis = tf.util.parseAxisParam(attrs.axis, x.shape)[0] as number;
  const splitSizes = tf.backend_util.prepareSplitSize(x, attrs.numOrSizeSplits, axis);
  const begin = new Array<number>(x.shape.length).fill(0);
  return splitSizes.map((s) => {
    const size = [...x.shape];
    size[axis] = s;
    const piece = sliceValues(values, x.shape, begin, size, x.dtype);
    begin[axis] = (begin[axis] as number) + s;
    return backend.makeTensorInfo(size, x.dtype, piece);
  });
}

/** Replaces the CPU backend's Slice and SplitV kernels; idempotent. */
export function installFastCpuSlice(): void {
  replaceCpuKernel('Slice', fastSlice as tf.KernelFunc);
  replaceCpuKernel('SplitV', fastSplitV as tf.KernelFunc);
}
