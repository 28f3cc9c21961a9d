// The slice of tfjs's WebGPU backend (4.22.0) our WGSL kernels use, typed structurally: the core
// imports only @tensorflow/tfjs (never the WebGPU backend package) and compiles without DOM or
// WebGPU types, so a GPU object is opaque here. runWebGPUProgram does the bookkeeping (uploads,
// uniforms, command batching, deferred disposal, timestamp profiling) for any object shaped like
// tfjs's WebGPUProgram.
import type * as tf from '@tensorflow/tfjs';

/** tfjs's WebGPUProgram fields that makeShader and runWebGPUProgram read. */
export interface WebGpuProgram {
  variableNames: string[];
  outputShape: number[];
  /** Distinguishes compiled shaders: every constant baked into the code must appear in it. */
  shaderKey: string;
  dispatchLayout: { x: number[]; y?: number[]; z?: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  /** Per input, 4 binds it as an array of vec4 (its size must be a multiple of 4). */
  variableComponents?: number[];
  /** Declares uniforms.size (the output's element count). */
  size?: boolean;
  /** Extra uniform fields, e.g. 'lr : f32,'. */
  uniforms?: string;
  getUserCode(): string;
}

export type ProgramUniform = { type: 'int32' | 'uint32' | 'float32'; data: number[] }[];

/** An opaque GPUDevice: only the calls that build our own pipelines. */
export interface GpuDeviceLike {
  createShaderModule(descriptor: { code: string; label?: string }): unknown;
  createComputePipeline(descriptor: {
    layout: 'auto';
    compute: { module: unknown; entryPoint: string };
    label?: string;
  }): unknown;
}

export interface WebGpuBackendLike {
  device: GpuDeviceLike;
  adapterInfo?: { vendor?: string; architecture?: string };
  runWebGPUProgram(
    program: WebGpuProgram,
    inputs: tf.TensorInfo[],
    outputDtype: tf.DataType,
    uniforms?: ProgramUniform,
    output?: tf.TensorInfo,
  ): tf.TensorInfo;
  makeTensorInfo(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  disposeData(dataId: object): boolean;
}

export function isWebGpuBackend(backend: unknown): backend is WebGpuBackendLike {
  const b = backend as Partial<WebGpuBackendLike> | null;
  return typeof b?.runWebGPUProgram === 'function' && typeof b.makeTensorInfo === 'function';
}

/** CPU implementations of WebGPU (SwiftShader in Chromium, llvmpipe/lavapipe under Vulkan) name
 *  themselves in the adapter info. */
export function isCpuAdapter(backend: WebGpuBackendLike): boolean {
  const info = backend.adapterInfo;
  const name = `${info?.vendor ?? ''} ${info?.architecture ?? ''}`.toLowerCase();
  return ['swiftshader', 'llvmpipe', 'lavapipe'].some((cpu) => name.includes(cpu));
}
