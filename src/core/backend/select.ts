// Backend selection for the core: WebGPU, else WebGL, else CPU, with the CPU kernel fixes
// installed whenever the CPU backend runs. tfjs only; the WebGPU backend is registered by the
// caller (worker or browser test), so Node never loads it.
import * as tf from '@tensorflow/tfjs';
import { installFastCpuBinary } from './cpu-binary';
import { installFastCpuConv2D } from './cpu-conv2d';
import { installFastCpuMaxPoolGrad } from './cpu-max-pool-grad';
import { installFastCpuReduce } from './cpu-reduce';
import { installFastCpuSlice } from './cpu-slice';
import { installFastCpuTile } from './cpu-tile';
import { installFastCpuTranspose } from './cpu-transpose';

export type BackendName = 'webgpu' | 'webgl' | 'cpu';

/** Tries each backend in order; returns the one in use. */
export async function selectBackend(order: readonly BackendName[]): Promise<BackendName> {
  for (const name of order) {
    if (!tf.findBackendFactory(name)) continue;
    try {
      if (await tf.setBackend(name)) {
        await tf.ready();
        if (name === 'cpu') installFastCpuKernels();
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
}

export async function startCpuBackend(): Promise<void> {
  await selectBackend(['cpu']);
}
