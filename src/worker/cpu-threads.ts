// Threads for the CPU backend's WebAssembly kernels in the browser: one module worker per extra
// core (kernel.worker.ts), all sharing the kernels' memory. Shared memory needs cross-origin
// isolation (the COOP/COEP headers in vite.config.ts); without it the kernels run on one thread.
import type { CpuKernelOptions } from '../core/backend/select';
import type { WasmWorkerInit } from '../core/backend/wasm-runtime';

/** Beyond this the bands get too thin to pay for more threads on the studio's shapes. */
const MAX_THREADS = 8;

function spawnKernelWorker(init: WasmWorkerInit): void {
  const worker = new Worker(new URL('./kernel.worker.ts', import.meta.url), {
    type: 'module',
    name: `cpu-kernels-${init.worker}`,
  });
  worker.postMessage(init);
}

/** Kernel options for this browsing context: every core when isolated, else one thread. */
export function browserCpuOptions(): CpuKernelOptions {
  if (!globalThis.crossOriginIsolated) return {};
  const threads = Math.min(MAX_THREADS, globalThis.navigator?.hardwareConcurrency || 1);
  return { threads, spawn: spawnKernelWorker };
}
