// Elementwise binary kernels for tfjs's CPU backend with a fast path for the broadcasts a CNN
// makes: both operands the same shape, a scalar, or a per-channel [C] / [1,1,1,C] vector against
// [N,H,W,C]. The stock kernels take `i % length` per element, or build index→location arrays per
// element (≈100 ns) for [1,1,1,C]-style operands; here the smaller operand is read with a wrapping
// counter. Same double-precision arithmetic as the stock kernels, so results are bit-identical.
// Other broadcasts, mixed dtypes, strings and complex go to the stock kernels. tfjs only.
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

type Values = NumericArray;
/** out[i] = op(full[i], periodic[i mod period]), with the periodic operand on one side. */
type Loop = (a: Values, b: Values, out: Values, period: number) => void;

// One literal per op and side keeps every loop monomorphic (a shared loop calling `op` would not
// be inlined once it has seen several ops). [b periodic, a periodic].
const LOOPS = {
  Add: [
    (a, b, out, p) => {
      for (let i = 0, j = 0; i < out.length; i++, j = j + 1 === p ? 0 : j + 1)
        out[i] = (a[i] as number) + (b[j] as number);
    },
    (a, b, out, p) => {
      for (let i = 0, j = 0; i < out.length; i++, j = j + 1 === p ? 0 : j + 1)
        out[i] = (a[j] as number) + (b[i] as number);
    },
  ],
  Sub: [
    (a, b, out, p) => {
      for (let i = 0, j = 0; i < out.length; i++, j = j + 1 === p ? 0 : j + 1)
        out[i] = (a[i] as number) - (b[j] as number);
    },
    (a, b, out, p) => {
      for (let i = 0, j = 0; i < out.length; i++, j = j + 1 === p ? 0 : j + 1)
        out[i] = (a[j] as number) - (b[i] as number);
    },
  ],
  Multiply: [
    (a, b, out, p) => {
      for (let i = 0, j = 0; i < out.length; i++, j = j + 1 === p ? 0 : j + 1)
        out[i] = (a[i] as number) * (b[j] as number);
    },
    (a, b, out, p) => {
      for (let i = 0, j = 0; i < out.length; i++, j = j + 1 === p ? 0 : j + 1)
        out[i] = (a[j] as number) * (b[i] as number);
    },
  ],
  RealDiv: [
    (a, b, out, p) => {
      for (let i = 0, j = 0; i < out.length; i++, j = j + 1 === p ? 0 : j + 1)
        out[i] = (a[i] as number) / (b[j] as number);
    },
    (a, b, out, p) => {
      for (let i = 0, j = 0; i < out.length; i++, j = j + 1 === p ? 0 : j + 1)
        out[i] = (a[j] as number) / (b[i] as number);
    },
  ],
  Greater: [
    (a, b, out, p) => {
      for (let i = 0, j = 0; i < out.length; i++, j = j + 1 === p ? 0 : j + 1)
        out[i] = (a[i] as number) > (b[j] as number) ? 1 : 0;
    },
    (a, b, out, p) => {
      for (let i = 0, j = 0; i < out.length; i++, j = j + 1 === p ? 0 : j + 1)
        out[i] = (a[j] as number) > (b[i] as number) ? 1 : 0;
    },
  ],
} satisfies Record<string, [Loop, Loop]>;

type BinaryKernel = keyof typeof LOOPS;

/**
 * The period of `small` inside `full`'s broadcast when `small`, without its leading 1s, is a
 * trailing suffix of `out` and `full` has `out`'s size (so `full` is laid out as `out`); else null.
 */
export function suffixPeriod(
  small: readonly number[],
  full: readonly number[],
  out: readonly number[],
): number | null {
  const size = (shape: readonly number[]) => shape.reduce((x, y) => x * y, 1);
  if (size(full) !== size(out)) return null;
  let lead = 0;
  while (lead < small.length && small[lead] === 1) lead++;
  const kept = small.slice(lead);
  const tail = out.slice(out.length - kept.length);
  if (kept.length > out.length || kept.some((d, i) => d !== tail[i])) return null;
  return size(kept);
}

function fastBinary(kernel: BinaryKernel, args: KernelArgs) {
  const backend = args.backend as CpuBackendLike;
  const a = args.inputs.a as tf.TensorInfo;
  const b = args.inputs.b as tf.TensorInfo;
  const aValues = numericValues(backend, a);
  const bValues = numericValues(backend, b);
  if (!aValues || !bValues || a.dtype !== b.dtype) return runStockKernel(kernel, args);
  const outShape = tf.backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
  const bPeriod = suffixPeriod(b.shape, a.shape, outShape);
  const aPeriod = bPeriod === null ? suffixPeriod(a.shape, b.shape, outShape) : null;
  if (bPeriod === null && aPeriod === null) return runStockKernel(kernel, args);
  const dtype = kernel === 'Greater' ? 'bool' : a.dtype;
  const out = allocate(
    dtype,
    outShape.reduce((x, y) => x * y, 1),
  );
  const [bLoop, aLoop] = LOOPS[kernel];
  // An empty periodic operand only occurs with an empty output, where no loop body runs.
  if (bPeriod !== null) bLoop(aValues, bValues, out, bPeriod);
  else aLoop(aValues, bValues, out, aPeriod as number);
  return backend.makeTensorInfo(outShape, dtype, out);
}

const kernelFuncs = Object.fromEntries(
  (Object.keys(LOOPS) as BinaryKernel[]).map((k) => [k, (args: KernelArgs) => fastBinary(k, args)]),
) as Record<BinaryKernel, (args: KernelArgs) => tf.TensorInfo | tf.TensorInfo[]>;

/** Replaces the CPU backend's Add, Sub, Multiply, RealDiv and Greater kernels; idempotent. */
export function installFastCpuBinary(): void {
  for (const [name, func] of Object.entries(kernelFuncs))
    replaceCpuKernel(name, func as tf.KernelFunc);
}
