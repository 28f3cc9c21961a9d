// Backend selection for the core: WebGPU, else WebGL, else CPU, with our faster kernels installed
// for whichever of CPU and WebGPU runs (CPU convolutions on WebAssembly SIMD where the engine has
// it, on as many threads as the host gives workers for). tfjs only; the WebGPU backend is
// registered by the caller (worker or browser test), so Node never loads it.
import * as tf from '@tensorflow/tfjs';
import { installCpuActivationGrad } from './cpu-activation-grad';
import { installCpuBatchNorm } from './cpu-batch-norm';
import { installFastCpuBinary } from './cpu-binary';
import { installFastCpuConv2D } from './cpu-conv2d';
import { installFastCpuMaxPoolGrad } from './cpu-max-pool-grad';
import { installFastCpuPad } from './cpu-pad';
import { installFastCpuReduce } from './cpu-reduce';
import { installFastCpuSlice } from './cpu-slice';
import { installFastCpuTile } from './cpu-tile';
import { installCpuTransform } from './cpu-transform';
import { installFastCpuTranspose } from './cpu-transpose';
import { installCpuSgdUpdate } from './sgd-update';
import { loadWasmRuntime, type WasmRuntime, type WasmRuntimeOptions } from './wasm-runtime';
import { installWebGpuConvFilter, restoreWebGpuConvFilter } from './webgpu-conv-filter';
import { installWebGpuSgdUpdate, restoreWebGpuSgdUpdate } from './webgpu-sgd-update';

export interface CpuKernelOptions extends WasmRuntimeOptions {
  /** false keeps every kernel in JavaScript (the fallback, for comparisons). Default true. */
  wasm?: boolean;
}

export type BackendName = 'webgpu' | 'webgl' | 'cpu';

/** Tries each backend in order; returns the one in use. */
export async function selectBackend(
  order: readonly BackendName[],
  cpu: CpuKernelOptions = {},
): Promise<BackendName> {
  for (const name of order) {
    if (!tf.findBackendFactory(name)) continue;
    try {
      if (await tf.setBackend(name)) {
        await tf.ready();
        if (name === 'cpu') installFastCpuKernels(cpu);
        if (name === 'webgpu') installFastWebGpuKernels();
        return name;
      }
    } catch {
      // This backend failed to start (no adapter, lost context): try the next one.
    }
  }
  throw new Error(`None of the backends ${order.join(', ')} could start`);
}

/** The WebAssembly runtime, loaded by the first installFastCpuKernels (null: none, or refused). */
let wasmRuntime: WasmRuntime | null | undefined;

/** Swaps the CPU backend's slow kernels for the fast ones of this folder; idempotent (the first
 *  call's WebAssembly options stand: its threads live as long as the process or worker). */
export function installFastCpuKernels(options: CpuKernelOptions = {}): void {
  if (wasmRuntime === undefined)
    wasmRuntime = options.wasm === false ? null : loadWasmRuntime(options);
  installFastCpuConv2D(wasmRuntime);
  installFastCpuTranspose();
  installFastCpuReduce();
  installFastCpuSlice();
  installFastCpuBinary();
  installFastCpuTile();
  installFastCpuMaxPoolGrad();
  installFastCpuPad();
  installCpuSgdUpdate();
  installCpuBatchNorm();
  installCpuActivationGrad();
  installCpuTransform();
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

/** The WebAssembly runtime the CPU kernels use, or null (JavaScript kernels). */
export function cpuWasmRuntime(): WasmRuntime | null {
  return wasmRuntime ?? null;
}

/** What runs the CPU convolutions: the WebAssembly variant and its threads, or JavaScript. */
export function cpuKernelInfo(): string {
  if (!wasmRuntime) return 'JavaScript';
  const threads = wasmRuntime.threads;
  return `WebAssembly ${wasmRuntime.variant}, ${threads} thread${threads > 1 ? 's' : ''}`;
}

export async function startCpuBackend(options: CpuKernelOptions = {}): Promise<void> {
  await selectBackend(['cpu'], options);
}
