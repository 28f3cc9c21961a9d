// The browser's WeightsSource: the first published ImageNet file for a backbone (timm's safetensors
// before torchvision's .pth), downloaded once with its size and sha256 checked, then cached.
import type { BackboneKind } from '../core/model/kinds';
import { IMAGENET_SOURCES } from '../core/weights/imagenet';
import { downloadWeights, sha256Hex } from '../platform/download-weights';
import type { PretrainedFile, Progress, WeightsSource } from './session-model';

async function download(backbone: BackboneKind, progress: Progress): Promise<PretrainedFile> {
  const published = IMAGENET_SOURCES.find((s) => s.backbone === backbone && s.url);
  if (!published?.url) {
    throw new Error(
      `No download is known for ${backbone}: drop its ImageNet weights file instead.`,
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

export const downloadedWeights: WeightsSource = { download, sha256: sha256Hex };
