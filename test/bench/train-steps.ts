// Training steps/s per colorizer in Node on the CPU backend (with the fast kernels the runner uses),
// or with --backend webgpu-node on tfjs's WebGPU backend over Dawn (the runner's flag), and the
// share of step time outside the model. Prints a table; run: npx tsx test/bench/train-steps.ts
// [--quick] [--backend cpu|webgpu-node] [--colorizers replicate,coloru] [--batch 16] [--size 64]
// [--warmup 5] [--steps 10] [--patients 120] [--width 0.125] [--threads N] [--js] (threads: default
// CHROMAXR_CPU_THREADS, else every core; --js: the JavaScript convolutions instead of WebAssembly)
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { defaultCpuThreads, nodeCpuOptions } from '../../scripts/lib/node-cpu';
import { cpuKernelInfo, startCpuBackend } from '../../src/core/backend/select';
import { COLORIZER_KINDS } from '../../src/core/model';
import type { ColorizerKind } from '../../src/core/model/kinds';
import { formatTimings, progressLine } from './step-table';
import { type StepTiming, timeSteps } from './step-timing';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    colorizers: { type: 'string', default: COLORIZER_KINDS.join(',') },
    batch: { type: 'string', default: '16' },
    size: { type: 'string', default: '64' },
    warmup: { type: 'string' },
    steps: { type: 'string' },
    patients: { type: 'string', default: '120' },
    width: { type: 'string', default: '0.125' },
    threads: { type: 'string' },
    js: { type: 'boolean', default: false },
    backend: { type: 'string', default: 'cpu' },
  },
});

// --quick: fewer steps (noisier figures), for `npm run bench -- --quick`.
// Warm-up 5: with 1–2 the engine window (timed first) still paid warm-up costs the model-only
// window did not (replicate: 18–22 % outside with 1–2 warm-up steps, 6 % with 6).
const warmupSteps = Number(values.warmup ?? (values.quick ? 2 : 5));
const timedSteps = Number(values.steps ?? (values.quick ? 3 : 10));

if (values.backend === 'webgpu-node') {
  const { startNodeWebGpuBackend } = await import('../../scripts/lib/webgpu-node');
  console.error(`WebGPU on ${await startNodeWebGpuBackend((line) => console.error(line))}`);
} else if (values.backend === 'cpu') {
  const threads = Number(values.threads ?? defaultCpuThreads());
  await startCpuBackend(values.js ? { wasm: false } : nodeCpuOptions(threads));
  console.error(`convolutions on ${cpuKernelInfo()}`);
} else throw new Error(`--backend ${values.backend}: cpu or webgpu-node`);
const timings: StepTiming[] = [];
for (const colorizer of values.colorizers.split(',') as ColorizerKind[]) {
  const before = tf.memory().numTensors;
  timings.push(
    await timeSteps({
      colorizer,
      batchSize: Number(values.batch),
      size: Number(values.size),
      warmupSteps,
      timedSteps,
      patients: Number(values.patients),
      widthMultiplier: Number(values.width),
    }),
  );
  console.error(`${progressLine(timings.at(-1))}; tensors left ${tf.memory().numTensors - before}`);
}
console.log(formatTimings(timings));
