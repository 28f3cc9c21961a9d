// Name mapping between published ImageNet checkpoints (torchvision, timm, DataParallel, legacy
// DenseNet) and the torchvision names the backbones use. Pure string functions, no tfjs: the
// values of the records pass through untouched.
import { setEntry } from '../model/state-dict';

/** Backbones whose ImageNet checkpoints we import. */
export type ImageNetArch = 'resnet18' | 'densenet121' | 'squeezenet1_1';

/** torchvision's own pattern for DenseNet checkpoints saved before torchvision 0.3. */
const LEGACY_DENSENET =
  /^(.*denselayer\d+\.(?:norm|relu|conv))\.((?:[12])\.(?:weight|bias|running_mean|running_var))$/;

/** The 1000-class ImageNet head of each backbone (a conv for SqueezeNet: `classifier.1`). */
const HEAD_PREFIXES: Readonly<Record<ImageNetArch, string>> = {
  resnet18: 'fc.',
  densenet121: 'classifier.',
  squeezenet1_1: 'classifier.1.',
};

/** BatchNorm's step counter: no meaning for inference or our training, never imported. */
export function isBatchCounter(name: string): boolean {
  return name === 'num_batches_tracked' || name.endsWith('.num_batches_tracked');
}

/**
 * One checkpoint name → its torchvision name: strips DataParallel's `module.` prefix and renames
 * legacy DenseNet layers (`denselayer1.norm.1.weight` → `denselayer1.norm1.weight`).
 */
export function toTorchvisionName(name: string): string {
  const bare = name.startsWith('module.') ? name.slice('module.'.length) : name;
  const legacy = LEGACY_DENSENET.exec(bare);
  return legacy ? `${legacy[1]}${legacy[2]}` : bare;
}

/**
 * Renames every entry with toTorchvisionName and drops the `num_batches_tracked` counters.
 * Values are not copied; dropped ones stay the caller's (dispose them if they are tensors).
 * Throws if two names map to the same torchvision name.
 */
export function normalizeCheckpointNames<T>(entries: Readonly<Record<string, T>>): {
  renamed: Record<string, T>;
  dropped: string[];
} {
  const renamed: Record<string, T> = {};
  const sources = new Map<string, string>();
  const dropped: string[] = [];
  for (const [name, value] of Object.entries(entries)) {
    if (isBatchCounter(name)) {
      dropped.push(name);
      continue;
    }
    const target = toTorchvisionName(name);
    const clash = sources.get(target);
    if (clash !== undefined) {
      throw new Error(`checkpoint names "${clash}" and "${name}" both map to "${target}"`);
    }
    sources.set(target, name);
    setEntry(renamed, target, value);
  }
  return { renamed, dropped };
}

/** Separates the ImageNet head (`fc.*`, `classifier.*`, `classifier.1.*`) from the backbone. */
export function splitImageNetHead<T>(
  entries: Readonly<Record<string, T>>,
  arch: ImageNetArch,
): { backbone: Record<string, T>; head: Record<string, T> } {
  const prefix = HEAD_PREFIXES[arch];
  const backbone: Record<string, T> = {};
  const head: Record<string, T> = {};
  for (const [name, value] of Object.entries(entries)) {
    setEntry(name.startsWith(prefix) ? head : backbone, name, value);
  }
  return { backbone, head };
}
