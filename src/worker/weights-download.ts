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
  }).catch((error: unknown) => {
    throw new Error(downloadFailure(backbone, published.url as string, published.fileName, error));
  });
  return {
    bytes: result.bytes,
    fileName: published.fileName,
    source: published.id,
    sha256: result.sha256,
  };
}

/** What failed, why, and the two ways on without that address: the same file picked locally, or
 *  random initialization. fetch's own "Failed to fetch" says none of it. */
export function downloadFailure(
  backbone: BackboneKind,
  url: string,
  fileName: string,
  error: unknown,
): string {
  const why =
    error instanceof TypeError
      ? 'network error (offline, blocked by a proxy or firewall, or the site is down)'
      : error instanceof Error
        ? error.message.replace(`${url}: `, '')
        : String(error);
  return (
    `Could not download the ImageNet weights for ${backbone} from ${url}: ${why}. ` +
    `To go on without that address: choose "A local weights file" and pick ${fileName} ` +
    '(the same file, downloaded on any machine that can reach it), or choose "Random ' +
    'initialization" (NOT PRETRAINED: no transfer from ImageNet).'
  );
}

export const downloadedWeights: WeightsSource = { download, sha256: sha256Hex };
