// The CPU backend's side of kernel replacement (kernel-registry.ts): its storage, read and
// allocated as typed arrays. tfjs only.
import type * as tf from '@tensorflow/tfjs';
import { replaceKernel } from './kernel-registry';

export { type KernelArgs, runStockKernel } from './kernel-registry';

/** The slice of tfjs's MathBackendCPU the fast kernels use. */
export interface CpuBackendLike {
  data: { get(dataId: object): { values: unknown } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: tf.TypedArray): tf.TensorInfo;
}

/** Plain numeric storage: float32, int32 and bool tensors (strings and complex are not). */
export type NumericArray = Float32Array | Int32Array | Uint8Array;

/** Registers `fast` as the CPU kernel `name`, remembering the stock one; idempotent. */
export const replaceCpuKernel = (name: string, fast: tf.KernelFunc) =>
  replaceKernel(name, 'cpu', fast);

/** The values of a float32/int32/bool tensor, or null for strings and complex numbers. */
export function numericValues(backend: CpuBackendLike, t: tf.TensorInfo): NumericArray | null {
  if (t.dtype !== 'float32' && t.dtype !== 'int32' && t.dtype !== 'bool') return null;
  const values = backend.data.get(t.dataId).values;
  const numeric =
    values instanceof Float32Array || values instanceof Int32Array || values instanceof Uint8Array;
  return numeric ? values : null;
}

/** A zeroed typed array for `dtype` (float32, int32 or bool). */
export function allocate(dtype: tf.DataType, length: number): NumericArray {
  if (dtype === 'int32') return new Int32Array(length);
  if (dtype === 'bool') return new Uint8Array(length);
  return new Float32Array(length);
}
