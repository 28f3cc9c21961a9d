// One training step of a colorizer + backbone on WebGPU with tfjs's stock kernels or ours: kernels
// (tf.profile), dispatches and readbacks (gpu-counters.ts), GPU time by kernel (timestamp
// queries, where the adapter has them) and wall time; and a loss trajectory for the parity test.
import * as tf from '@tensorflow/tfjs';
import {
  type BackboneKind,
  type ColorizerKind,
  createNetwork,
  createRandom,
  type Network,
  Sgd,
  trainStep,
} from '../../../src/core';
import {
  installFastWebGpuKernels,
  restoreStockWebGpuKernels,
} from '../../../src/core/backend/select';
import {
  installWebGpuConvFilter,
  overrideConvFilterPlan,
} from '../../../src/core/backend/webgpu-conv-filter';
import { installWebGpuSgdUpdate } from '../../../src/core/backend/webgpu-sgd-update';
import { setClosedFormBatchNorm } from '../../../src/core/model/batch-norm-train';
import { countGpuWork } from './gpu-counters';

export interface StepSpec {
  colorizer: ColorizerKind;
  backbone: BackboneKind;
  widthMultiplier: number;
  size: number;
  batch: number;
  /** 'fast': our WebGPU kernels; 'stock': tfjs's; or only one of ours. */
  kernels: Kernels;
  seed?: number;
}

const HYPER = { lr: 0.01, momentum: 0.9, weightDecay: 1e-4 };

/** 'fast': all of ours (filter gradient, fused SGD, closed-form BatchNorm gradient); 'stock':
 *  tfjs's kernels and differentiation; 'gpu-plan': ours with the filter gradient's GPU plan
 *  (staged tiles, split-K) forced; or one of ours alone. */
export type Kernels = 'fast' | 'stock' | 'gpu-plan' | 'filter-only' | 'sgd-only' | 'bn-only';

async function selectKernels(kernels: Kernels) {
  await tf.setBackend('webgpu');
  restoreStockWebGpuKernels();
  overrideConvFilterPlan(kernels === 'gpu-plan' ? {} : null);
  const all = kernels === 'fast' || kernels === 'gpu-plan';
  if (all) installFastWebGpuKernels();
  if (kernels === 'filter-only') installWebGpuConvFilter();
  if (kernels === 'sgd-only') installWebGpuSgdUpdate();
  setClosedFormBatchNorm(all || kernels === 'bn-only');
}

/** Back to the page's defaults: our kernels with the adapter's own plan. */
function resetKernels() {
  overrideConvFilterPlan(null);
  setClosedFormBatchNorm(true);
  installFastWebGpuKernels();
}

function batchOf(spec: StepSpec, seed: number) {
  const random = createRandom(seed);
  const n = spec.batch * spec.size * spec.size;
  const x = Float32Array.from({ length: n }, () => random() * 2 - 1);
  const targets = Float32Array.from({ length: spec.batch * 5 }, () => (random() < 0.5 ? 0 : 1));
  return tf.tidy(() => ({
    x: tf.tensor4d(x, [spec.batch, spec.size, spec.size, 1]),
    targets: tf.tensor2d(targets, [spec.batch, 5]),
    mask: tf.ones([spec.batch, 5]) as tf.Tensor2D,
  }));
}

function networkOf(spec: StepSpec): Network {
  return createNetwork({
    colorizer: spec.colorizer,
    backbone: spec.backbone,
    widthMultiplier: spec.widthMultiplier,
    numClasses: 5,
    seed: spec.seed ?? 0,
  });
}

/** Waits for all queued GPU work: reads the last trainable variable the update wrote. */
const sync = async (net: Network) => {
  await net.trainableVariables().at(-1)?.data();
};

type Profile = Awaited<ReturnType<typeof tf.profile>>;

function byKernel(profile: Profile) {
  const table: Record<string, { calls: number; ms: number }> = {};
  for (const k of profile.kernels) {
    const row = table[k.name] ?? { calls: 0, ms: 0 };
    row.calls++;
    row.ms += Number(k.kernelTimeMs) || 0;
    table[k.name] = row;
  }
  return table;
}

