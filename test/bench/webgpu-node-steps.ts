// Steps/s of tfjs's WebGPU backend in Node on Dawn (the runner's --backend webgpu-node) beside
// Chromium's WebGPU (--browser), on the same options through the same step timing
// (step-timing.ts). Here Node runs on Mesa's llvmpipe (OpenGL ES) and Chromium on SwiftShader, both
// on the CPU; on a GPU server Node runs on the vendor's Vulkan driver.
// Run: npx tsx test/bench/webgpu-node-steps.ts [--quick] [--colorizers replicate,coloru]
// [--batch 4] [--size 64] [--warmup 2] [--steps 3] [--patients 40]
import * as tf from '@tensorflow/tfjs';
import { startNodeWebGpuBackend } from '../../scripts/lib/webgpu-node';
import { parseGpuStepArgs, timeStepsInChromium } from './chromium-steps';
import { formatTimings, progressLine } from './step-table';
import { type StepTiming, timeSteps } from './step-timing';

const runs = parseGpuStepArgs(['replicate', 'coloru']);
const log = (line: string) => console.error(line);

const nodeDevice = await startNodeWebGpuBackend(log);
const node: StepTiming[] = [];
for (const options of runs) {
  const before = tf.memory().numTensors;
  node.push(await timeSteps(options));
  log(`Node: ${progressLine(node.at(-1))}; tensors left ${tf.memory().numTensors - before}`);
}
const chromium = await timeStepsInChromium(runs);

console.log(`\nNode, --backend webgpu-node: ${nodeDevice}\n${formatTimings(node)}`);
console.log(`\n${chromium.device}\n${formatTimings(chromium.timings)}\n`);
for (const [i, n] of node.entries()) {
  const c = chromium.timings[i];
  if (!c) continue;
  const [nodeRate, chromiumRate] = [1000 / n.totalMs, 1000 / c.totalMs];
  console.log(
    `${n.options.colorizer}: webgpu-node ${nodeRate.toFixed(3)} steps/s, Chromium ` +
      `${chromiumRate.toFixed(3)} steps/s (×${(nodeRate / chromiumRate).toFixed(2)})`,
  );
}
