// The model zoo: colorizers T, backbones E, classifier C and their composition. tfjs only.

export { disposeStateDict } from '../weights/state-dict';
export { BACKBONE_KINDS, type BackboneOptions, createBackbone } from './backbones';
export { type Classifier, createClassifier, headNameFor } from './classifier';
export { COLORIZER_KINDS, createColorizer } from './colorizers';
export { pixelShuffle } from './colorizers/pixelshuffle';
export {
  BACKBONE_PREFIX,
  COLORIZER_PREFIX,
  createNetwork,
  type Network,
  type NetworkOptions,
} from './network';
export type { Layout, LoadOptions } from './parameters';
export type { Backbone, BackboneKind, Colorizer, ColorizerKind, Part } from './part';
