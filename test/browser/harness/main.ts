// Exposes core checks to the browser tests as window.harness; the test drives them through
// page.evaluate and asserts on the plain numbers they return.
import '@tensorflow/tfjs-backend-webgpu';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../../src/core';
import { compareBackends, frozenStepOnWebGpu, leakCheckOnWebGpu } from './model-checks';

const harness = {
  compareBackends,
  frozenStepOnWebGpu,
  leakCheckOnWebGpu,
  selectBackend,
  backend: () => tf.getBackend(),
};
Object.assign(window, { harness });
(document.getElementById('status') as HTMLElement).textContent = 'ready';

export type Harness = typeof harness;
