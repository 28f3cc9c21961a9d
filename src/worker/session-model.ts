// Building the network in the worker: T, E and C from the model spec, E's starting weights from
// ImageNet (downloaded once and cached, or a dropped file) or random and flagged as such.
import { createNetwork, type Network } from '../core/model';
import {
  IMAGENET_SOURCES,
  loadImageNetBackbone,
  type PretrainedStatus,
} from '../core/weights/imagenet';
import { downloadWeights, sha256Hex } from '../platform/download-weights';
import type { ModelSpec, PretrainedSource } from './protocol';

export interface BuiltModel {
  network: Network;
  spec: ModelSpec;
  pretrained: PretrainedStatus;
}

export type Progress = (task: string, done: number, total: number) => void;

export async function buildModel(
  spec: ModelSpec,
  source: PretrainedSource,
  numClasses: number,
  progress: Progress,
): Promise<BuiltModel> {
  const network = createNetwork({ ...spec, numClasses });
  try {
    const pretrained = await loadPretrained(network, spec, source, progress);
    return { network, spec, pretrained };
  } catch (error) {
    network.dispose();
    throw error;
  }
}

async function loadPretrained(
  network: Network,
  spec: ModelSpec,
  source: PretrainedSource,
  progress: Progress,
): Promise<PretrainedStatus> {
  if (source.kind === 'random') return { kind: 'random-init', seed: spec.seed };
  if (spec.widthMultiplier !== 1) {
    throw new Error(
      `ImageNet weights exist only for the full-width ${spec.backbone} (width 1, not ${spec.widthMultiplier}); choose width 1 or random initialization.`,
    );
  }
  const file = source.kind === 'file' ? await droppedFile(source) : await download(spec, progress);
  const summary = loadImageNetBackbone(network.backbone, file.bytes, file.fileName, {
    source: file.source,
  });
  return { kind: 'imagenet', source: summary.source, fileName: file.fileName, sha256: file.sha256 };
}

async function droppedFile(source: Extract<PretrainedSource, { kind: 'file' }>) {
  const bytes = new Uint8Array(source.bytes);
  return {
    bytes,
    fileName: source.fileName,
    source: source.fileName,
    sha256: await sha256Hex(bytes),
  };
}

/** The first published source for the backbone (timm's safetensors before torchvision's .pth). */
async function download(spec: ModelSpec, progress: Progress) {
  const published = IMAGENET_SOURCES.find((s) => s.backbone === spec.backbone && s.url);
  if (!published?.url) {
    throw new Error(
      `No download is known for ${spec.backbone}: drop its ImageNet weights file instead.`,
    );
  }
  const task = `Downloading ${published.fileName}`;
  const result = await downloadWeights({
    url: published.url,
    byteLength: published.byteLength,
    sha256: published.sha256 ?? published.sha256Prefix,
    onProgress: (p) => progress(task, p.bytes, p.total ?? p.bytes),
  });
  return {
    bytes: result.bytes,
    fileName: published.fileName,
    source: published.id,
    sha256: result.sha256,
  };
}

/** How the page sees a built model: parameter counts per part and E's provenance in words. */
export function describeModel({ network, pretrained }: BuiltModel) {
  return {
    parameters: {
      colorizer: network.colorizer.parameterCount(),
      backbone: network.backbone.parameterCount(),
      classifier: network.classifier.parameterCount(),
    },
    pretrained:
      pretrained.kind === 'imagenet'
        ? `ImageNet (${pretrained.fileName})`
        : `NOT PRETRAINED: random initialization (seed ${pretrained.seed})`,
    isPretrained: pretrained.kind === 'imagenet',
  };
}
