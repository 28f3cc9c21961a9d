// The WebAssembly convolution kernels against tfjs's stock CPU kernels over the shared table, on
// one thread and on two (Node worker threads over shared memory, every job split however small).
// Tolerance 1e-5 of the stock output's largest value: both accumulate in float32 but in different
// orders (and with fused multiply-adds under relaxed SIMD), so each sum of n products differs by
// about √n·2⁻²⁴ of its terms' scale; the table's longest sums (filter gradients over ≈1,700
// pixels) give ≈4e-6, measured ≤ 1e-6 on most shapes. The JavaScript kernels (float64) meet 1e-6.
import { afterAll, describe, expect, it } from 'vitest';
import { nodeCpuOptions } from '../../../scripts/lib/node-cpu';
import {
  CONV_CASES,
  expectConvMatchesStock,
  expectDilatedIsStock,
  expectTransposedConvMatchesStock,
} from '../../../test/helpers/conv-cases';
import { installFastCpuConv2D } from './cpu-conv2d';
import { cpuWasmRuntime } from './select';
import { loadWasmRuntime } from './wasm-runtime';

const TOLERANCE = 1e-5;

afterAll(() => installFastCpuConv2D(cpuWasmRuntime()));

const RUNTIMES = [
  ['one thread', { ...nodeCpuOptions(1) }],
  ['two threads', { ...nodeCpuOptions(2), parallelMinMacs: 0 }],
] as const;

describe.each(RUNTIMES)('WebAssembly kernels on %s', (_, options) => {
  const runtime = loadWasmRuntime(options);

  it('loads a SIMD variant with the threads asked for', () => {
    expect(runtime?.variant).toMatch(/simd|relaxed/);
    expect(runtime?.threads).toBe(options.threads);
    installFastCpuConv2D(runtime);
  });

  it.each(CONV_CASES)('Conv2D and its gradients match the stock kernels: %s', (_, ...c) =>
    expectConvMatchesStock(c, TOLERANCE));

  it('runs transposed convolutions like the stock kernel', () =>
    expectTransposedConvMatchesStock(TOLERANCE));

  it('delegates dilated convolutions to the stock kernel', () => expectDilatedIsStock());

  afterAll(() => runtime?.stop());
});
