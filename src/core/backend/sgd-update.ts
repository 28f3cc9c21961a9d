// One SGD update per variable as a single kernel (SPEC §4, the PyTorch/fastai form):
// v' = momentum·v + g;  p' = p·(1 − lr·wd) − lr·v'. tfjs's ops take five kernels (five dispatches
// on a GPU) per variable for this; the kernel 'ChromaxrSgdUpdate' takes one. Registered for
// WebGPU (webgpu-sgd-update.ts) and CPU (here); on any other backend hasSgdUpdateKernel is false
// and Sgd keeps the op path. tfjs only.
import * as tf from '@tensorflow/tfjs';
import { type CpuBackendLike, numericValues } from './cpu-kernel-registry';
import { replaceKernel, restoreStockKernel } from './kernel-registry';

export const SGD_UPDATE = 'ChromaxrSgdUpdate';

/** hyper = [1 − lr·wd, momentum, lr] as float32, the scalars the op path multiplies by. */
export const sgdHyperValues = (lr: number, momentum: number, weightDecay: number) =>
  Float32Array.of(1 - lr * weightDecay, momentum, lr);

export function hasSgdUpdateKernel(): boolean {
  return tf.getKernel(SGD_UPDATE, tf.getBackend()) !== undefined;
}

/** [p', v'] for one variable; the caller disposes both. hyper: [3] from sgdHyperValues. */
export function sgdUpdate(
  param: tf.Tensor,
  velocity: tf.Tensor,
  grad: tf.Tensor,
  hyper: tf.Tensor1D,
): [tf.Tensor, tf.Tensor] {
  const inputs = { param, velocity, grad, hyper } as unknown as tf.NamedTensorMap;
  return tf.engine().runKernel(SGD_UPDATE, inputs, {}) as unknown as [tf.Tensor, tf.Tensor];
}

/** The CPU kernel rounds to float32 after every operation, as the five op kernels do, so both
 *  paths give the same bits. */
function sgdUpdateCpu(args: { inputs: tf.NamedTensorInfoMap; backend: unknown }) {
  const backend = args.backend as CpuBackendLike;
  const read = (name: string) => numericValues(backend, args.inputs[name] as tf.TensorInfo);
  const [p, v, g, h] = ['param', 'velocity', 'grad', 'hyper'].map(read);
  if (!(p && v && g && h)) throw new Error(`${SGD_UPDATE}: float32 inputs expected`);
  const [decay, momentum, lr] = [h[0] ?? 1, h[1] ?? 0, h[2] ?? 0];
  const f = Math.fround;
  const pOut = new Float32Array(p.length);
  const vOut = new Float32Array(p.length);
  for (let i = 0; i < p.length; i++) {
    const vi = f(f((v[i] as number) * momentum) + (g[i] as number));
    vOut[i] = vi;
    pOut[i] = f(f((p[i] as number) * decay) - f(vi * lr));
  }
  const shape = (args.inputs.param as tf.TensorInfo).shape;
  return [
    backend.makeTensorInfo(shape, 'float32', pOut),
    backend.makeTensorInfo(shape, 'float32', vOut),
  ];
}

const cpuKernel = sgdUpdateCpu as unknown as tf.KernelFunc;

export function installCpuSgdUpdate(): void {
  replaceKernel(SGD_UPDATE, 'cpu', cpuKernel);
}

export function restoreCpuSgdUpdate(): void {
  restoreStockKernel(SGD_UPDATE, 'cpu', cpuKernel);
}
