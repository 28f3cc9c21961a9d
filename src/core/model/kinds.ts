// The names of the colorizers and backbones the studio builds: one list each, from which the types
// and every validator (config parser, forms) derive. Plain data, so the page may import it.

/** T: gray replication, or one of the paper's three learned colorization modules. */
export const COLORIZER_KINDS = ['replicate', 'deconv', 'pixelshuffle', 'coloru'] as const;
export type ColorizerKind = (typeof COLORIZER_KINDS)[number];

/** E: the paper's two ImageNet backbones, and SqueezeNet 1.1 (its weights ship offline). */
export const BACKBONE_KINDS = ['resnet18', 'densenet121', 'squeezenet1_1'] as const;
export type BackboneKind = (typeof BACKBONE_KINDS)[number];

export const isColorizerKind = (value: unknown): value is ColorizerKind =>
  (COLORIZER_KINDS as readonly unknown[]).includes(value);

export const isBackboneKind = (value: unknown): value is BackboneKind =>
  (BACKBONE_KINDS as readonly unknown[]).includes(value);

/** Each colorizer as the paper and every message name it (never the id). */
export const COLORIZER_NAMES: Readonly<Record<ColorizerKind, string>> = {
  replicate: 'Gray replication',
  deconv: 'DECONV',
  pixelshuffle: 'PixelShuffle',
  coloru: 'ColorU',
};
