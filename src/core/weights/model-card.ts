// The JSON model card that travels with every export: what the weights are, how to feed them, and
// test vectors any port can check. Pure TS (no tfjs): the UI and the PyTorch doc read the same shape.

import { GRAY_MEAN, GRAY_STD, IMAGENET_MEAN, IMAGENET_STD } from '../data/normalization';
import type { BackboneKind, ColorizerKind } from '../model/kinds';
import type { PretrainedStatus } from './imagenet';

export type ExportScope = 'colorizer' | 'colorizer+backbone' | 'network';

export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

/** float32 values, little-endian, base64: exact and about 5.3 characters per value. */
export interface EncodedArray {
  /** PyTorch layout (NCHW for images). */
  shape: number[];
  dtype: 'F32';
  base64: string;
}

/** One input and the exported scope's output on it, in inference mode (BatchNorm running stats). */
export interface TestVector {
  seed: number;
  input: EncodedArray;
  output: EncodedArray;
}

export interface ModelCardArchitecture {
  colorizer: ColorizerKind;
  backbone: BackboneKind;
  widthMultiplier: number;
  numClasses: number;
  /** Width of the backbone's pooled features (512 / 1024 at width 1). */
  featureSize: number;
}

/** What the studio knows beyond the network itself; the caller fills it from the run. */
export interface ModelCardInput {
  widthMultiplier?: number;
  /** Training input size (H = W) in pixels. */
  inputSize: number;
  /** Gray normalization: (v/255 − mean)/std; SPEC §4 default is CheXpert's. */
  grayMean?: number;
  grayStd?: number;
  /** Label names in logit order. */
  labels: string[];
  uncertaintyPolicies?: Record<string, 'ones' | 'zeros' | 'ignore'>;
  stageHistory?: { stage: string; [detail: string]: JsonValue }[];
  seeds?: Record<string, number>;
  dataset?: { [key: string]: JsonValue };
  metrics?: Record<string, number>;
  pretrained: PretrainedStatus;
}

export interface ModelCard {
  format: 'chromaxr-model-card';
  version: 1;
  scope: ExportScope;
  /** The state-dict name convention of the weights file (SPEC §1–2 names). */
  names: string;
  architecture: ModelCardArchitecture;
  inputSize: number;
  normalization: {
    gray: { mean: number; std: number; formula: string };
    /** The backbone's ImageNet pretraining statistics; not applied (T's output feeds E as is). */
    imagenet?: { mean: number[]; std: number[]; applied: false };
  };
  labels: string[];
  uncertaintyPolicies: Record<string, 'ones' | 'zeros' | 'ignore'>;
  stageHistory: { stage: string; [detail: string]: JsonValue }[];
  seeds: Record<string, number>;
  dataset: { [key: string]: JsonValue };
  metrics: Record<string, number>;
  pretrained: PretrainedStatus;
  /** The same in the words every view uses: "PRETRAINED (ImageNet, <file>)" or "NOT PRETRAINED
   *  (random initialization, seed N)". Absent from cards written before it was added. */
  backboneWeights?: string;
  /** Output of the scope: colorized image [N,3,H,W], features [N,F] or logits [N,numClasses]. */
  testVectorOutput: 'rgb' | 'features' | 'logits';
  testVectors: TestVector[];
}

export const CARD_METADATA_KEY = 'chromaxr_model_card';

const SCOPE_NAMES: Record<ExportScope, string> = {
  colorizer: "the colorization module's own names (SPEC §1), as the authors' module",
  'colorizer+backbone': "'deco.' + colorizer names, 'pt_model.' + torchvision backbone names",
  network:
    "'deco.' + colorizer names, 'pt_model.' + torchvision names with the head fc./classifier.",
};

const OUTPUTS: Record<ExportScope, ModelCard['testVectorOutput']> = {
  colorizer: 'rgb',
  'colorizer+backbone': 'features',
  network: 'logits',
};

/** PRETRAINED or NOT PRETRAINED, with where E's weights came from. */
export function pretrainedWords(status: PretrainedStatus): string {
  return status.kind === 'imagenet'
    ? `PRETRAINED (ImageNet, ${status.fileName})`
    : `NOT PRETRAINED (random initialization, seed ${status.seed})`;
}

export function buildModelCard(
  scope: ExportScope,
  architecture: ModelCardArchitecture,
  input: ModelCardInput,
  testVectors: TestVector[],
): ModelCard {
  const imagenet = input.pretrained.kind === 'imagenet' && scope !== 'colorizer';
  return {
    format: 'chromaxr-model-card',
    version: 1,
    scope,
    names: SCOPE_NAMES[scope],
    architecture,
    inputSize: input.inputSize,
    normalization: {
      gray: {
        mean: input.grayMean ?? GRAY_MEAN,
        std: input.grayStd ?? GRAY_STD,
        formula: 'x = (v / 255 - mean) / std',
      },
      ...(imagenet
        ? { imagenet: { mean: [...IMAGENET_MEAN], std: [...IMAGENET_STD], applied: false } }
        : {}),
    },
    labels: input.labels,
    uncertaintyPolicies: input.uncertaintyPolicies ?? {},
    stageHistory: input.stageHistory ?? [],
    seeds: input.seeds ?? {},
    dataset: input.dataset ?? {},
    metrics: input.metrics ?? {},
    pretrained: input.pretrained,
    backboneWeights: pretrainedWords(input.pretrained),
    testVectorOutput: OUTPUTS[scope],
    testVectors,
  };
}

export function encodeFloat32(values: Float32Array, shape: number[]): EncodedArray {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  let binary = '';
  const CHUNK = 0x8000; // String.fromCharCode takes its arguments on the stack
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return { shape, dtype: 'F32', base64: btoa(binary) };
}

export function decodeFloat32(encoded: EncodedArray): Float32Array {
  const binary = atob(encoded.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const size = encoded.shape.reduce((n, d) => n * d, 1);
  if (bytes.length !== size * 4) {
    throw new Error(`test vector holds ${bytes.length} bytes, shape needs ${size * 4}`);
  }
  return new Float32Array(bytes.buffer);
}

/** Parses a card and checks the fields the importer relies on; throws a readable Error. */
export function parseModelCard(text: string): ModelCard {
  let card: unknown;
  try {
    card = JSON.parse(text);
  } catch (error) {
    throw new Error(`model card is not valid JSON (${(error as Error).message})`);
  }
  const c = card as Partial<ModelCard> | null;
  if (c?.format !== 'chromaxr-model-card' || c.version !== 1) {
    throw new Error('not a ChromaXR model card (format/version fields missing)');
  }
  if (!c.architecture || !Array.isArray(c.testVectors) || !c.scope) {
    throw new Error('model card lacks its architecture, scope or test vectors');
  }
  return c as ModelCard;
}
