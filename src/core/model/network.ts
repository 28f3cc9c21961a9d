// createNetwork: T → E → C composed, with the authors' wrapper names (`deco.`, `pt_model.`) for
// whole-network state dicts. tfjs only.
import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '../util/random';
import { createBackbone } from './backbones';
import { type Classifier, createClassifier } from './classifier';
import { createColorizer } from './colorizers';
import type { BackboneKind, ColorizerKind } from './kinds';
import type { LoadOptions } from './parameters';
import type { Backbone, Colorizer, Part } from './part';
import type { StateDict } from './state-dict';

export const COLORIZER_PREFIX = 'deco.';
export const BACKBONE_PREFIX = 'pt_model.';

export interface NetworkOptions {
  colorizer: ColorizerKind;
  backbone: BackboneKind;
  numClasses: number;
  /** One seed for the whole network; each part derives its own from it. */
  seed?: number;
  widthMultiplier?: number;
}

export interface Network {
  readonly colorizer: Colorizer;
  readonly backbone: Backbone;
  readonly classifier: Classifier;
  /** [N,H,W,1] normalized gray → [N,numClasses] logits. */
  logits(x: tf.Tensor4D, training: boolean): tf.Tensor2D;
  /** Replaces C with a freshly initialized one ("learned from scratch" in a stage). */
  resetClassifier(seed: number): void;
  parameterCount(): number;
  trainableVariables(): tf.Variable[];
  /** The optimizer's variables with whole-network names (`deco.…`, `pt_model.…`): frozen parts
   *  excluded, as in trainableVariables. Checkpoints key momentum buffers by these names. */
  namedTrainableVariables(): [string, tf.Variable][];
  stateDict(): StateDict;
  loadStateDict(sd: StateDict, opts?: LoadOptions): void;
  dispose(): void;
}

class ComposedNetwork implements Network {
  constructor(
    readonly colorizer: Colorizer,
    readonly backbone: Backbone,
    public classifier: Classifier,
  ) {}

  private parts(): Part[] {
    return [this.colorizer, this.backbone, this.classifier];
  }

  logits(x: tf.Tensor4D, training: boolean): tf.Tensor2D {
    return tf.tidy(() => {
      const rgb = this.colorizer.apply(x, training); // [N,H,W,3]
      const features = this.backbone.features(rgb, training); // [N,F]
      return this.classifier.logits(features); // [N,numClasses]
    });
  }

  resetClassifier(seed: number): void {
    const fresh = createClassifier({
      backbone: this.backbone.kind,
      featureSize: this.backbone.featureSize,
      numClasses: this.classifier.numClasses,
      seed,
    });
    fresh.frozen = this.classifier.frozen;
    this.classifier.dispose();
    this.classifier = fresh;
  }

  parameterCount(): number {
    return this.parts().reduce((n, p) => n + p.parameterCount(), 0);
  }

  trainableVariables(): tf.Variable[] {
    return this.parts().flatMap((p) => p.trainableVariables());
  }

  namedTrainableVariables(): [string, tf.Variable][] {
    const prefixes: [Part, string][] = [
      [this.colorizer, COLORIZER_PREFIX],
      [this.backbone, BACKBONE_PREFIX],
      [this.classifier, BACKBONE_PREFIX], // its names already start with the head (fc., classifier.)
    ];
    return prefixes.flatMap(([part, prefix]) =>
      part.frozen
        ? []
        : part
            .namedTrainableVariables()
            .map(([name, v]): [string, tf.Variable] => [prefix + name, v]),
    );
  }

  stateDict(): StateDict {
    return {
      ...prefixed(COLORIZER_PREFIX, this.colorizer.stateDict()),
      ...prefixed(BACKBONE_PREFIX, this.backbone.stateDict()),
      ...prefixed(BACKBONE_PREFIX, this.classifier.stateDict()),
    };
  }

  /** Splits by prefix and head name; all three parts are checked before any is written. */
  loadStateDict(sd: StateDict, opts: LoadOptions = {}): void {
    const colorizerSd = unprefixed(COLORIZER_PREFIX, sd);
    const ptModel = unprefixed(BACKBONE_PREFIX, sd);
    const head = `${this.classifier.headName}.`;
    const headSd = pick(ptModel, (name) => name.startsWith(head));
    const backboneSd = pick(ptModel, (name) => !name.startsWith(head));
    const strays = Object.keys(sd).filter(
      (n) => !n.startsWith(COLORIZER_PREFIX) && !n.startsWith(BACKBONE_PREFIX),
    );
    if ((opts.strict ?? true) && strays.length > 0) {
      throw new Error(
        `network: state dict does not fit:\n  unexpected ${strays.join('\n  unexpected ')}`,
      );
    }
    loadAllOrNothing(
      [
        [this.colorizer, colorizerSd],
        [this.backbone, backboneSd],
        [this.classifier, headSd],
      ],
      opts,
    );
  }

  dispose(): void {
    for (const p of this.parts()) p.dispose();
  }
}

/** Checks every part before writing any, so a bad file never leaves a half-loaded network. */
function loadAllOrNothing(pairs: [Part, StateDict][], opts: LoadOptions): void {
  const problems = pairs.flatMap(([part, sd]) => part.stateDictProblems(sd, opts));
  if (problems.length > 0)
    throw new Error(`network: state dict does not fit:\n  ${problems.join('\n  ')}`);
  for (const [part, sd] of pairs) part.loadStateDict(sd, opts);
}

function prefixed(prefix: string, sd: StateDict): StateDict {
  return Object.fromEntries(Object.entries(sd).map(([k, v]) => [prefix + k, v]));
}

function unprefixed(prefix: string, sd: StateDict): StateDict {
  return Object.fromEntries(
    Object.entries(sd)
      .filter(([k]) => k.startsWith(prefix))
      .map(([k, v]) => [k.slice(prefix.length), v]),
  );
}

function pick(sd: StateDict, keep: (name: string) => boolean): StateDict {
  return Object.fromEntries(Object.entries(sd).filter(([k]) => keep(k)));
}

export function createNetwork(opts: NetworkOptions): Network {
  const seed = opts.seed ?? 0;
  const colorizer = createColorizer(opts.colorizer, { seed: deriveSeed(seed, 'colorizer') });
  const backbone = createBackbone(opts.backbone, {
    seed: deriveSeed(seed, 'backbone'),
    widthMultiplier: opts.widthMultiplier ?? 1,
  });
  const classifier = createClassifier({
    backbone: opts.backbone,
    featureSize: backbone.featureSize,
    numClasses: opts.numClasses,
    seed: deriveSeed(seed, 'classifier'),
  });
  return new ComposedNetwork(colorizer, backbone, classifier);
}
