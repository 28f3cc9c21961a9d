// Starts cpu-kernels.worker.ts (the CPU backend in a dedicated worker, as the studio runs it) and
// puts its report on window.cpuKernelsReport for test/browser/cpu-kernels.test.ts.
const status = document.getElementById('status');
const worker = new Worker(new URL('./cpu-kernels.worker.ts', import.meta.url), { type: 'module' });
worker.onmessage = (event: MessageEvent) => {
  (window as unknown as { cpuKernelsReport: unknown }).cpuKernelsReport = event.data;
  if (status) status.textContent = 'ready';
};
worker.onerror = (event) => {
  (window as unknown as { cpuKernelsReport: unknown }).cpuKernelsReport = { error: event.message };
  if (status) status.textContent = 'ready';
};
