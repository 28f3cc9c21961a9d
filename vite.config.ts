import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Cross-origin isolation, so the CPU fallback's WebAssembly kernels get SharedArrayBuffer and
// worker threads (src/worker/cpu-threads.ts). Everything the studio fetches from elsewhere (ImageNet
// weights) is a CORS request, which require-corp allows; a host serving dist/ must send the same
// two headers, or the CPU kernels run on one thread (nothing else changes).
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// The studio is a static SPA: training runs in a module worker, so workers build as ES modules.
export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  server: { host: '127.0.0.1', headers: isolation },
  preview: { headers: isolation },
});
