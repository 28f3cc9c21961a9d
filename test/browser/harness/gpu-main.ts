// The WebGPU kernel page: our filter gradient and fused SGD against tfjs's stock kernels and the
// CPU backend, exposed as window.gpuHarness for the browser test and the GPU bench.
import '@tensorflow/tfjs-backend-webgpu';
import * as tf from '@tensorflow/tfjs';
import type { PlanOptions } from '../../../src/core/backend/conv-filter-plan';
import { selectBackend } from '../../../src/core/backend/select';
import { overrideConvFilterPlan } from '../../../src/core/backend/webgpu-conv-filter';
import { describeWebGpuAdapter } from '../../../src/platform/adapter-info';
import { compareFilterGradient, filterCallsOf, timeFilterGradient } from './conv-filter-checks';
import { countStep, lossTrajectory, timeStepsInterleaved } from './step-checks';

/** What the adapter offers that the benches care about. */
async function adapterFeatures() {
  await selectBackend(['webgpu']);
  const backend = tf.backend() as unknown as { device: { features: Set<string> } };
  return {
    adapter: describeWebGpuAdapter(tf.backend()),
    timestampQuery: backend.device.features.has('timestamp-query'),
  };
}

const gpuHarness = {
  /** Forces filter-gradient plan options (null: the defaults), e.g. the GPU plan on SwiftShader. */
  overrideConvFilterPlan: (options: PlanOptions | null) => overrideConvFilterPlan(options),
  adapterFeatures,
  filterCallsOf,
  compareFilterGradient,
  timeFilterGradient,
  countStep,
  timeStepsInterleaved,
  lossTrajectory,
  selectBackend,
};
Object.assign(window, { gpuHarness });
(document.getElementById('status') as HTMLElement).textContent = 'ready';

export type GpuHarness = typeof gpuHarness;

declare global {
  interface Window {
    gpuHarness: GpuHarness;
  }
}
