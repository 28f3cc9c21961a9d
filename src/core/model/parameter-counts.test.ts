import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createBackbone, createColorizer, createNetwork } from './index';
import type { BackboneKind, ColorizerKind } from './kinds';

// The counts published with the paper's code (colorizers) and torchvision (backbones, no head).
const COLORIZER_COUNTS: [ColorizerKind, number][] = [
  ['replicate', 0],
  ['deconv', 596_611],
  ['pixelshuffle', 599_440],
  ['coloru', 192_659],
];
const BACKBONE_COUNTS: [BackboneKind, number, number][] = [
  ['resnet18', 11_176_512, 512],
  ['densenet121', 6_953_856, 1024],
  ['squeezenet1_1', 722_496, 512],
];

describe('parameter counts at full width', () => {
  it.each(COLORIZER_COUNTS)('%s has %i trainable parameters', (kind, count) => {
    const colorizer = createColorizer(kind);
    expect(colorizer.parameterCount()).toBe(count);
    colorizer.dispose();
  });

  it.each(BACKBONE_COUNTS)('%s has %i parameters and %i features', (kind, count, features) => {
    const backbone = createBackbone(kind);
    expect(backbone.parameterCount()).toBe(count);
    expect(backbone.featureSize).toBe(features);
    backbone.dispose();
  });

  it('a network adds the linear head (512·5 + 5 for ResNet18 with five labels)', () => {
    const net = createNetwork({ colorizer: 'deconv', backbone: 'resnet18', numClasses: 5 });
    expect(net.parameterCount()).toBe(596_611 + 11_176_512 + 512 * 5 + 5);
    net.dispose();
  });

  it('disposing a part frees every tensor it made', () => {
    const before = tf.memory().numTensors;
    createColorizer('pixelshuffle').dispose();
    createColorizer('deconv').dispose();
    createBackbone('densenet121', { widthMultiplier: 0.25 }).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('shapes', () => {
  it.each([
    'replicate',
    'deconv',
    'pixelshuffle',
    'coloru',
  ] as ColorizerKind[])('%s maps [N,H,W,1] to [N,H,W,3] for H = W = 32, 64, 96', (kind) => {
    const colorizer = createColorizer(kind);
    for (const size of [32, 64, 96]) {
      const y = tf.tidy(() => colorizer.apply(tf.zeros([2, size, size, 1]), false));
      expect(y.shape).toEqual([2, size, size, 3]);
      y.dispose();
    }
    colorizer.dispose();
  });

  it.each([
    ['resnet18', 128],
    ['densenet121', 256],
    ['squeezenet1_1', 128],
  ] as [BackboneKind, number][])('%s at width 1/4 gives [N, %i] features', (kind, features) => {
    const backbone = createBackbone(kind, { widthMultiplier: 0.25 });
    const y = tf.tidy(() => backbone.features(tf.zeros([2, 64, 64, 3]), false));
    expect(y.shape).toEqual([2, features]);
    expect(backbone.featureSize).toBe(features);
    y.dispose();
    backbone.dispose();
  });
});
