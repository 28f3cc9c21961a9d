// Node's side of the CPU backend's WebAssembly kernels: worker threads (worker_threads) over the
// kernels' shared memory, and V8's relaxed-SIMD switch (Node 20 keeps it behind a flag; Chromium and
// Node ≥ 22 have it on), so the kernels get fused multiply-adds. Used by the unit-test setup, the
// benches and the experiment runner; the core itself stays host-free (src/core/backend/select.ts).
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { type CpuKernelOptions, startCpuBackend } from '../../src/core/backend/select';
import type { WasmWorkerInit } from '../../src/core/backend/wasm-runtime';

/** The worker's whole program (CommonJS, evaluated): join the kernels' task queue until stopped. */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { module, memory, control, worker } = workerData;
new WebAssembly.Instance(module, { env: { memory } }).exports.workerLoop(control, worker);
`;

/** Starts one kernel worker; unref'd, so a finished script exits without stopping it. */
export function spawnNodeWasmWorker(init: WasmWorkerInit): void {
  new Worker(WORKER_SOURCE, { eval: true, workerData: init }).unref();
}

/** Threads for the kernels: CHROMAXR_CPU_THREADS when set, else every core. */
export function defaultCpuThreads(): number {
  const configured = Number(process.env.CHROMAXR_CPU_THREADS);
  return configured >= 1 ? Math.floor(configured) : availableParallelism();
}

/** Kernel options for Node with `threads` threads (default defaultCpuThreads()). */
export function nodeCpuOptions(threads = defaultCpuThreads()): CpuKernelOptions {
  // Must precede the first WebAssembly.validate of a relaxed-SIMD module; a no-op where it is on.
  setFlagsFromString('--experimental-wasm-relaxed-simd');
  return { threads, spawn: spawnNodeWasmWorker };
}

/** tfjs's CPU backend with the fast kernels, on `threads` threads. */
export async function startNodeCpuBackend(threads?: number): Promise<void> {
  await startCpuBackend(nodeCpuOptions(threads));
}
