// GFLOP/s of the convolution kernels on ResNet18's layer shapes (64 px, batch 16) and ColorU-like
// full-resolution ones: WebAssembly at 1 and N threads against the JavaScript kernels, each the
// median of several runs; then a sweep of growing 3×3 convolutions (16→16 channels) at 1 and N
// threads, where threads start to pay: PARALLEL_MIN_MACS in wasm-runtime.ts comes from it.
// Run: npx tsx test/bench/wasm-gemm.ts [--threads 2] [--runs 5] [--js]
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { defaultCpuThreads, nodeCpuOptions } from '../../scripts/lib/node-cpu';
import {
  convFilterGradient,
  convForward,
  convInputGradient,
} from '../../src/core/backend/cpu-conv2d';
import {
  wasmConvFilterGradient,
  wasmConvForward,
  wasmConvInputGradient,
} from '../../src/core/backend/wasm-conv2d';
import { loadWasmRuntime, type WasmRuntime } from '../../src/core/backend/wasm-runtime';

const { values } = parseArgs({
  options: {
    threads: { type: 'string' },
    runs: { type: 'string', default: '5' },
    js: { type: 'boolean', default: false }, // also time the JavaScript kernels (slow)
  },
});
const runs = Number(values.runs);

type Shape4 = [number, number, number, number];
/** name, input [N,H,W,Cin], filter [kh,kw,Cin,Cout], stride. 'same'-style padding. */
const SHAPES: [string, Shape4, Shape4, number][] = [
  ['stem 7×7/2 3→64 @64', [16, 64, 64, 3], [7, 7, 3, 64], 2],
  ['layer1 3×3 64→64 @16', [16, 16, 16, 64], [3, 3, 64, 64], 1],
  ['layer2 3×3 128→128 @8', [16, 8, 8, 128], [3, 3, 128, 128], 1],
  ['layer3 3×3 256→256 @4', [16, 4, 4, 256], [3, 3, 256, 256], 1],
  ['layer4 3×3 512→512 @2', [16, 2, 2, 512], [3, 3, 512, 512], 1],
  ['down 1×1/2 64→128 @16', [16, 16, 16, 64], [1, 1, 64, 128], 2],
  ['full-res 3×3 1→32 @64', [16, 64, 64, 1], [3, 3, 1, 32], 1],
  ['full-res 3×3 32→32 @64', [16, 64, 64, 32], [3, 3, 32, 32], 1],
  ['full-res 3×3 64→64 @32', [16, 32, 32, 64], [3, 3, 64, 64], 1],
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** Median ms of `fn` over `runs` runs after one warm-up. */
function time(fn: () => void): number {
  fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

const gflops = (macs: number, ms: number) => ((2 * macs) / ms / 1e6).toFixed(1);

function row(name: string, xS: Shape4, fS: Shape4, stride: number, rts: WasmRuntime[]) {
  const info = tf.backend_util.computeConv2DInfo(xS, fS, stride, 1, 'same');
  const x = Float32Array.from({ length: xS.reduce((a, b) => a * b) }, (_, i) => Math.sin(i));
  const w = Float32Array.from({ length: fS.reduce((a, b) => a * b) }, (_, i) => Math.cos(i));
  const dy = Float32Array.from({ length: info.outShape.reduce((a, b) => a * b) }, (_, i) =>
    Math.sin(0.5 * i),
  );
  const macs = dy.length * fS[0] * fS[1] * fS[2];
  const cells: string[] = [];
  for (const rt of rts) {
    cells.push(
      gflops(
        macs,
        time(() => wasmConvForward(rt, x, w, info)),
      ),
    );
    cells.push(
      gflops(
        macs,
        time(() => wasmConvInputGradient(rt, dy, w, info)),
      ),
    );
    cells.push(
      gflops(
        macs,
        time(() => wasmConvFilterGradient(rt, x, dy, info)),
      ),
    );
  }
  if (values.js) {
    cells.push(
      gflops(
        macs,
        time(() => convForward(x, w, info)),
      ),
    );
    cells.push(
      gflops(
        macs,
        time(() => convInputGradient(dy, w, info)),
      ),
    );
    cells.push(
      gflops(
        macs,
        time(() => convFilterGradient(x, dy, info)),
      ),
    );
  }
  console.log(`| ${name} | ${(macs / 1e6).toFixed(0)} | ${cells.join(' | ')} |`);
}

const threads = Number(values.threads ?? defaultCpuThreads());
const options = nodeCpuOptions(threads);
const one = loadWasmRuntime({ ...options, threads: 1 });
// parallelMinMacs 0: every job threaded, so the table shows where threads pay.
const many = loadWasmRuntime({ ...options, parallelMinMacs: 0 });
if (!one || !many) throw new Error('no WebAssembly SIMD in this engine');
const rts = threads > 1 ? [one, many] : [one];
const labels = rts.map((rt) => `${rt.variant} ×${rt.threads}`);
if (values.js) labels.push('JavaScript');
console.log(
  `GFLOP/s (2 × multiply-adds / time, median of ${runs}): forward / input grad / filter grad`,
);
console.log(`| shape | M MACs | ${labels.flatMap((l) => [`${l} fwd`, 'dx', 'dW']).join(' | ')} |`);
console.log(`|${' --- |'.repeat(2 + 3 * labels.length)}`);
for (const [name, xS, fS, stride] of SHAPES) row(name, xS, fS, stride, rts);

/** µs per forward + input grad + filter grad of a 3×3 16→16 convolution on size×size images. */
function sweep(rt: WasmRuntime, size: number): number {
  const xS: Shape4 = [4, size, size, 16];
  const info = tf.backend_util.computeConv2DInfo(xS, [3, 3, 16, 16], 1, 1, 'same');
  const x = Float32Array.from({ length: 4 * size * size * 16 }, (_, i) => Math.sin(i));
  const w = Float32Array.from({ length: 3 * 3 * 16 * 16 }, (_, i) => Math.cos(i));
  return (
    1000 *
    time(() => {
      wasmConvForward(rt, x, w, info);
      wasmConvInputGradient(rt, x, w, info);
      wasmConvFilterGradient(rt, x, x, info);
    })
  );
}

if (threads > 1) {
  console.log(`\nThreads vs one thread, per kernel (median of ${runs}): where splitting pays`);
  console.log('| multiply-adds per kernel | 1 thread µs | N threads µs | speed-up |');
  console.log('| --- | --- | --- | --- |');
  for (const size of [4, 8, 12, 16, 24, 32, 48, 64]) {
    const macs = 4 * size * size * 16 * 144;
    const [a, b] = [sweep(one, size), sweep(many, size)];
    console.log(
      `| ${(macs / 1e6).toFixed(2)} M | ${a.toFixed(0)} | ${b.toFixed(0)} | ${(a / b).toFixed(2)} |`,
    );
  }
}
many.stop();
