// The fused SGD update (sgd-update.ts) on tfjs's WebGPU backend: one dispatch writes both the new
// parameter and the new momentum buffer. tfjs compiles only shaders whose inputs are read-only and
// whose single output is binding 0, so this program brings its own pipeline (binding 5, the new
// momentum, is writable) and lets runWebGPUProgram do the rest: uploads, the uniform buffer,
// batching into the command encoder, deferred disposal, timestamp profiling. recordAndSubmit reads
// program.pipeline after runWebGPUProgram has assigned the cached one; the accessor below keeps
// ours. Relies on tfjs-backend-webgpu 4.22.0 (pinned). tfjs only.
import type * as tf from '@tensorflow/tfjs';
import { replaceKernel, restoreStockKernel } from './kernel-registry';
import { SGD_UPDATE } from './sgd-update';
import {
  type GpuDeviceLike,
  isWebGpuBackend,
  type WebGpuBackendLike,
  type WebGpuProgram,
} from './webgpu-program';

const WORKGROUP = 256;

/** Bindings in tfjs's order: output, the inputs in variableNames order, then its uniforms (of
 *  which only the leading NAN field is declared, to keep the binding in the 'auto' layout). */
const SOURCE = `
  struct Uniforms { NAN : f32 };
  @group(0) @binding(0) var<storage, read_write> paramOut : array<f32>;
  @group(0) @binding(1) var<storage, read> param : array<f32>;
  @group(0) @binding(2) var<storage, read> velocity : array<f32>;
  @group(0) @binding(3) var<storage, read> grad : array<f32>;
  @group(0) @binding(4) var<storage, read> hyper : array<f32>; // 1 − lr·wd, momentum, lr
  @group(0) @binding(5) var<storage, read_write> velocityOut : array<f32>;
  @group(0) @binding(6) var<uniform> uniforms : Uniforms;

  @compute @workgroup_size(${WORKGROUP})
  fn main(@builtin(workgroup_id) group : vec3<u32>,
          @builtin(num_workgroups) groups : vec3<u32>,
          @builtin(local_invocation_index) local : u32) {
    _ = uniforms.NAN;
    let i = (group.y * groups.x + group.x) * ${WORKGROUP}u + local;
    if (i >= arrayLength(&paramOut)) {
      return;
    }
    let v = velocity[i] * hyper[1] + grad[i];
    velocityOut[i] = v;
    paramOut[i] = param[i] * hyper[0] - v * hyper[2];
  }
`;

const pipelines = new WeakMap<GpuDeviceLike, unknown>();

function pipelineFor(device: GpuDeviceLike): unknown {
  let pipeline = pipelines.get(device);
  if (!pipeline) {
    const module = device.createShaderModule({ code: SOURCE, label: SGD_UPDATE });
    pipeline = device.createComputePipeline({
      layout: 'auto',
      compute: { module, entryPoint: 'main' },
      label: SGD_UPDATE,
    });
    pipelines.set(device, pipeline);
  }
  return pipeline;
}

class SgdUpdateProgram implements WebGpuProgram {
  variableNames = ['param', 'velocity', 'grad', 'hyper', 'velocityOut'];
  shaderKey = 'chromaxrSgdUpdate';
  dispatchLayout = { x: [0] };
  workgroupSize: [number, number, number] = [WORKGROUP, 1, 1];
  dispatch: [number, number, number];

  constructor(
    readonly outputShape: number[],
    private readonly own: unknown,
  ) {
    const size = outputShape.reduce((a, b) => a * b, 1);
    this.dispatch = [Math.ceil(size / WORKGROUP), 1, 1]; // tfjs folds it into x·y past 65,535
  }

  get pipeline(): unknown {
    return this.own;
  }

  set pipeline(_compiled: unknown) {
    // tfjs's compile of getUserCode (an empty main): ours replaces it.
  }

  /** What tfjs compiles (and never runs): the header it generates plus an empty main. */
  getUserCode(): string {
    return 'fn main(index : i32) {}';
  }
}

function sgdUpdateWebGpu(args: { inputs: tf.NamedTensorInfoMap; backend: unknown }) {
  const backend = args.backend as WebGpuBackendLike;
  if (!isWebGpuBackend(backend)) throw new Error(`${SGD_UPDATE}: not a WebGPU backend`);
  const { param, velocity, grad, hyper } = args.inputs as Record<string, tf.TensorInfo>;
  if (!(param && velocity && grad && hyper)) throw new Error(`${SGD_UPDATE}: missing inputs`);
  const velocityOut = backend.makeTensorInfo(param.shape, 'float32');
  const program = new SgdUpdateProgram(param.shape, pipelineFor(backend.device));
  const inputs = [param, velocity, grad, hyper, velocityOut];
  const paramOut = backend.runWebGPUProgram(program, inputs, 'float32');
  return [paramOut, velocityOut];
}

const kernelFunc = sgdUpdateWebGpu as unknown as tf.KernelFunc;

export function installWebGpuSgdUpdate(): void {
  replaceKernel(SGD_UPDATE, 'webgpu', kernelFunc);
}

export function restoreWebGpuSgdUpdate(): void {
  restoreStockKernel(SGD_UPDATE, 'webgpu', kernelFunc);
}
