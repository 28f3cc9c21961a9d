// Counts what a piece of work costs the WebGPU backend: dispatches (runWebGPUProgram calls that
// reach the GPU, by program) and readbacks (read/readSync), by wrapping the backend instance's
// methods for the duration of one call. Test/bench code: it touches tfjs internals freely.
import * as tf from '@tensorflow/tfjs';

interface Instrumented {
  runWebGPUProgram(
    program: { constructor: { name: string }; shaderKey?: string },
    ...rest: unknown[]
  ): unknown;
  read(dataId: object): Promise<unknown>;
  readSync(dataId: object): unknown;
}

export interface GpuCounts {
  dispatches: number;
  readbacks: number;
  /** Dispatches by program class (the stock programs) or shader key prefix (ours). */
  byProgram: Record<string, number>;
}

const programName = (program: { constructor: { name: string }; shaderKey?: string }) => {
  const own = program.shaderKey?.match(/^chromaxr[A-Za-z]+/)?.[0];
  return own ?? program.constructor.name;
};

/** Runs `fn` (sync or async) with the current WebGPU backend's dispatches and reads counted. */
export async function countGpuWork(fn: () => unknown): Promise<GpuCounts> {
  const backend = tf.backend() as unknown as Instrumented;
  const counts: GpuCounts = { dispatches: 0, readbacks: 0, byProgram: {} };
  const run = backend.runWebGPUProgram;
  const read = backend.read;
  const readSync = backend.readSync;
  backend.runWebGPUProgram = function (program, ...rest) {
    counts.dispatches++;
    const name = programName(program);
    counts.byProgram[name] = (counts.byProgram[name] ?? 0) + 1;
    return run.call(this, program, ...rest);
  };
  backend.read = function (dataId) {
    counts.readbacks++;
    return read.call(this, dataId);
  };
  backend.readSync = function (dataId) {
    counts.readbacks++;
    return readSync.call(this, dataId);
  };
  try {
    await fn();
  } finally {
    backend.runWebGPUProgram = run;
    backend.read = read;
    backend.readSync = readSync;
  }
  return counts;
}
