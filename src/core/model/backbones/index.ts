// createBackbone: the public factory for the ImageNet backbones E. tfjs only.
import { createRandom } from '../../util/random';
import { BACKBONE_KINDS, type BackboneKind } from '../kinds';
import type { ApplyWithMode, Builder } from '../layers';
import { ParameterStore } from '../parameters';
import { type Backbone, BackbonePart } from '../part';
import { buildDenseNet121 } from './densenet121';
import { buildResNet18 } from './resnet18';
import { buildSqueezeNet } from './squeezenet';

type BackboneBuilder = (
  b: Builder,
  width: number,
) => { forward: ApplyWithMode; featureSize: number };

const BUILDERS: Record<BackboneKind, BackboneBuilder> = {
  resnet18: buildResNet18,
  densenet121: buildDenseNet121,
  squeezenet1_1: buildSqueezeNet,
};

export interface BackboneOptions {
  /** Seed of the random (not pretrained) initialization. */
  seed?: number;
  /** Scales every channel count; 1 (default) is torchvision's architecture, name for name. */
  widthMultiplier?: number;
}

export function createBackbone(kind: BackboneKind, opts: BackboneOptions = {}): Backbone {
  const build = BUILDERS[kind];
  if (!build)
    throw new Error(`Unknown backbone "${kind}"; expected one of ${BACKBONE_KINDS.join(', ')}`);
  const width = opts.widthMultiplier ?? 1;
  if (!(width > 0)) throw new Error(`widthMultiplier must be positive, got ${width}`);
  const store = new ParameterStore(`backbone:${kind}`);
  // Random (not pretrained) starts only: kaiming fan-out as torchvision's ResNet; SqueezeNet and
  // DenseNet use close variants there (kaiming uniform / fan-in), here PyTorch's default and fan-out.
  const convInit = kind === 'squeezenet1_1' ? 'pytorch' : 'kaiming-fan-out';
  const { forward, featureSize } = build(
    { store, random: createRandom(opts.seed ?? 0), convInit },
    width,
  );
  return new BackbonePart(kind, featureSize, store, forward);
}
