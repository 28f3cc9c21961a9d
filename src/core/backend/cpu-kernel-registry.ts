// Swapping a CPU-backend kernel for a faster one while keeping the stock one to delegate the cases
// the fast one does not cover. Only tfjs's public kernel registry is used, so the core still
// imports nothing but @tensorflow/tfjs.
import * as tf from '@tensorflow/tfjs';

/** The slice of tfjs's MathBackendCPU the fast kernels use. */
export interface CpuBackendLike {
  data: { get(dataId: object): { values: unknown } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: tf.TypedArray): tf.TensorInfo;
}

export interface KernelArgs {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: unknown;
}

/** Plain numeric storage: float32, int32 and bool tensors (strings and complex are not). */
export type NumericArray = Float32Array | Int32Array | Uint8Array;

const stockKernels = new Map<string, tf.KernelFunc>();

/** Registers `fast` as the CPU kernel `name`, remembering the stock one; idempotent. */
export function replaceCpuKernel(name: string, fast: tf.KernelFunc): void {
  const current = tf.getKernel(name, 'cpu');
  if (current?.kernelFunc === fast) return;
  if (current) {
    stockKernels.set(name, current.kernelFunc);
    tf.unregisterKernel(name, 'cpu');
  }
  tf.registerKernel({ kernelName: name, backendName: 'cpu', kernelFunc: fast });
}

/** Runs the stock CPU kernel `name` saved by replaceCpuKernel. */
export function runStockKernel(name: string, args: KernelArgs): tf.TensorInfo | tf.TensorInfo[] {
  const stock = stockKernels.get(name);
  if (!stock) throw new Error(`${name}: no stock CPU kernel to delegate to`);
  return stock(args as Parameters<tf.KernelFunc>[0]);
}

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
