// The model slice: the model form (ModelSpec + where E's weights come from) and what the worker
// built. Plain data; a picked weights File is kept as the browser's handle, never read here.
import type { ModelSpec } from '../worker/protocol';

export type PretrainedChoice = 'download' | 'file' | 'random';

export interface BuiltModel {
  spec: ModelSpec;
  parameters: { colorizer: number; backbone: number; classifier: number };
  /** The worker's description of E's weights, e.g. "ImageNet (resnet18.tv_in1k)". */
  pretrained: string;
  isPretrained: boolean;
}

export interface ModelState {
  /** Defaults: the paper's ResNet18 + ColorU (the smallest learned T) at full width; 224 px
   *  rather than the paper's 320 so a laptop GPU trains at a usable speed. */
  spec: ModelSpec;
  pretrained: PretrainedChoice;
  /** The local ImageNet weights file when `pretrained` is 'file'. */
  pretrainedFile: File | null;
  built: BuiltModel | null;
  busy: boolean;
  error: string | null;
}

export const initialModel = (): ModelState => ({
  spec: { colorizer: 'coloru', backbone: 'resnet18', widthMultiplier: 1, inputSize: 224, seed: 0 },
  pretrained: 'download',
  pretrainedFile: null,
  built: null,
  busy: false,
  error: null,
});

export const totalParameters = (built: BuiltModel): number =>
  built.parameters.colorizer + built.parameters.backbone + built.parameters.classifier;
