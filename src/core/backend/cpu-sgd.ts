// One SGD-with-momentum update (Sgd.step's p·(1 − lr·wd), mom·v + g, p − lr·v) as a single CPU
// kernel. As five elementwise ops it allocated five parameter-sized arrays per variable and took
// ≈0.25 s of a ResNet18 step; as one pass it takes a few tens of ms. Each intermediate is rounded
// to float32 as the ops would round it, so the result is bit-identical to the op chain. Registered
// as a custom kernel for the CPU backend only: other backends keep the op chain. tfjs only.
import * as tf from '@tensorflow/tfjs';
import type { CpuBackendLike, KernelArgs } from './cpu-kernel-registry';

export const SGD_MOMENTUM_KERNEL = 'ChromaxrSgdMomentum';

export interface SgdMomentumAttrs {
  lr: number;
  momentum: number;
  weightDecay: number;
}

/** [p′, v′] from p, v, g (all float32, one shape). */
export function sgdMomentum(
  p: Float32Array,
  v: Float32Array,
  g: Float32Array,
  { lr, momentum, weightDecay }: SgdMomentumAttrs,
): [Float32Array, Float32Array] {
  // The ops multiply by float32 scalars: round the factors as tf.scalar would.
  const keep = Math.fround(1 - lr * weightDecay);
  const mom = Math.fround(momentum);
  const rate = Math.fround(lr);
  const nextP = new Float32Array(p.length);
  const nextV = new Float32Array(p.length);
  for (let i = 0; i < p.length; i++) {
    const decayed = Math.fround((p[i] as number) * keep);
    const velocity = Math.fround(Math.fround((v[i] as number) * mom) + (g[i] as number));
    nextV[i] = velocity;
    nextP[i] = decayed - Math.fround(velocity * rate);
  }
  return [nextP, nextV];
}

function sgdKernel(args: KernelArgs) {
  const backend = args.backend as CpuBackendLike;
  const { variable, velocity, grad } = args.inputs as Record<string, tf.TensorInfo>;
  if (!variable || !velocity || !grad) throw new Error(`${SGD_MOMENTUM_KERNEL}: missing input`);
  const values = (t: tf.TensorInfo) => {
    const array = backend.data.get(t.dataId).values;
    if (t.dtype !== 'float32' || !(array instanceof Float32Array))
      throw new Error(`${SGD_MOMENTUM_KERNEL}: float32 only, got ${t.dtype}`);
    return array;
  };
  const [p, v] = sgdMomentum(
    values(variable),
    values(velocity),
    values(grad),
    args.attrs as SgdMomentumAttrs,
  );
  return [
    backend.makeTensorInfo(variable.shape, 'float32', p),
    backend.makeTensorInfo(variable.shape, 'float32', v),
  ];
}

/** Registers the fused update for the CPU backend; idempotent. */
export function installCpuSgd(): void {
  if (tf.getKernel(SGD_MOMENTUM_KERNEL, 'cpu')) return;
  tf.registerKernel({
    kernelName: SGD_MOMENTUM_KERNEL,
    backendName: 'cpu',
    kernelFunc: sgdKernel as tf.KernelFunc,
  });
}
