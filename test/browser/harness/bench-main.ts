// The training-speed bench page: registers tfjs's WebGPU backend and exposes the shared step
// timing as window.benchHarness, so test/bench/train-steps-browser.ts runs it via page.evaluate.
import '@tensorflow/tfjs-backend-webgpu';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../../src/core/backend/select';
import { describeWebGpuAdapter } from '../../../src/platform/adapter-info';
import { timeSteps } from '../../bench/step-timing';

const benchHarness = {
  selectBackend,
  timeSteps,
  backend: () => tf.getBackend(),
  /** The adapter the page runs on (SwiftShader here), for the printed header. */
  adapter: () => describeWebGpuAdapter(tf.backend()),
};
Object.assign(window, { benchHarness });
(document.getElementById('status') as HTMLElement).textContent = 'ready';

export type BenchHarness = typeof benchHarness;

declare global {
  interface Window {
    benchHarness: BenchHarness;
  }
}
