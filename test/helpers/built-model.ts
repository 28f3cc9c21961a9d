// A built network as the worker reports it (counts are placeholders), for store tests that need
// "a model is built" without building one.
import type { BuiltModel } from '../../src/state/model';
import type { ModelSpec } from '../../src/worker/protocol';

export const builtModel = (spec: Partial<ModelSpec> = {}): BuiltModel => ({
  spec: {
    colorizer: 'coloru',
    backbone: 'resnet18',
    widthMultiplier: 1,
    inputSize: 64,
    seed: 0,
    ...spec,
  },
  parameters: { colorizer: 1, backbone: 1, classifier: 1 },
  pretrained: 'ImageNet',
  isPretrained: true,
});
