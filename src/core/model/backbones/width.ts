// Channel scaling for width-reduced backbones (tests on slow machines, small GPUs). Pure numbers.

/** Scales a torchvision channel count; at multiplier 1 the architecture is unchanged. */
export function scaleWidth(channels: number, widthMultiplier: number): number {
  return Math.max(1, Math.round(channels * widthMultiplier));
}
