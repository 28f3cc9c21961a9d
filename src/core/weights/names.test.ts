// Checkpoint name normalization (torchvision, timm, DataParallel, legacy DenseNet) and head split.
import { describe, expect, it } from 'vitest';
import {
  isBatchCounter,
  normalizeCheckpointNames,
  splitImageNetHead,
  toTorchvisionName,
} from './names';

describe('toTorchvisionName', () => {
  it.each([
    [
      'features.denseblock1.denselayer1.norm.1.weight',
      'features.denseblock1.denselayer1.norm1.weight',
    ],
    [
      'features.denseblock4.denselayer16.conv.2.weight',
      'features.denseblock4.denselayer16.conv2.weight',
    ],
    [
      'features.denseblock2.denselayer3.norm.2.running_var',
      'features.denseblock2.denselayer3.norm2.running_var',
    ],
    ['module.layer1.0.conv1.weight', 'layer1.0.conv1.weight'],
    [
      'module.features.denseblock1.denselayer2.norm.2.bias',
      'features.denseblock1.denselayer2.norm2.bias',
    ],
  ])('renames %s', (name, expected) => {
    expect(toTorchvisionName(name)).toBe(expected);
  });

  it.each([
    'features.denseblock1.denselayer1.norm1.weight', // already torchvision
    'features.transition1.norm.weight', // transitions never had the dotted form
    'features.denseblock1.denselayer1.norm.3.weight', // only .1 and .2 are legacy
    'layer1.0.downsample.1.running_mean',
    'classifier.1.weight',
  ])('keeps %s', (name) => {
    expect(toTorchvisionName(name)).toBe(name);
  });
});

describe('normalizeCheckpointNames', () => {
  it('renames, drops BatchNorm counters and keeps values as they are', () => {
    const value = { id: 1 };
    const { renamed, dropped } = normalizeCheckpointNames({
      'module.features.denseblock1.denselayer1.conv.1.weight': value,
      'module.features.norm0.num_batches_tracked': { id: 2 },
      'module.features.norm0.weight': { id: 3 },
    });
    expect(Object.keys(renamed)).toEqual([
      'features.denseblock1.denselayer1.conv1.weight',
      'features.norm0.weight',
    ]);
    expect(renamed['features.denseblock1.denselayer1.conv1.weight']).toBe(value);
    expect(dropped).toEqual(['module.features.norm0.num_batches_tracked']);
  });

  it('throws when two names collide', () => {
    expect(() => normalizeCheckpointNames({ 'module.fc.bias': 1, 'fc.bias': 2 })).toThrow(
      'checkpoint names "module.fc.bias" and "fc.bias" both map to "fc.bias"',
    );
  });

  it('recognizes counters only as whole name parts', () => {
    expect(isBatchCounter('bn1.num_batches_tracked')).toBe(true);
    expect(isBatchCounter('bn1.my_num_batches_tracked')).toBe(false);
  });
});

describe('splitImageNetHead', () => {
  it.each([
    ['resnet18', ['fc.weight', 'fc.bias'], ['layer4.1.bn2.bias', 'fc_extra.weight']],
    ['densenet121', ['classifier.weight', 'classifier.bias'], ['features.norm5.weight']],
    ['squeezenet1_1', ['classifier.1.weight', 'classifier.1.bias'], ['features.12.expand3x3.bias']],
  ] as const)('%s: head %j', (arch, head, backbone) => {
    const entries = Object.fromEntries([...head, ...backbone].map((name) => [name, name]));
    const split = splitImageNetHead(entries, arch);
    expect(Object.keys(split.head)).toEqual(head);
    expect(Object.keys(split.backbone)).toEqual(backbone);
  });
});
