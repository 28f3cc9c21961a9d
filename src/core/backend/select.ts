// Backend selection for the core: WebGPU, else WebGL, else CPU, with the CPU kernel fixes
// installed whenever the CPU backend runs. tfjs only; the WebGPU backend is registered by the
// caller (worker or browser test), so Node never loads it.
import * as tf from '@tensorflow/tfjs';
import { installFastCpuConvFilterGradient } from './cpu-conv-filter-grad';
import { installFastCpuTranspose } from './cpu-transpose';

export type BackendName = 'webgpu' | 'webgl' | 'cpu';

/** Tries each backend in order; returns the one in use. */
export async function selectBackend(order: readonly BackendName[]): Promise<BackendName> {
  for (const name of order) {
    if (!tf.findBackendFactory(name)) continue;
    try {
      if (await tf.setBackend(name)) {
        await tf.ready();
        if (name === 'cpu') {
          installFastCpuConvFilterGradient();
          installFastCpuTranspose();
        }
        return name;
      }
    } catch {
      // This backend failed to start (no adapter, lost context): try the next one.
    }
  }
  throw new Error(`None of the backends ${order.join(', ')} could start`);
}

export async function startCpuBackend(): Promise<void> {
  await selectBackend(['cpu']);
}
