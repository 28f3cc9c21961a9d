// Structural figures of the filter gradient on a GPU, before (tfjs's Conv2DDerFilterProgram) and
// after (our split-K GEMM with the GPU plan), for every convolution of the studio's models at the
// paper's 320 px and batch 16: threads launched and the longest serial loop per thread. Shapes
// come from one recorded training step (batch 1 on the CPU, scaled to the batch), so the table
// has exactly the convolutions the model runs. Node, no GPU needed.
// Run: npx tsx test/bench/dw-structure.ts [--size 320] [--batch 16] [--compute-units 128] [--all]
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import type { BackboneKind, ColorizerKind } from '../../src/core';
import {
  type ConvFilterProblem,
  gemmSize,
  type LaunchFigures,
  MAX_SERIAL,
  planConvFilter,
  planFigures,
  problemFromConvInfo,
  stockFigures,
} from '../../src/core/backend/conv-filter-plan';
import { startCpuBackend } from '../../src/core/backend/select';
import { type FilterCall, type ModelPart, modelFilterCalls } from '../helpers/conv-problems';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '320' },
    batch: { type: 'string', default: '16' },
    'compute-units': { type: 'string', default: '132' }, // an H100 or H200
    all: { type: 'boolean', default: false }, // every convolution, not one row per shape
  },
});
const size = Number(values.size);
const batch = Number(values.batch);
const fillThreads = 64 * Number(values['compute-units']);
/** The issue's marks of a launch that cannot use a GPU well. */
const FEW_THREADS = 20_000;
const LONG_LOOP = 100_000;

const MODELS: {
  name: string;
  colorizer: ColorizerKind;
  backbone: BackboneKind;
  part: ModelPart;
}[] = [
  { name: 'ColorU', colorizer: 'coloru', backbone: 'resnet18', part: 'colorizer' },
  { name: 'PixelShuffle', colorizer: 'pixelshuffle', backbone: 'resnet18', part: 'colorizer' },
  { name: 'DECONV', colorizer: 'deconv', backbone: 'resnet18', part: 'colorizer' },
  { name: 'ResNet18', colorizer: 'replicate', backbone: 'resnet18', part: 'backbone' },
  { name: 'DenseNet121', colorizer: 'replicate', backbone: 'densenet121', part: 'backbone' },
];

function problemOf(call: FilterCall): ConvFilterProblem {
  const info = tf.backend_util.computeConv2DInfo(
    [batch, ...call.xShape.slice(1)] as [number, number, number, number],
    call.filterShape,
    call.strides,
    1,
    call.pad,
    call.dimRoundingMode,
  );
  return problemFromConvInfo(info);
}

const fmt = (n: number) => n.toLocaleString('en-US');
const poor = (f: LaunchFigures) => f.threads < FEW_THREADS || f.serialLoop > LONG_LOOP;
const fills = (threads: number, loop: number) => threads >= fillThreads || loop <= MAX_SERIAL;
/** Both launches (the GEMM and, with split-K, the reduction) pass the fill rule. */
const meets = (f: LaunchFigures) =>
  fills(f.threads, f.serialLoop) && (f.launches === 1 || fills(f.reduceThreads, f.reduceLoop));

await startCpuBackend();
console.log(
  `dW structure at ${size} px, batch ${batch}; "fills" = ≥ ${fmt(fillThreads)} threads (64 × ` +
    `${values['compute-units']} compute units) or a loop ≤ ${fmt(MAX_SERIAL)}\n`,
);
console.log(
  '| model | layer | K × C × m | tfjs threads | tfjs loop | ours threads | ours loop | splits | ' +
    'reduce threads × loop |',
);
console.log(`|${' --- |'.repeat(9)}`);
const summary: string[] = [];
for (const model of MODELS) {
  const calls = modelFilterCalls({ ...model, widthMultiplier: 1, size, batch: 1 }, model.part);
  let work = 0;
  let poorBefore = 0;
  let poorAfter = 0;
  let failing = 0;
  const printed = new Set<string>();
  for (const call of calls) {
    const problem = problemOf(call);
    const { k, c, m } = gemmSize(problem);
    const before = stockFigures(problem);
    const plan = planConvFilter(problem);
    const after = planFigures(problem, plan);
    const flops = 2 * k * c * m;
    work += flops;
    if (poor(before)) poorBefore += flops;
    if (poor(after)) poorAfter += flops;
    if (!meets(after)) failing++;
    const key = JSON.stringify(problem);
    if (!values.all && printed.has(key)) continue;
    printed.add(key);
    const layer = call.label.replace(/^(deco|pt_model)\./, '').replace(/\.weight$/, '');
    console.log(
      `| ${model.name} | ${layer} | ${k} × ${c} × ${fmt(m)} | ${fmt(before.threads)} | ` +
        `${fmt(before.serialLoop)} | ${fmt(after.threads)} | ${fmt(after.serialLoop)} | ` +
        `${plan.splits} | ${after.launches > 1 ? `${fmt(after.reduceThreads)} × ${after.reduceLoop}` : '—'} |`,
    );
  }
  const share = (part: number) => `${((100 * part) / work).toFixed(0)} %`;
  summary.push(
    `${model.name}: ${calls.length} convolutions; ` +
      `work in launches with < ${fmt(FEW_THREADS)} threads or a loop > ${fmt(LONG_LOOP)}: ` +
      `tfjs ${share(poorBefore)}, ours ${share(poorAfter)}; ours failing the fill rule: ${failing}`,
  );
}
console.log(`\n${summary.join('\n')}`);
