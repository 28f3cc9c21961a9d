// Starts the best available tfjs backend inside the worker and describes it. Registers the
// WebGPU backend here (not in the core) so Node never loads it.
import '@tensorflow/tfjs-backend-webgpu';
import * as tf from '@tensorflow/tfjs';
import { type BackendName, cpuKernelInfo, selectBackend } from '../core/backend/select';
import { describeWebGlRenderer, describeWebGpuAdapter } from '../platform/adapter-info';
import { browserCpuOptions } from './cpu-threads';
import type { DeviceInfo } from './protocol';

export const DEFAULT_BACKENDS: BackendName[] = ['webgpu', 'webgl', 'cpu'];

function describe(backend: BackendName): string {
  if (backend === 'webgpu') return describeWebGpuAdapter(tf.backend());
  if (backend === 'webgl') return describeWebGlRenderer();
  return `CPU (no GPU acceleration; convolutions on ${cpuKernelInfo()})`;
}

/** What a WebGPU device reports when it is lost (GPUDeviceLostInfo). */
interface LostInfo {
  reason: string;
  message: string;
}

/** An error thrown outside any promise: the worker's error event, which the page takes as a crash. */
const throwUncaught = (error: Error) =>
  setTimeout(() => {
    throw error;
  });

/**
 * A lost GPU device (driver reset, GPU removed, device destroyed) cannot be recovered inside this
 * worker: tfjs holds it for every tensor and kernel. The worker then fails as a crash does, with
 * an error naming the loss, so the page replaces it (request-client.ts), the new worker starts the
 * best backend there is now (WebGPU again if an adapter answers, else the next, with the reason in
 * the device badge), and the stage resumes from its last checkpoint at the same step.
 */
export function failOnDeviceLoss(
  device: { lost: Promise<LostInfo> },
  fail: (error: Error) => void = throwUncaught,
): void {
  void device.lost.then((info) =>
    fail(new Error(`The GPU device was lost (${info.reason || 'unknown'}: ${info.message})`)),
  );
}

export async function startDevice(order: BackendName[] = DEFAULT_BACKENDS): Promise<DeviceInfo> {
  const backend = await selectBackend(order, browserCpuOptions());
  if (backend === 'webgpu') {
    const { device } = tf.backend() as unknown as { device?: { lost: Promise<LostInfo> } };
    if (device) failOnDeviceLoss(device);
  }
  const fallbackReasons = order
    .slice(0, order.indexOf(backend))
    .map((skipped) => `${skipped} is unavailable in this browser or on this device`);
  // Warm-up: compile the first shaders now, so nothing later times their compilation. An async
  // read: a synchronous one (dataSync) in a worker on WebGPU left the device unusable for uploads.
  const warm = tf.tidy(() =>
    tf.conv2d(
      tf.ones([1, 8, 8, 1]) as tf.Tensor4D,
      tf.ones([3, 3, 1, 1]) as tf.Tensor4D,
      1,
      'same',
    ),
  );
  await warm.data();
  warm.dispose();
  return { backend, adapter: describe(backend), fallbackReasons };
}