/** Kernels, dispatches and readbacks of one step and of its optimizer update alone, and GPU ms
 *  by kernel of one profiled step (timestamp queries; 0 where the adapter has none). */
export async function countStep(spec: StepSpec) {
  await selectKernels(spec.kernels);
  const net = networkOf(spec);
  const sgd = new Sgd(net.trainableVariables());
  const batch = batchOf(spec, 1);
  const step = () => trainStep(net, sgd, batch, HYPER).dispose();
  step(); // compiles the shaders
  await sync(net);
  const stepCounts = await countGpuWork(step);
  await sync(net);
  // tf.profile reuses one result object: read each profile before the next.
  const stepProfile = byKernel(await tf.profile(step));
  await sync(net);
  const variables = net.trainableVariables();
  const { grads, value } = tf.variableGrads(
    () => tf.tidy(() => net.logits(batch.x, true).mean()) as tf.Scalar,
    variables,
  );
  value.dispose();
  const optimizerCounts = await countGpuWork(() => sgd.step(grads, HYPER));
  const optimizerKernels = (await tf.profile(() => sgd.step(grads, HYPER))).kernels.length;
  tf.dispose(Object.values(grads));
  tf.dispose([batch.x, batch.targets, batch.mask]);
  sgd.dispose();
  net.dispose();
  resetKernels();
  return {
    variables: variables.length,
    kernels: Object.values(stepProfile).reduce((sum, k) => sum + k.calls, 0),
    gpuMs: Object.values(stepProfile).reduce((sum, k) => sum + k.ms, 0),
    dispatches: stepCounts.dispatches,
    readbacks: stepCounts.readbacks,
    optimizerKernels,
    optimizerDispatches: optimizerCounts.dispatches,
    byKernel: stepProfile,
    byProgram: stepCounts.byProgram,
  };
}

/**
 * Wall ms of `rounds` steps with tfjs's kernels and as many with ours, alternating (stock, fast,
 * fast, stock, …) on one network so that load from elsewhere on the machine hits both alike. Each
 * step is closed by a sync, so its asynchronous GPU work is inside its time; both kernel sets
 * compile in an untimed step first.
 */
export async function timeStepsInterleaved(spec: Omit<StepSpec, 'kernels'>, rounds: number) {
  const net = networkOf({ ...spec, kernels: 'fast' });
  const sgd = new Sgd(net.trainableVariables());
  const batch = batchOf({ ...spec, kernels: 'fast' }, 1);
  const times = { stock: [] as number[], fast: [] as number[] };
  const order = ['stock', 'fast'] as const;
  for (let r = -1; r < rounds; r++) {
    for (const kernels of r % 2 === 0 ? [...order].reverse() : order) {
      await selectKernels(kernels);
      const started = performance.now();
      trainStep(net, sgd, batch, HYPER).dispose();
      await sync(net);
      if (r >= 0) times[kernels].push(performance.now() - started);
    }
  }
  tf.dispose([batch.x, batch.targets, batch.mask]);
  sgd.dispose();
  net.dispose();
  resetKernels();
  return times;
}

/** Losses of `steps` SGD steps on one batch from the same seeded start (one readback). */
export async function lossTrajectory(spec: StepSpec, steps: number, lr = 0.05) {
  await selectKernels(spec.kernels);
  const net = networkOf(spec);
  const sgd = new Sgd(net.trainableVariables());
  const batch = batchOf(spec, 100);
  const losses: tf.Scalar[] = [];
  for (let i = 0; i < steps; i++)
    losses.push(trainStep(net, sgd, batch, { lr, momentum: 0.9, weightDecay: 1e-4 }));
  tf.dispose([batch.x, batch.targets, batch.mask]);
  const values = await tf.stack(losses).data(); // one readback for all steps
  tf.dispose(losses);
  sgd.dispose();
  net.dispose();
  resetKernels();
  return Array.from(values);
}
