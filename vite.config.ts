import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The studio is a static SPA: training runs in a module worker, so workers build as ES modules.
export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  server: { host: '127.0.0.1' },
});
