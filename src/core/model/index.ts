// The model zoo: colorizers T, backbones E, classifier C and their composition. tfjs only.

export { type BackboneOptions, createBackbone } from './backbones';
export { type Classifier, createClassifier, headNameFor } from './classifier';
export { createColorizer } from './colorizers';
export { pixelShuffle } from './colorizers/pixelshuffle';
export {
  BACKBONE_KINDS,
  type BackboneKind,
  COLORIZER_KINDS,
  type ColorizerKind,
} from './kinds';
export {
  BACKBONE_PREFIX,
  COLORIZER_PREFIX,
  createNetwork,
  type Network,
  type NetworkOptions,
} from './network';
export type { Layout, LoadOptions } from './parameters';
export type { Backbone, Colorizer, Part } from './part';
export { disposeStateDict } from './state-dict';
