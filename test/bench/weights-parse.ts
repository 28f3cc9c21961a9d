// Benchmark: parse a ResNet18-sized safetensors file (≈ 47 MB, torchvision names) and upload it
// into tfjs CPU tensors. Prints numbers; asserts nothing. Run: npx tsx test/bench/weights-parse.ts
import * as tf from '@tensorflow/tfjs';
import { disposeStateDict, type StateDict } from '../../src/core/model/state-dict';
import { readSafetensors, writeSafetensors } from '../../src/core/weights/safetensors';

type Shapes = [string, number[]][];

const batchNorm = (prefix: string, channels: number): Shapes =>
  ['weight', 'bias', 'running_mean', 'running_var'].map((p) => [`${prefix}.${p}`, [channels]]);

/** torchvision resnet18's state dict (without the int64 num_batches_tracked counters). */
function resnet18Shapes(): Shapes {
  const shapes: Shapes = [['conv1.weight', [64, 3, 7, 7]], ...batchNorm('bn1', 64)];
  const widths = [64, 128, 256, 512];
  widths.forEach((width, stage) => {
    const input = stage === 0 ? 64 : (widths[stage - 1] ?? 0);
    for (const block of [0, 1]) {
      const p = `layer${stage + 1}.${block}`;
      const blockIn = block === 0 ? input : width;
      shapes.push([`${p}.conv1.weight`, [width, blockIn, 3, 3]], ...batchNorm(`${p}.bn1`, width));
      shapes.push([`${p}.conv2.weight`, [width, width, 3, 3]], ...batchNorm(`${p}.bn2`, width));
      if (block === 0 && stage > 0) {
        shapes.push([`${p}.downsample.0.weight`, [width, blockIn, 1, 1]]);
        shapes.push(...batchNorm(`${p}.downsample.1`, width));
      }
    }
  });
  shapes.push(['fc.weight', [1000, 512]], ['fc.bias', [1000]]);
  return shapes;
}

function makeStateDict(): StateDict {
  let seed = 1;
  const sd: StateDict = {};
  for (const [name, shape] of resnet18Shapes()) {
    const values = new Float32Array(shape.reduce((n, d) => n * d, 1));
    for (let i = 0; i < values.length; i++) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0; // LCG: cheap, deterministic
      values[i] = seed / 2 ** 32 - 0.5;
    }
    sd[name] = tf.tensor(values, shape);
  }
  return sd;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Times read + tensor creation `runs` times; the tensors are disposed after each run. */
function timeRead(bytes: Uint8Array, runs: number): number {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    const { tensors } = readSafetensors(bytes, { fileName: 'resnet18.safetensors' });
    samples.push(performance.now() - start);
    disposeStateDict(tensors);
  }
  return median(samples);
}

await tf.setBackend('cpu');
const source = makeStateDict();
const params = Object.values(source).reduce((n, t) => n + t.size, 0);
let start = performance.now();
const file = writeSafetensors(source, { format: 'pt' });
const writeMs = performance.now() - start;
disposeStateDict(source);

const unaligned = new Uint8Array(file.length + 1);
unaligned.set(file, 1);
const megabytes = file.length / 1e6;
const alignedMs = timeRead(file, 5);
const unalignedMs = timeRead(unaligned.subarray(1), 5);

start = performance.now();
const { tensors } = readSafetensors(file);
const total = tf.tidy(() => tf.addN(Object.values(tensors).map((t) => t.sum())).dataSync()[0]);
const firstUseMs = performance.now() - start;
disposeStateDict(tensors);

console.log(`ResNet18 safetensors: ${params} values, ${megabytes.toFixed(1)} MB, tfjs backend cpu`);
console.log(`write (dataSync + encode): ${writeMs.toFixed(1)} ms`);
console.log(`read + upload, aligned (views):    ${alignedMs.toFixed(1)} ms median of 5`);
console.log(`read + upload, unaligned (copies): ${unalignedMs.toFixed(1)} ms median of 5`);
console.log(`read + upload + sum of every tensor: ${firstUseMs.toFixed(1)} ms (sum ${total})`);
console.log(`tensors left: ${tf.memory().numTensors}`);
