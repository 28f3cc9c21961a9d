// The classifier C: one linear layer, one logit per label, named as torchvision's head so it sits
// inside `pt_model.` (fc.* for ResNet18, classifier.* otherwise). tfjs only.
import type * as tf from '@tensorflow/tfjs';
import { createRandom } from '../util/random';
import type { BackboneKind } from './kinds';
import { linear } from './layers';
import { ParameterStore } from './parameters';
import { ModelPart, type Part } from './part';

export interface Classifier extends Part {
  readonly headName: string;
  readonly numClasses: number;
  /** [N,F] → [N,numClasses] logits. */
  logits(features: tf.Tensor2D): tf.Tensor2D;
}

export function headNameFor(backbone: BackboneKind): string {
  return backbone === 'resnet18' ? 'fc' : 'classifier';
}

class ClassifierPart extends ModelPart implements Classifier {
  constructor(
    readonly headName: string,
    readonly numClasses: number,
    store: ParameterStore,
    private readonly head: (x: tf.Tensor2D) => tf.Tensor2D,
  ) {
    super(store);
  }

  logits(features: tf.Tensor2D): tf.Tensor2D {
    return this.head(features);
  }
}

export function createClassifier(opts: {
  backbone: BackboneKind;
  featureSize: number;
  numClasses: number;
  seed?: number;
}): Classifier {
  if (!Number.isInteger(opts.numClasses) || opts.numClasses < 1) {
    throw new Error(`numClasses must be a positive integer, got ${opts.numClasses}`);
  }
  const headName = headNameFor(opts.backbone);
  const store = new ParameterStore(`classifier:${headName}`);
  const builder = { store, random: createRandom(opts.seed ?? 0), convInit: 'pytorch' as const };
  const head = linear(builder, headName, opts.featureSize, opts.numClasses);
  return new ClassifierPart(headName, opts.numClasses, store, head);
}
