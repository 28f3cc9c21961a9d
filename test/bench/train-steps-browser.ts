// Training steps/s per colorizer in headless Chromium on WebGPU (SwiftShader here: ~1000× slower
// than a GPU, so few steps and small batches), through the same step timing as the Node bench.
// Run: npx tsx test/bench/train-steps-browser.ts [--quick] [--colorizers replicate,coloru]
// [--batch 4] [--size 64] [--warmup 2] [--steps 3] [--patients 40]
import { COLORIZER_KINDS } from '../../src/core/model';
import { parseGpuStepArgs, timeStepsInChromium } from './chromium-steps';
import { formatTimings } from './step-table';

const { device, timings } = await timeStepsInChromium(parseGpuStepArgs(COLORIZER_KINDS));
console.log(device);
console.log(formatTimings(timings));
