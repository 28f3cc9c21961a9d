import { defineConfig } from 'vitest/config';

// Two projects: `unit` runs the pure core on tfjs's CPU backend in Node (and components in jsdom,
// in the .test.tsx files that ask for it); `browser` drives Debian's Chromium (WebGPU on
// SwiftShader) through playwright-core, one file at a time because it is slow.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/unit/**/*.test.ts'],
          setupFiles: ['test/helpers/setup-cpu.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 600_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
