// One CPU-kernel thread of the training worker: instantiates the WebAssembly kernels over their
// shared memory and joins their task queue (workerLoop returns only when the runtime stops it).
// Started by cpu-threads.ts; holds no tensors and sends no messages.
import type { WasmWorkerInit } from '../core/backend/wasm-runtime';

interface LoopExports {
  workerLoop(control: number, worker: number): void;
}

self.onmessage = (event: MessageEvent<WasmWorkerInit>) => {
  const { module, memory, control, worker } = event.data;
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  (instance.exports as unknown as LoopExports).workerLoop(control, worker);
};
