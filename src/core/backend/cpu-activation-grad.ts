// ReLU and LeakyReLU with a one-pass gradient on the CPU backend. tfjs differentiates them as
// Cast + Step + Multiply (ReLU) and Greater + Multiply + Select (LeakyReLU): three activation-sized
// sweeps and allocations each, a quarter of a CPU training step once the convolutions ran on
// WebAssembly. One custom CPU kernel computes the same float32 values in one sweep; other backends
// keep tfjs's gradients (model/layers.ts asks hasFusedActivationGrad). tfjs only.
import * as tf from '@tensorflow/tfjs';
import type { CpuBackendLike, KernelArgs } from './cpu-kernel-registry';

export const ACTIVATION_GRAD_KERNEL = 'ChromaxrActivationGrad';

/**
 * dx for upstream dy: ReLU (alpha null) as tfjs's dy·step(x) (NaN where x is NaN, ±0 where x ≤ 0),
 * LeakyReLU as tfjs's where(x > 0, dy, dy·alpha), alpha rounded to float32 as its scalar is.
 */
export function activationGrad(x: Float32Array, dy: Float32Array, alpha: number | null) {
  const dx = new Float32Array(x.length);
  if (alpha === null) {
    for (let i = 0; i < x.length; i++) {
      const v = x[i] as number;
      const step = v > 0 ? 1 : Number.isNaN(v) ? Number.NaN : 0;
      dx[i] = (dy[i] as number) * step;
    }
  } else {
    const slope = Math.fround(alpha);
    for (let i = 0; i < x.length; i++)
      dx[i] = (x[i] as number) > 0 ? (dy[i] as number) : (dy[i] as number) * slope;
  }
  return dx;
}

function gradKernel(args: KernelArgs) {
  const backend = args.backend as CpuBackendLike;
  const { x, dy } = args.inputs as Record<string, tf.TensorInfo>;
  const { alpha } = args.attrs as { alpha: number | null };
  const xs = x ? backend.data.get(x.dataId).values : null;
  const dys = dy ? backend.data.get(dy.dataId).values : null;
  if (!x || !(xs instanceof Float32Array) || !(dys instanceof Float32Array))
    throw new Error(`${ACTIVATION_GRAD_KERNEL}: float32 inputs only`);
  return backend.makeTensorInfo(x.shape, 'float32', activationGrad(xs, dys, alpha));
}

/** Registers the gradient kernel for the CPU backend; idempotent. */
export function installCpuActivationGrad(): void {
  if (tf.getKernel(ACTIVATION_GRAD_KERNEL, 'cpu')) return;
  tf.registerKernel({
    kernelName: ACTIVATION_GRAD_KERNEL,
    backendName: 'cpu',
    kernelFunc: gradKernel as tf.KernelFunc,
  });
}

const hasFusedGrad = () => tf.getKernel(ACTIVATION_GRAD_KERNEL, tf.getBackend()) !== undefined;

/** relu (alpha null) or leakyRelu(alpha): tfjs's op, with the one-pass gradient where the
 *  backend has it. */
export function activation<T extends tf.Tensor>(x: T, alpha: number | null): T {
  const plain = (v: T) => (alpha === null ? tf.relu(v) : tf.leakyRelu(v, alpha));
  if (!hasFusedGrad()) return plain(x);
  const run = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, save] = args as [T, tf.GradSaveFunc];
    save([input]);
    return {
      value: plain(input),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
        tf.engine().runKernel(ACTIVATION_GRAD_KERNEL, { x: saved[0] as tf.Tensor, dy }, {
          alpha,
        } as unknown as tf.NamedAttrMap) as tf.Tensor,
    };
  });
  return run(x) as T;
}
