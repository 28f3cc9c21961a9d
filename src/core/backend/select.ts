// Backend selection for the core: WebGPU, else WebGL, else CPU, with our faster kernels installed
// for whichever of CPU and WebGPU runs. tfjs only; the WebGPU backend is registered by the
// caller (worker or browser test), so Node never loads it.
import * as tf from '@tensorflow/tfjs';
import { installFastCpuBinary } from './cpu-binary';
import { installFastCpuConv2D } from './cpu-conv2d';
import { installFastCpuMaxPoolGrad } from './cpu-max-pool-grad';
import { installFastCpuReduce } from './cpu-reduce';
import { installFastCpuSlice } from './cpu-slice';
import { installFastCpuTile } from './cpu-tile';
import { installFastCpuTranspose } from './cpu-transpose';
import { installCpuSgdUpdate } from './sgd-update';
import { installWebGpuConvFilter, restoreWebGpuConvFilter } from './webgpu-conv-filter';
import { installWebGpuSgdUpdate, restoreWebGpuSgdUpdate } from './webgpu-sgd-update';

export type BackendName = 'webgpu' | 'webgl' | 'cpu';

/** Tries each backend in order; returns the one in use. */
export async function selectBackend(order: readonly BackendName[]): Promise<BackendName> {
  for (const name of order) {
    if (!tf.findBackendFactory(name)) continue;
    try {
      if (await tf.setBackend(name)) {
        await tf.ready();
        if (name === 'cpu') installFastCpuKernels();
        if (name === 'webgpu') installFastWebGpuKernels();
        return name;
      }
    } catch {
      // This backend failed to start (no adapter, lost context): try the next one.
    }
  }
  throw new Error(`None of the backends ${order.join(', ')} could start`);
}

/** Swaps the CPU backend's slow kernels for the fast ones of this folder; idempotent. */
export function installFastCpuKernels(): void {
  installFastCpuConv2D();
  installFastCpuTranspose();
  installFastCpuReduce();
  installFastCpuSlice();
  installFastCpuBinary();
  installFastCpuTile();
  installFastCpuMaxPoolGrad();
  installCpuSgdUpdate();
}

/** Swaps in our WebGPU kernels (filter gradient, fused SGD update); idempotent. */
export function installFastWebGpuKernels(): void {
  installWebGpuConvFilter();
  installWebGpuSgdUpdate();
}

/** Puts tfjs's own WebGPU kernels back (the benches compare the two in one page). */
export function restoreStockWebGpuKernels(): void {
  restoreWebGpuConvFilter();
  restoreWebGpuSgdUpdate();
}

export async function startCpuBackend(): Promise<void> {
  await selectBackend(['cpu']);
}
