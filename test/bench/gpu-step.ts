// The studio's training step on WebGPU (Chromium) before and after our kernels, next to PyTorch on
// the same shapes: wall ms per step (interleaved rounds, median), kernels, dispatches and
// readbacks per step and in the optimizer, and GPU ms per convolution kernel from timestamp
// queries (where the adapter has them). SwiftShader by default (ColorU + ResNet18/8, 64 px, batch
// 4: it is a CPU); --gpu runs Chromium on the machine's GPU at the paper's size (320 px, batch 16,
// full-width ResNet18) and PyTorch on CUDA when it has it.
// Run: npx tsx test/bench/gpu-step.ts [--gpu] [--colorizer coloru] [--backbone resnet18]
// [--width 0.125] [--size 64] [--batch 4] [--rounds 5] [--python /usr/bin/python3]
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { BackboneKind, ColorizerKind } from '../../src/core';
import { openGpuPage } from './gpu-page';

const { values } = parseArgs({
  options: {
    gpu: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    colorizer: { type: 'string', default: 'coloru' },
    backbone: { type: 'string', default: 'resnet18' },
    width: { type: 'string' },
    size: { type: 'string' },
    batch: { type: 'string' },
    rounds: { type: 'string' },
    python: { type: 'string', default: '/usr/bin/python3' },
  },
});
const spec = {
  colorizer: values.colorizer as ColorizerKind,
  backbone: values.backbone as BackboneKind,
  widthMultiplier: Number(values.width ?? (values.gpu ? 1 : 0.125)),
  size: Number(values.size ?? (values.gpu ? 320 : 64)),
  batch: Number(values.batch ?? (values.gpu ? 16 : 4)),
};
const rounds = Number(values.rounds ?? (values.quick ? 2 : 5));
const CONV_KERNELS = ['Conv2D', 'Conv2DBackpropInput', 'Conv2DBackpropFilter'];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** PyTorch's ms per step on the same shapes (train-mode BatchNorm, fp32), or why not. */
function torchReference(): { ms: number; device: string } | string {
  const script = join(resolve(import.meta.dirname), 'torch_reference.py');
  const args = [
    script,
    `--colorizer=${spec.colorizer}`,
    `--backbone=${spec.backbone}`,
    `--width=${spec.widthMultiplier}`,
    `--size=${spec.size}`,
    `--batch=${spec.batch}`,
    `--steps=${Math.max(rounds, 3)}`,
  ];
  const run = spawnSync(values.python, args, { encoding: 'utf8' });
  if (run.status !== 0)
    return `PyTorch did not run: ${(run.stderr || run.error?.message || '').trim().split('\n').at(-1)}`;
  const out = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}');
  return {
    ms: out.ms_per_step,
    device: `${out.device}, ${out.threads} threads, torch ${out.torch}`,
  };
}

const gpu = await openGpuPage(values.gpu ? 'gpu' : 'swiftshader');
try {
  const { page } = gpu;
  const counts = {
    stock: await page.evaluate((s) => window.gpuHarness.countStep(s), {
      ...spec,
      kernels: 'stock' as const,
    }),
    fast: await page.evaluate((s) => window.gpuHarness.countStep(s), {
      ...spec,
      kernels: 'fast' as const,
    }),
  };
  const times = await page.evaluate(([s, r]) => window.gpuHarness.timeStepsInterleaved(s, r), [
    spec,
    rounds,
  ] as const);
  const torch = torchReference();
  const stockMs = median(times.stock);
  const fastMs = median(times.fast);
  console.log(
    `${spec.colorizer} + ${spec.backbone} (width ${spec.widthMultiplier}), ${spec.size} px, batch ` +
      `${spec.batch}, All stage (BatchNorm in training mode), SGD with momentum; WebGPU on ` +
      `${gpu.adapter} (timestamp queries: ${gpu.timestampQuery ? 'yes' : 'no'})\n`,
  );
  console.log('| | tfjs kernels | ours | change |');
  console.log('| --- | --- | --- | --- |');
  const change = (a: number, b: number) => (a === 0 ? '—' : `${(100 * (b / a - 1)).toFixed(0)} %`);
  const row = (what: string, a: number, b: number, digits = 0) =>
    console.log(`| ${what} | ${a.toFixed(digits)} | ${b.toFixed(digits)} | ${change(a, b)} |`);
  row(`ms per step (median of ${rounds}, interleaved)`, stockMs, fastMs);
  row('kernels per step', counts.stock.kernels, counts.fast.kernels);
  row('dispatches per step', counts.stock.dispatches, counts.fast.dispatches);
  row(
    `optimizer dispatches (${counts.fast.variables} variables)`,
    counts.stock.optimizerDispatches,
    counts.fast.optimizerDispatches,
  );
  row('readbacks per step', counts.stock.readbacks, counts.fast.readbacks);
  row('GPU ms per step, all kernels (profiled)', counts.stock.gpuMs, counts.fast.gpuMs);
  for (const name of CONV_KERNELS) {
    const a = counts.stock.byKernel[name];
    const b = counts.fast.byKernel[name];
    if (a && b) row(`GPU ms, ${name} (${a.calls} calls)`, a.ms, b.ms, 1);
  }
  console.log(
    `\nwall ms per step, tfjs kernels: ${times.stock.map((t) => t.toFixed(0)).join(', ')}`,
  );
  console.log(`wall ms per step, ours:         ${times.fast.map((t) => t.toFixed(0)).join(', ')}`);
  if (typeof torch === 'string') console.log(`\nPyTorch: ${torch}`);
  else
    console.log(
      `\nPyTorch (${torch.device}): ${torch.ms.toFixed(0)} ms per step; studio/PyTorch: tfjs ` +
        `kernels ${(stockMs / torch.ms).toFixed(1)}×, ours ${(fastMs / torch.ms).toFixed(1)}×`,
    );
} finally {
  await gpu.close();
}
