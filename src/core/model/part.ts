// The Part contract of the public API (colorizer, backbone, classifier) over a ParameterStore.
// tfjs only.
import * as tf from '@tensorflow/tfjs';
import type { BackboneKind, ColorizerKind } from './kinds';
import { type ApplyWithMode, globalAvgPool } from './layers';
import type { LoadOptions, ParameterStore } from './parameters';
import type { StateDict } from './state-dict';

export interface Part {
  /** Trainable parameters (running statistics excluded), frozen or not. */
  parameterCount(): number;
  /** New tensors in PyTorch names and layouts; the caller disposes them. */
  stateDict(): StateDict;
  /** strict (default true): throws on missing or unexpected entries; wrong shapes always throw. */
  loadStateDict(sd: StateDict, opts?: LoadOptions): void;
  /** Why `sd` would be rejected by loadStateDict (empty when it fits). */
  stateDictProblems(sd: StateDict, opts?: LoadOptions): string[];
  /** A frozen part gets no gradient and runs BatchNorm in inference mode. */
  frozen: boolean;
  /** The variables an optimizer may update: none while frozen. */
  trainableVariables(): tf.Variable[];
  /** Every trainable variable with its PyTorch name, frozen or not (gradient checks, exports). */
  namedTrainableVariables(): [string, tf.Variable][];
  dispose(): void;
}

export class ModelPart implements Part {
  frozen = false;

  constructor(protected readonly store: ParameterStore) {}

  parameterCount(): number {
    return this.store.parameterCount();
  }

  stateDict(): StateDict {
    return this.store.stateDict();
  }

  loadStateDict(sd: StateDict, opts?: LoadOptions): void {
    this.store.loadStateDict(sd, opts);
  }

  stateDictProblems(sd: StateDict, opts?: LoadOptions): string[] {
    return this.store.problems(sd, opts);
  }

  trainableVariables(): tf.Variable[] {
    return this.frozen ? [] : this.store.trainableVariables();
  }

  namedTrainableVariables(): [string, tf.Variable][] {
    return this.store.namedTrainableVariables();
  }

  /** BatchNorm runs in training mode only when asked to and the part is not frozen. */
  protected mode(training: boolean): boolean {
    return training && !this.frozen;
  }

  dispose(): void {
    this.store.dispose();
  }
}

export interface Colorizer extends Part {
  readonly kind: ColorizerKind;
  /** [N,H,W,1] normalized gray → [N,H,W,3], fed straight into the backbone. */
  apply(x: tf.Tensor4D, training: boolean): tf.Tensor4D;
}

export class ColorizerPart extends ModelPart implements Colorizer {
  constructor(
    readonly kind: ColorizerKind,
    store: ParameterStore,
    private readonly forward: ApplyWithMode,
  ) {
    super(store);
  }

  apply(x: tf.Tensor4D, training: boolean): tf.Tensor4D {
    return tf.tidy(() => this.forward(x, this.mode(training)));
  }
}

export interface Backbone extends Part {
  readonly kind: BackboneKind;
  /** Width of the pooled features: 512 (ResNet18, SqueezeNet 1.1) or 1024 (DenseNet121) at width 1. */
  readonly featureSize: number;
  /** [N,H,W,3] → [N,F] globally pooled features. */
  features(x: tf.Tensor4D, training: boolean): tf.Tensor2D;
  /** [N,H,W,3] → [N,h,w,F] the map before global pooling (for heads such as SqueezeNet's). */
  featureMap(x: tf.Tensor4D, training: boolean): tf.Tensor4D;
}

export class BackbonePart extends ModelPart implements Backbone {
  constructor(
    readonly kind: BackboneKind,
    readonly featureSize: number,
    store: ParameterStore,
    private readonly forward: ApplyWithMode,
  ) {
    super(store);
  }

  featureMap(x: tf.Tensor4D, training: boolean): tf.Tensor4D {
    return tf.tidy(() => this.forward(x, this.mode(training)));
  }

  features(x: tf.Tensor4D, training: boolean): tf.Tensor2D {
    return tf.tidy(() => globalAvgPool(this.featureMap(x, training)));
  }
}
