// ImageNet backbone weights: where they are published, and loading any of them (download, local
// file) into a backbone through one code path. Core: tfjs and the weights readers only.
import type { BackboneKind } from '../model/kinds';
import type { Backbone } from '../model/part';
import type { StateDict } from '../model/state-dict';
import { WeightsFileError } from './file-error';
import { normalizeCheckpointNames, splitImageNetHead } from './names';
import { readWeightsFile, type WeightsFormat } from './weights-file';

/** One published file of ImageNet weights for a backbone. */
export interface ImageNetSource {
  id: string;
  backbone: BackboneKind;
  publisher: 'timm' | 'torchvision' | 'local';
  /** Absent for files that exist only locally (the offline SqueezeNet of ../shared). */
  url?: string;
  fileName: string;
  /** Full lowercase hex digest, where known. */
  sha256?: string;
  /** torchvision's file names carry the first 8 hex digits of the file's sha256 (torch.hub checks it). */
  sha256Prefix?: string;
  /** Exact byte size, only where known for certain. */
  byteLength?: number;
}

const timm = (backbone: BackboneKind, name: string): ImageNetSource => ({
  id: `timm/${name}`,
  backbone,
  publisher: 'timm',
  url: `https://huggingface.co/timm/${name}/resolve/main/model.safetensors`,
  fileName: `${name}.safetensors`,
});

const torchvision = (backbone: BackboneKind, fileName: string): ImageNetSource => ({
  id: `torchvision/${fileName}`,
  backbone,
  publisher: 'torchvision',
  url: `https://download.pytorch.org/models/${fileName}`,
  fileName,
  sha256Prefix: /-([0-9a-f]{8})\.pth$/.exec(fileName)?.[1],
});

/** SPEC §2: timm's safetensors first (what the UI offers), then torchvision's .pth files. */
export const IMAGENET_SOURCES: readonly ImageNetSource[] = [
  timm('resnet18', 'resnet18.tv_in1k'),
  timm('densenet121', 'densenet121.tv_in1k'),
  torchvision('resnet18', 'resnet18-f37072fd.pth'),
  torchvision('densenet121', 'densenet121-a639ec97.pth'),
  torchvision('squeezenet1_1', 'squeezenet1_1-b8a52dc0.pth'),
  {
    id: 'shared/squeezenet1_1_imagenet',
    backbone: 'squeezenet1_1',
    publisher: 'local',
    fileName: 'squeezenet1_1_imagenet.safetensors',
    sha256: '3c8538495eba107237d79d16df902ea1d6372bf7eed220ed061ff62e399f717d',
    byteLength: 4_947_320,
  },
];

/** Whether the backbone starts from ImageNet weights; every export and report carries it. */
export type PretrainedStatus =
  | { kind: 'imagenet'; source: string; fileName: string; sha256?: string }
  | { kind: 'random-init'; seed: number };

export interface ImageNetLoadSummary {
  /** Backbone entries written (PyTorch names). */
  loaded: string[];
  /** File entries not written: the 1000-class head (unless kept) and int64 counters. */
  ignored: string[];
  format: WeightsFormat;
  source: string;
  /** The head's tensors when `keepHead` (the caller disposes them); otherwise absent. */
  head?: StateDict;
}

export interface ImageNetLoadOptions {
  /** Return the 1000-class head to the caller instead of disposing it. */
  keepHead?: boolean;
  /** Names the source in the summary (an IMAGENET_SOURCES id, or the file name by default). */
  source?: string;
}

/**
 * Reads an ImageNet weights file (timm/torchvision safetensors, torchvision .pth, legacy DenseNet
 * names), drops the 1000-class head and strictly loads the rest into `backbone`. On any mismatch
 * nothing is loaded and a WeightsFileError lists every problem. The file's tensors are disposed.
 */
export function loadImageNetBackbone(
  backbone: Backbone,
  bytes: Uint8Array,
  fileName: string,
  opts: ImageNetLoadOptions = {},
): ImageNetLoadSummary {
  const file = readWeightsFile(bytes, fileName);
  let keptHead: StateDict | undefined;
  try {
    const { renamed, dropped } = normalizeCheckpointNames(file.tensors);
    const { backbone: body, head } = splitImageNetHead(renamed, backbone.kind);
    const problems = backbone.stateDictProblems(body, { strict: true });
    if (problems.length > 0) {
      throw new WeightsFileError(
        fileName,
        `does not fit ${backbone.kind} (nothing loaded):\n  ${problems.join('\n  ')}`,
      );
    }
    backbone.loadStateDict(body, { strict: true });
    if (opts.keepHead) keptHead = head;
    return {
      loaded: Object.keys(body),
      ignored: [...(opts.keepHead ? [] : Object.keys(head)), ...dropped, ...file.skipped],
      format: file.format,
      source: opts.source ?? fileName,
      ...(keptHead ? { head: keptHead } : {}),
    };
  } finally {
    const kept = new Set(Object.values(keptHead ?? {}));
    for (const tensor of Object.values(file.tensors)) if (!kept.has(tensor)) tensor.dispose();
  }
}
