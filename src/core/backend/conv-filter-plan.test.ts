// The filter-gradient plan's structure on the paper's shapes (320 px, batch 16): tfjs's kernel as
// the issue counted it, and ours within the limits (≤ 4,096 serial steps per thread, or enough
// threads to fill a large GPU), with tiles that fit WebGPU's default workgroup limits.
import { describe, expect, it } from 'vitest';
import {
  type ConvFilterProblem,
  GPU_TARGET_THREADS,
  gemmSize,
  MAX_SERIAL,
  planConvFilter,
  planFigures,
  stockFigures,
} from './conv-filter-plan';

/** A stride-s convolution of an n-image batch of size×size×cin to cout channels. */
function conv(size: number, cin: number, cout: number, kernel: number, stride = 1, pad = 0) {
  const out = Math.floor((size + 2 * pad - kernel) / stride) + 1;
  return {
    batch: 16,
    inHeight: size + 2 * pad,
    inWidth: size + 2 * pad,
    inChannels: cin,
    outHeight: out,
    outWidth: out,
    outChannels: cout,
    filterHeight: kernel,
    filterWidth: kernel,
    strideHeight: stride,
    strideWidth: stride,
    padTop: 0,
    padLeft: 0,
  } satisfies ConvFilterProblem;
}

const CASES: [string, ConvFilterProblem, number, number][] = [
  // name, problem, tfjs's threads and serial loop as issue 17 counts them
  ['ColorU dw1.d.0 (3×3, 1→16)', conv(320, 1, 16, 3, 1, 1), 192, 1_638_400],
  ['ColorU out.u.2 (3×3, 16→16)', conv(320, 16, 16, 3, 1, 1), 2_304, 1_638_400],
  ['ColorU out.u.4 (1×1, 16→3)', conv(320, 16, 3, 1), 64, 1_638_400],
  ['ResNet18 conv1 (7×7/2, 3→64)', conv(320, 3, 64, 7, 2, 3), 9_408, 409_600],
  ['PixelShuffle residual (3×3, 64→64)', conv(80, 64, 64, 3, 1, 1), 36_864, 102_400],
  ['ResNet18 layer4 (3×3, 512→512)', conv(10, 512, 512, 3, 1, 1), 2_359_296, 1_600],
];

describe('tfjs Conv2DDerFilterProgram at 320 px, batch 16', () => {
  it.each(CASES)('%s', (_, problem, threads, loop) => {
    expect(stockFigures(problem).threads).toBe(threads);
    expect(stockFigures(problem).serialLoop).toBe(loop);
  });
});

describe('the split-K plan', () => {
  it.each(CASES)('%s: short loops or a full device, and tiles within limits', (_, problem) => {
    const plan = planConvFilter(problem);
    const figures = planFigures(problem, plan);
    const { m } = gemmSize(problem);
    expect(figures.serialLoop <= MAX_SERIAL || figures.threads >= GPU_TARGET_THREADS).toBe(true);
    expect(figures.serialLoop).toBeLessThanOrEqual(MAX_SERIAL);
    expect(figures.reduceLoop).toBeLessThanOrEqual(MAX_SERIAL);
    expect(plan.splits * plan.chunk).toBeGreaterThanOrEqual(m);
    expect((plan.splits - 1) * plan.chunk).toBeLessThan(m);
    expect(plan.chunk % plan.stepM).toBe(0);
    const threadsPerWorkgroup = (plan.tileK / 4) * (plan.tileC / 4);
    expect(threadsPerWorkgroup).toBeLessThanOrEqual(256);
    expect(plan.stepM % (plan.tileK / 4)).toBe(0); // stage() unrolls whole slots
    expect(plan.stepM % (plan.tileC / 4)).toBe(0);
    expect(plan.stepM * (plan.tileK + plan.tileC) * 4).toBeLessThanOrEqual(16_384);
  });

  it('keeps a reduction it need not split whole', () => {
    const small = conv(10, 512, 512, 3, 1, 1); // 2.4 M weights, 1,600 terms each
    const plan = planConvFilter(small);
    expect(plan.splits).toBe(1);
    expect(planFigures(small, plan).launches).toBe(1);
  });
});
