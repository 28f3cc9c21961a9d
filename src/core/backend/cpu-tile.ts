// Tile for tfjs's CPU backend with a fast path for repeats along leading size-1 axes, e.g. the
// [1,1,1,C] → [N,H,W,C] broadcast in BatchNorm's gradient: the output is then the input's values
// repeated, which the stock kernel instead builds element by element through index→location
// arrays (≈100 ns each). Every other tiling, strings and complex go to the stock kernel. tfjs only.
import type * as tf from '@tensorflow/tfjs';
import {
  allocate,
  type CpuBackendLike,
  type KernelArgs,
  numericValues,
  replaceCpuKernel,
  runStockKernel,
} from './cpu-kernel-registry';

/**
 * How many whole copies of x the tiling is, or null when some axis holding more than one element
 * is itself repeated (the copies would then interleave).
 */
export function wholeCopies(shape: readonly number[], reps: readonly number[]): number | null {
  let first = 0;
  while (first < shape.length && shape[first] === 1) first++;
  if (reps.slice(first).some((r) => r !== 1)) return null;
  return reps.slice(0, first).reduce((a, b) => a * b, 1);
}

function fastTile(args: KernelArgs) {
  const backend = args.backend as CpuBackendLike;
  const x = args.inputs.x as tf.TensorInfo;
  const { reps } = args.attrs as { reps: number[] };
  const values = numericValues(backend, x);
  const copies = wholeCopies(x.shape, reps);
  if (!values || copies === null) return runStockKernel('Tile', args);
  const out = allocate(x.dtype, values.length * copies);
  // One period per copy: a counter avoids a subarray view per (often tiny, C-long) copy.
  for (let i = 0, j = 0; i < out.length; i++, j = j + 1 === values.length ? 0 : j + 1)
    out[i] = values[j] as number;
  const shape = x.shape.map((d, i) => d * (reps[i] as number));
  return backend.makeTensorInfo(shape, x.dtype, out);
}

/** Replaces the CPU backend's Tile kernel; idempotent. */
export function installFastCpuTile(): void {
  replaceCpuKernel('Tile', fastTile as tf.KernelFunc);
}
