// tfjs's WebGPU backend in Node, on Dawn's Node binding (npm `webgpu`, an optional dependency: the
// studio never loads it). Tries a core-mode adapter first (Vulkan, Metal or D3D12: a GPU server's
// vendor driver), then Dawn's OpenGL ES backend in compatibility mode (Mesa's llvmpipe through
// EGL: what a machine without a GPU or a Vulkan 1.1 driver has). Used by the runner's
// `--backend webgpu-node`, the bench and the tests. Node-only script code.
import * as tf from '@tensorflow/tfjs';
import { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { selectBackend } from '../../src/core/backend/select';

/** One way of asking Dawn for an adapter. */
interface AdapterAttempt {
  name: string;
  /** Dawn's instance toggles (`create(flags)`). */
  flags: string[];
  options: GPURequestAdapterOptions;
}

const ATTEMPTS: readonly AdapterAttempt[] = [
  { name: 'core (Vulkan, Metal or D3D12)', flags: [], options: {} },
  // tfjs's kernels run under compatibility mode's rules once the device gets the adapter's limits:
  // with compatibility's default limits (128 invocations per workgroup) tfjs's 256-wide kernels
  // (BinaryOp, Reduce, MatMulReduce, Transpose, Conv2DMM) fail validation.
  {
    name: 'compatibility (OpenGL ES through EGL)',
    flags: ['backend=opengles'],
    options: { featureLevel: 'compatibility' },
  },
];

const INSTALL_HINT =
  'Install a GPU vendor Vulkan driver (Dawn refuses the CPU ones of Debian 12, lavapipe and ' +
  'SwiftShader: "Vulkan shaderUniform*ArrayDynamicIndexing required"), or Mesa EGL for the ' +
  'OpenGL ES fallback (Debian: apt-get install libegl-dev libegl-mesa0 libgl1-mesa-dri; Dawn ' +
  'opens libEGL.so, which only libegl-dev provides)';

export interface NodeWebGpu {
  /** Which attempt gave the adapter, and the adapter's own words (device, driver). */
  description: string;
  device: GPUDevice;
  info: GPUAdapterInfo;
}

/** Dawn's binding, or an error saying how to install it. */
async function loadDawn(): Promise<typeof import('webgpu')> {
  try {
    return await import('webgpu');
  } catch (error) {
    throw new Error(
      `--backend webgpu-node needs the npm package webgpu (an optional dependency; npm ci installs ` +
        `it unless --omit=optional): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Every limit at the adapter's maximum: compatibility mode's defaults are too low for tfjs, and a
 *  GPU server's adapter allows more than core's defaults too. */
function adapterLimits(adapter: GPUAdapter): Record<string, number> {
  const limits: Record<string, number> = {};
  for (const key in adapter.limits) {
    const value = adapter.limits[key as keyof GPUSupportedLimits];
    if (typeof value === 'number') limits[key] = value;
  }
  return limits;
}

function describeAdapter(attempt: AdapterAttempt, info: GPUAdapterInfo): string {
  const words = [info.vendor, info.architecture, info.device, info.description].filter(Boolean);
  return `Dawn ${attempt.name}: ${words.join(', ') || 'unnamed adapter'}`;
}

/** The first adapter Dawn gives, with its device; throws naming each attempt and what to install. */
export async function openNodeWebGpu(log: (line: string) => void): Promise<NodeWebGpu> {
  const dawn = await loadDawn();
  // navigator.gpu and the GPU* constants (GPUBufferUsage…) that tfjs's backend reads as globals.
  Object.assign(globalThis, dawn.globals);
  // Mesa's EGL otherwise looks for an X11 or Wayland display, which a server does not have.
  process.env.EGL_PLATFORM ??= 'surfaceless';
  for (const attempt of ATTEMPTS) {
    const gpu = dawn.create(attempt.flags);
    const adapter = await gpu.requestAdapter(attempt.options);
    if (!adapter) {
      log(`WebGPU in Node: no ${attempt.name} adapter (Dawn's warnings above say why)`);
      continue;
    }
    const device = await adapter.requestDevice({ requiredLimits: adapterLimits(adapter) });
    failOnDeviceErrors(device);
    installNavigatorGpu(gpu);
    return { description: describeAdapter(attempt, adapter.info), device, info: adapter.info };
  }
  throw new Error(`WebGPU in Node found no adapter. ${INSTALL_HINT}.`);
}

/** An invalid pipeline does not throw: its dispatches are skipped and training goes on, writing
 *  AUCs of garbage. Stop the process at the first device error instead. */
function failOnDeviceErrors(device: GPUDevice): void {
  device.onuncapturederror = (event) => {
    throw new Error(`WebGPU device error (Dawn, in Node): ${event.error.message}`);
  };
}

/** tfjs's backend checks navigator.gpu when constructed; Node 20 has no navigator at all. */
function installNavigatorGpu(gpu: GPU): void {
  const host = globalThis as { navigator?: object };
  if (host.navigator)
    Object.defineProperty(host.navigator, 'gpu', { value: gpu, configurable: true });
  else Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true });
}

/** Registers tfjs's WebGPU backend on Dawn's device under the name 'webgpu' (so our WebGPU
 *  kernels install as in Chromium) and makes it current; returns the adapter's description. */
export async function startNodeWebGpuBackend(log: (line: string) => void): Promise<string> {
  const { description, device, info } = await openNodeWebGpu(log);
  // A backend registered earlier under that name (by tfjs's own module) would win over ours.
  if (tf.findBackendFactory('webgpu')) tf.removeBackend('webgpu');
  tf.registerBackend('webgpu', () => new WebGPUBackend(device, info));
  await selectBackend(['webgpu']);
  return description;
}
