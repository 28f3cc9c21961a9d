// Issue 18's table: seconds per training step here (tfjs CPU, convolutions on the WebAssembly
// kernels; trainStep on a resident batch, i.e. model time) and in PyTorch on the same machine
// (test/bench/torch_reference.py under Debian's /usr/bin/python3: same networks, shapes, SGD,
// every part training, BatchNorm in training mode) at each thread count, with the ratio of our
// steps/s to PyTorch's and our GFLOP/s per convolution kernel (one profiled step). Each side runs
// in its own process per thread count (the kernels' threads are fixed per process), interleaved
// row by row so both see the same machine load. Medians with [min–max] over the timed steps.
// Run: npm run bench -- torch-compare, or npx tsx test/bench/torch-compare.ts [--threads 1,2]
// [--rows replicate:1,coloru:1,replicate:0.125,coloru:0.125] [--warmup 3] [--steps 8] [--quick]
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { nodeCpuOptions } from '../../scripts/lib/node-cpu';
import { cpuKernelInfo, startCpuBackend } from '../../src/core/backend/select';
import type { Batch } from '../../src/core/data/feed';
import { createNetwork } from '../../src/core/model';
import type { ColorizerKind } from '../../src/core/model/kinds';
import { Sgd } from '../../src/core/train/sgd';
import { trainStep } from '../../src/core/train/step';
import { CONV_KERNELS, convMacs } from './conv-flops';

const ROOT = resolve(import.meta.dirname, '..', '..');
const PYTHON = process.env.TORCH_PYTHON ?? '/usr/bin/python3';

const { values } = parseArgs({
  options: {
    threads: { type: 'string', default: '1,2' },
    rows: { type: 'string', default: 'replicate:1,coloru:1,replicate:0.125,coloru:0.125' },
    warmup: { type: 'string' },
    steps: { type: 'string' },
    size: { type: 'string', default: '64' },
    batch: { type: 'string', default: '16' },
    quick: { type: 'boolean', default: false },
    // Internal: run our side of one row in this process and print its JSON.
    side: { type: 'string' },
    colorizer: { type: 'string' },
    width: { type: 'string' },
  },
});
const warmup = values.warmup ?? (values.quick ? '2' : '3');
const steps = values.steps ?? (values.quick ? '3' : '8');

interface SideResult {
  seconds: number[];
  /** Our side only: what ran the convolutions, and per conv kernel ms and multiply-adds. */
  kernels?: string;
  conv?: Record<string, { ms: number; macs: number }>;
}

/** Our side of one row, in this process. */
async function ours(colorizer: ColorizerKind, width: number, threads: number): Promise<SideResult> {
  await startCpuBackend(nodeCpuOptions(threads));
  const size = Number(values.size);
  const n = Number(values.batch);
  const network = createNetwork({
    colorizer,
    backbone: 'resnet18',
    widthMultiplier: width,
    numClasses: 5,
    seed: 0,
  });
  const sgd = new Sgd(network.trainableVariables());
  const batch: Batch = tf.tidy(() => {
    const x = tf.randomNormal([n, size, size, 1], 0, 1, 'float32', 1) as tf.Tensor4D;
    const targets = tf.cast(
      tf.greater(tf.randomUniform([n, 5], 0, 1, 'float32', 2), 0.5),
      'float32',
    );
    return { x, targets: targets as tf.Tensor2D, mask: tf.onesLike(targets) as tf.Tensor2D };
  });
  const hyper = { lr: 1e-3, momentum: 0.9, weightDecay: 0.01 };
  const step = () => tf.dispose(trainStep(network, sgd, batch, hyper));
  for (let i = 0; i < Number(warmup); i++) step();
  const seconds: number[] = [];
  for (let i = 0; i < Number(steps); i++) {
    const t0 = performance.now();
    step();
    seconds.push((performance.now() - t0) / 1000);
  }
  const profile = await tf.profile(step);
  const conv: Record<string, { ms: number; macs: number }> = {};
  for (const k of profile.kernels) {
    if (!(CONV_KERNELS as readonly string[]).includes(k.name)) continue;
    const entry = conv[k.name] ?? { ms: 0, macs: 0 };
    entry.ms += k.kernelTimeMs as number;
    entry.macs += convMacs(k);
    conv[k.name] = entry;
  }
  return { seconds, kernels: cpuKernelInfo(), conv };
}

/** The last JSON line a child printed (tfjs and PyTorch may print notices before it). */
function lastJson(command: string, args: string[]): SideResult {
  const child = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
  const line = child.stdout
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  if (child.status !== 0 || !line)
    throw new Error(`${command} ${args.join(' ')} failed:\n${child.stderr.slice(-2000)}`);
  return JSON.parse(line) as SideResult;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const spread = (xs: number[]) =>
  `${median(xs).toFixed(3)} [${Math.min(...xs).toFixed(3)}–${Math.max(...xs).toFixed(3)}]`;

function gflops(r: SideResult): string {
  return CONV_KERNELS.map((name) => {
    const e = r.conv?.[name];
    return e ? ((2 * e.macs) / e.ms / 1e6).toFixed(1) : '–';
  }).join(' / ');
}

async function table(): Promise<void> {
  const rows = values.rows.split(',').map((r) => r.split(':') as [ColorizerKind, string]);
  const threadCounts = values.threads.split(',').map(Number);
  const common = [
    '--warmup',
    warmup,
    '--steps',
    steps,
    '--size',
    values.size,
    '--batch',
    values.batch,
  ];
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
  console.log(
    `batch ${values.batch}, ${values.size} px, everything training (BatchNorm in training mode); ` +
      `${warmup} warm-up + ${steps} timed steps per cell; seconds per step, median [min–max]; ` +
      `load average at start ${load()}`,
  );
  console.log(
    '| model | threads | ours s/step | PyTorch s/step | ours ÷ PyTorch steps/s | ours GFLOP/s fwd / dx / dW | our kernels |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const [colorizer, width] of rows) {
    for (const threads of threadCounts) {
      const side = ['--colorizer', colorizer, '--width', width, '--threads', String(threads)];
      const us = lastJson('npx', [
        'tsx',
        'test/bench/torch-compare.ts',
        '--side',
        'ours',
        ...side,
        ...common,
      ]);
      const torch = lastJson(PYTHON, [
        'test/bench/torch_reference.py',
        '--backbone',
        'resnet18',
        ...side,
        ...common,
      ]);
      const ratio = median(torch.seconds) / median(us.seconds);
      const name = `${colorizer} + ResNet18 width ${width}`;
      console.log(
        `| ${name} | ${threads} | ${spread(us.seconds)} | ${spread(torch.seconds)} | ` +
          `${ratio.toFixed(2)} | ${gflops(us)} | ${us.kernels} |`,
      );
    }
  }
  console.log(`load average at the end ${load()} (the machine's other jobs share its cores)`);
}

if (values.side === 'ours') {
  const result = await ours(
    values.colorizer as ColorizerKind,
    Number(values.width),
    Number(values.threads),
  );
  console.log(JSON.stringify(result));
  process.exit(0); // the kernel worker threads are unref'd, but end promptly all the same
} else {
  await table();
}
