// Swapping a backend's kernel for a faster one while keeping the stock one, both to delegate the
// cases the fast one does not cover and to put it back (benchmarks compare the two in one page).
// Only tfjs's public kernel registry is used, so the core still imports nothing but tfjs.
import * as tf from '@tensorflow/tfjs';

export interface KernelArgs {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: unknown;
}

const stockKernels = new Map<string, tf.KernelFunc>();
const keyOf = (name: string, backend: string) => `${backend}:${name}`;

/** Registers `fast` as `backend`'s kernel `name`, remembering the stock one; idempotent. */
export function replaceKernel(name: string, backend: string, fast: tf.KernelFunc): void {
  const current = tf.getKernel(name, backend);
  if (current?.kernelFunc === fast) return;
  if (current) {
    if (!stockKernels.has(keyOf(name, backend)))
      stockKernels.set(keyOf(name, backend), current.kernelFunc);
    tf.unregisterKernel(name, backend);
  }
  tf.registerKernel({ kernelName: name, backendName: backend, kernelFunc: fast });
}

/** Puts back the stock kernel that replaceKernel saved; without one (tfjs never had the kernel),
 *  removes what replaceKernel registered. A no-op when nothing was replaced. */
export function restoreStockKernel(name: string, backend: string, fast: tf.KernelFunc): void {
  if (tf.getKernel(name, backend)?.kernelFunc !== fast) return;
  tf.unregisterKernel(name, backend);
  const stock = stockKernels.get(keyOf(name, backend));
  if (stock) tf.registerKernel({ kernelName: name, backendName: backend, kernelFunc: stock });
}

/** Runs `backend`'s stock kernel `name` saved by replaceKernel. */
export function runStockKernel(
  name: string,
  args: KernelArgs,
  backend = 'cpu',
): tf.TensorInfo | tf.TensorInfo[] {
  const stock = stockKernels.get(keyOf(name, backend));
  if (!stock) throw new Error(`${name}: no stock ${backend} kernel to delegate to`);
  return stock(args as Parameters<tf.KernelFunc>[0]);
}
