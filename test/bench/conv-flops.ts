// Multiply-adds of tfjs's convolution kernel calls, from a tf.profile record: the benches' GFLOP/s
// (2 FLOPs per multiply-add). Imports tfjs types only.
import type * as tf from '@tensorflow/tfjs';

export type KernelRecord = Awaited<ReturnType<typeof tf.profile>>['kernels'][number];

export const CONV_KERNELS = ['Conv2D', 'Conv2DBackpropInput', 'Conv2DBackpropFilter'] as const;

const count = (shape: number[] | undefined) => (shape ?? []).reduce((a, b) => a * b, 1);

/** Multiply-adds of a convolution kernel call (0 for other kernels): every output-gradient
 *  element meets one patch of kh·kw·Cin filter taps. */
export function convMacs(k: KernelRecord): number {
  const [first, second] = k.inputShapes;
  const out = k.outputShapes[0];
  if (k.name === 'Conv2D') return count(out) * count(second?.slice(0, 3));
  if (k.name === 'Conv2DBackpropInput') return count(first) * count(second?.slice(0, 3));
  if (k.name === 'Conv2DBackpropFilter') return count(second) * count(out?.slice(0, 3));
  return 0;
}
