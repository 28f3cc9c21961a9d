// Building the network in the worker: T, E and C from the model spec, E's starting weights from
// ImageNet (downloaded once and cached, or a dropped file) or random and flagged as such. The
// download comes in through `WeightsSource`, so Node tests build models without a network.
import { createNetwork, type Network } from '../core/model';
import type { BackboneKind } from '../core/model/kinds';
import { loadImageNetBackbone, type PretrainedStatus } from '../core/weights/imagenet';
import type { ModelDescription, ModelSpec, PretrainedSource } from './protocol';

/** An ImageNet weights file as it arrived, with what its model card will say of it. */
export interface PretrainedFile {
  bytes: Uint8Array;
  fileName: string;
  /** The published source's id (download) or the file's name (dropped). */
  source: string;
  sha256: string;
}

export type Progress = (task: string, done: number, total: number) => void;

/** Where ImageNet weights come from (the browser: a checked, cached download). */
export interface WeightsSource {
  download(backbone: BackboneKind, progress: Progress): Promise<PretrainedFile>;
  sha256(bytes: Uint8Array): Promise<string>;
}

/** The network the session trains, with the spec it was built from and E's provenance. */
export interface SessionModel {
  network: Network;
  spec: ModelSpec;
  pretrained: PretrainedStatus;
}

export async function buildModel(
  spec: ModelSpec,
  source: PretrainedSource,
  numClasses: number,
  weights: WeightsSource,
  progress: Progress,
): Promise<SessionModel> {
  const network = createNetwork({ ...spec, numClasses });
  try {
    const pretrained = await loadPretrained(network, spec, source, weights, progress);
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
  weights: WeightsSource,
  progress: Progress,
): Promise<PretrainedStatus> {
  if (source.kind === 'random') return { kind: 'random-init', seed: spec.seed };
  if (spec.widthMultiplier !== 1) {
    throw new Error(
      `ImageNet weights exist only for the full-width ${spec.backbone} (width 1, not ${spec.widthMultiplier}); choose width 1 or random initialization.`,
    );
  }
  const file =
    source.kind === 'file'
      ? await droppedFile(source, weights)
      : await weights.download(spec.backbone, progress);
  const summary = loadImageNetBackbone(network.backbone, file.bytes, file.fileName, {
    source: file.source,
  });
  return { kind: 'imagenet', source: summary.source, fileName: file.fileName, sha256: file.sha256 };
}

async function droppedFile(
  source: Extract<PretrainedSource, { kind: 'file' }>,
  weights: WeightsSource,
): Promise<PretrainedFile> {
  const bytes = new Uint8Array(source.bytes);
  const sha256 = await weights.sha256(bytes);
  return { bytes, fileName: source.fileName, source: source.fileName, sha256 };
}

/** How the page sees a built model: parameter counts per part and E's provenance in words. */
export function describeModel({ network, pretrained }: SessionModel): ModelDescription {
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
