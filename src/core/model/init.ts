// Seeded weight initializers producing PyTorch-layout Float32Arrays (no tfjs: pure numbers),
// so a seed gives the same network on every backend.
import { normal, type Random } from '../util/random';

/** Product of the dimensions after the first: inputs × kernel area for convs and linears. */
export function fanIn(torchShape: readonly number[]): number {
  return torchShape.slice(1).reduce((a, b) => a * b, 1);
}

function fill(n: number, draw: () => number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = draw();
  return out;
}

function size(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** PyTorch's default for conv/linear (kaiming_uniform with a = √5): U(−1/√fan_in, 1/√fan_in). */
export function pytorchDefaultUniform(shape: readonly number[], bound: number, random: Random) {
  return fill(size(shape), () => (random() * 2 - 1) * bound);
}

/** torchvision's ResNet/DenseNet conv init: kaiming normal, fan_out, ReLU gain. */
export function kaimingNormalFanOut(torchShape: readonly number[], random: Random): Float32Array {
  const fanOut = (torchShape[0] ?? 1) * size(torchShape.slice(2));
  const std = Math.sqrt(2 / fanOut);
  return fill(size(torchShape), () => normal(random) * std);
}

export function constant(n: number, value: number): Float32Array {
  return new Float32Array(n).fill(value);
}
