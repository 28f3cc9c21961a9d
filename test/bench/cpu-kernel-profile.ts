// Where a CPU training step's time goes, kernel by kernel: one ResNet18 (width 1/8 unless --width)
// + colorizer step at 64 px, batch 16, on tfjs's CPU backend with the kernels selectBackend
// installs. Prints wall ms per unprofiled step and a per-kernel table of one profiled step, with
// GFLOP/s for the convolutions. Run: npx tsx test/bench/cpu-kernel-profile.ts
// [coloru|deconv|replicate|pixelshuffle] [--steps 3] [--width 1] [--threads 2] [--js]
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { defaultCpuThreads, nodeCpuOptions } from '../../scripts/lib/node-cpu';
import { cpuKernelInfo, startCpuBackend } from '../../src/core/backend/select';
import type { Batch } from '../../src/core/data/feed';
import { createNetwork } from '../../src/core/model';
import type { ColorizerKind } from '../../src/core/model/kinds';
import { Sgd } from '../../src/core/train/sgd';
import { trainStep } from '../../src/core/train/step';
import { convMacs } from './conv-flops';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    steps: { type: 'string', default: '3' }, // timed, unprofiled steps after one warm-up step
    size: { type: 'string', default: '64' },
    batch: { type: 'string', default: '16' },
    rows: { type: 'string', default: '16' }, // kernels listed, slowest first
    width: { type: 'string', default: '0.125' },
    threads: { type: 'string' }, // default: CHROMAXR_CPU_THREADS, else every core
    js: { type: 'boolean', default: false }, // the JavaScript convolutions instead of WebAssembly
  },
});
const colorizer = (positionals[0] ?? 'coloru') as ColorizerKind;
const size = Number(values.size);
const batchSize = Number(values.batch);
const hyper = { lr: 0.01, momentum: 0.9, weightDecay: 1e-4 };

function makeBatch(): Batch {
  return tf.tidy(() => {
    const x = tf.randomNormal([batchSize, size, size, 1], 0, 1, 'float32', 1) as tf.Tensor4D;
    const coin = tf.randomUniform([batchSize, 5], 0, 1, 'float32', 2);
    const targets = tf.cast(tf.greater(coin, 0.5), 'float32') as tf.Tensor2D;
    return { x, targets, mask: tf.onesLike(targets) };
  });
}

interface Entry {
  ms: number;
  calls: number;
  macs: number;
}

/** Kernel name → total ms, calls and multiply-adds, slowest first. */
function kernelTable(info: Awaited<ReturnType<typeof tf.profile>>): [string, Entry][] {
  const byName = new Map<string, Entry>();
  for (const k of info.kernels) {
    const entry = byName.get(k.name) ?? { ms: 0, calls: 0, macs: 0 };
    entry.ms += k.kernelTimeMs as number;
    entry.calls += 1;
    entry.macs += convMacs(k);
    byName.set(k.name, entry);
  }
  return [...byName].sort((a, b) => b[1].ms - a[1].ms);
}

const threads = Number(values.threads ?? defaultCpuThreads());
await startCpuBackend(values.js ? { wasm: false } : nodeCpuOptions(threads));
const network = createNetwork({
  colorizer,
  backbone: 'resnet18',
  widthMultiplier: Number(values.width),
  numClasses: 5,
  seed: 0,
});
const optimizer = new Sgd(network.trainableVariables());
const batch = makeBatch();
const step = () => tf.dispose(trainStep(network, optimizer, batch, hyper));
step(); // warm-up: JIT and first-call allocations
const t0 = performance.now();
for (let i = 0; i < Number(values.steps); i++) step();
const wallMs = (performance.now() - t0) / Number(values.steps);
const profile = await tf.profile(step);
const rows = kernelTable(profile);
const total = rows.reduce((sum, [, e]) => sum + e.ms, 0);
console.log(
  `${colorizer}, ResNet18 width ${values.width}: ${wallMs.toFixed(0)} ms/step wall (mean of ` +
    `${values.steps}); convolutions on ${cpuKernelInfo()}`,
);
console.log(
  `${'kernel'.padEnd(28)}${'ms'.padStart(8)}${'calls'.padStart(7)}${'GFLOP/s'.padStart(9)}`,
);
for (const [name, e] of rows.slice(0, Number(values.rows))) {
  const rate = e.macs > 0 ? ((2 * e.macs) / e.ms / 1e6).toFixed(1) : '';
  console.log(
    `${name.padEnd(28)}${e.ms.toFixed(0).padStart(8)}${String(e.calls).padStart(7)}${rate.padStart(9)}`,
  );
}
console.log(`${'all kernels'.padEnd(28)}${total.toFixed(0).padStart(8)}`);
tf.dispose([batch.x, batch.targets, batch.mask]);
optimizer.dispose();
network.dispose();
