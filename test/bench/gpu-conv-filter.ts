// Per-convolution time of the filter gradient on WebGPU, tfjs's Conv2DDerFilterProgram against
// ours, for every convolution of the chosen models (recorded from one training step), each pair
// timed interleaved over several rounds (median). SwiftShader by default (64 px, batch 4: it is a
// CPU); --gpu for the machine's GPU. Run: npx tsx test/bench/gpu-conv-filter.ts [--gpu]
// [--size 64] [--batch 4] [--models coloru,pixelshuffle,resnet18@0.125,resnet18@1] [--rounds 7]
import { parseArgs } from 'node:util';
import type { BackboneKind, ColorizerKind } from '../../src/core';
import type { FilterCall, ModelPart } from '../helpers/conv-problems';
import { openGpuPage } from './gpu-page';

const { values } = parseArgs({
  options: {
    gpu: { type: 'boolean', default: false },
    size: { type: 'string' },
    batch: { type: 'string' },
    models: { type: 'string', default: 'coloru,pixelshuffle,resnet18@0.125,resnet18@1' },
    rounds: { type: 'string', default: '7' },
  },
});
const size = Number(values.size ?? (values.gpu ? 320 : 64));
const batch = Number(values.batch ?? (values.gpu ? 16 : 4));
const COLORIZERS = ['deconv', 'pixelshuffle', 'coloru'];

/** One row per distinct call shape, with how often a step makes it. */
interface Row {
  model: string;
  call: FilterCall;
  count: number;
}

const shapeKey = (c: FilterCall) =>
  JSON.stringify([c.xShape, c.dyShape, c.filterShape, c.strides, c.pad]);

/** 'coloru' → the colorizer's calls (next to ResNet18/8); 'resnet18@0.125' → the backbone's. */
function specOf(model: string) {
  const [name = '', width = '1'] = model.split('@');
  const isColorizer = COLORIZERS.includes(name);
  return {
    spec: {
      colorizer: (isColorizer ? name : 'replicate') as ColorizerKind,
      backbone: (isColorizer ? 'resnet18' : name) as BackboneKind,
      widthMultiplier: isColorizer ? 0.125 : Number(width),
      size,
      batch,
    },
    part: (isColorizer ? 'colorizer' : 'backbone') as ModelPart,
  };
}

const gpu = await openGpuPage(values.gpu ? 'gpu' : 'swiftshader');
try {
  const { page } = gpu;
  const rows: Row[] = [];
  for (const model of values.models.split(',')) {
    const { spec, part } = specOf(model);
    const calls = await page.evaluate(([s, p]) => window.gpuHarness.filterCallsOf(s, p), [
      spec,
      part,
    ] as const);
    for (const call of calls) {
      const same = rows.find((r) => r.model === model && shapeKey(r.call) === shapeKey(call));
      if (same) same.count++;
      else rows.push({ model, call, count: 1 });
    }
  }
  console.log(
    `WebGPU on ${gpu.adapter}: dW per convolution at ${size} px, batch ${batch}; median ms of ` +
      `${values.rounds} interleaved rounds (each about 60 ms of calls)\n`,
  );
  console.log(
    '| model | layer | x | filter | stride | calls/step | tfjs ms | ours ms | tfjs/ours |',
  );
  console.log(`|${' --- |'.repeat(9)}`);
  const totals = new Map<string, { stock: number; fast: number }>();
  let slower = 0;
  for (const row of rows) {
    const t = await page.evaluate(([c, r]) => window.gpuHarness.timeFilterGradient(c, r), [
      row.call,
      Number(values.rounds),
    ] as const);
    const total = totals.get(row.model) ?? { stock: 0, fast: 0 };
    total.stock += t.stockMs * row.count;
    total.fast += t.fastMs * row.count;
    totals.set(row.model, total);
    if (t.fastMs > t.stockMs) slower++;
    const c = row.call;
    console.log(
      `| ${row.model} | ${c.label.replace(/^(deco|pt_model)\./, '').replace(/\.weight$/, '')} | ` +
        `${c.xShape.join('×')} | ${c.filterShape.join('×')} | ${c.strides[0]} | ${row.count} | ` +
        `${t.stockMs.toFixed(2)} | ${t.fastMs.toFixed(2)} | ${(t.stockMs / t.fastMs).toFixed(2)} |`,
    );
  }
  console.log('\nper step (Σ calls × median):');
  for (const [model, t] of totals)
    console.log(
      `  ${model.padEnd(16)} tfjs ${t.stock.toFixed(1)} ms → ours ${t.fast.toFixed(1)} ms ` +
        `(${(t.stock / t.fast).toFixed(1)}×)`,
    );
  console.log(`convolutions where ours was slower: ${slower} of ${rows.length}`);
} finally {
  await gpu.close();
}
