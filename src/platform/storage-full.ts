// What the page says when the browser refuses a write for lack of space: what was being written
// and its size, what the site uses of its quota (and on what, where the browser tells), and which
// cached datasets take the room. Browser/worker only (navigator.storage, the image cache).
import { cachedImageCount, listManifests, readPaths } from './image-cache';
import { estimateCacheBytes } from './storage-quota';

/** A write refused for lack of space; its message says what to free and what happens next. */
export class StorageFullError extends Error {
  override name = 'StorageFullError';
}

/** A browser's "no room" error (Chromium and WebKit: QuotaExceededError; Firefox's own name),
 *  or ours after it was explained. */
export function isStorageFull(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return (
    name === 'QuotaExceededError' ||
    name === 'NS_ERROR_DOM_QUOTA_REACHED' ||
    name === 'StorageFullError'
  );
}

/** What the site holds: usage and quota, per storage kind where the browser says (Chromium's
 *  usageDetails), and the cached datasets by estimated size. */
export interface StorageUse {
  usage: number;
  quota: number;
  details: Record<string, number>;
  datasets: { key: string; name: string; images: number; bytes: number }[];
}

export const formatBytes = (bytes: number) =>
  bytes >= 1e9
    ? `${(bytes / 1e9).toFixed(2)} GB`
    : bytes >= 1e6
      ? `${(bytes / 1e6).toFixed(1)} MB`
      : `${(bytes / 1e3).toFixed(1)} kB`;

const KIND_NAMES: Record<string, string> = {
  indexedDB: 'IndexedDB',
  caches: 'Cache Storage (downloaded weights)',
  serviceWorkerRegistrations: 'service workers',
  fileSystem: 'files',
};

/** The message: `writing` (e.g. 'shard 3 of "chest"') of `bytes` was refused; then `next`. */
export function storageFullMessage(
  writing: string,
  bytes: number,
  use: StorageUse,
  next: string,
): string {
  const kinds = Object.entries(use.details)
    .filter(([, b]) => b > 0)
    .map(([kind, b]) => `${KIND_NAMES[kind] ?? kind} ${formatBytes(b)}`);
  const datasets = use.datasets
    .sort((a, b) => b.bytes - a.bytes)
    .map((d) => `"${d.name}" ${d.images.toLocaleString('en')} images ≈ ${formatBytes(d.bytes)}`);
  const free = Math.max(0, use.quota - use.usage);
  return [
    `Storage is full: the browser refused to store ${writing} (${formatBytes(bytes)}).`,
    `This site uses ${formatBytes(use.usage)} of the ${formatBytes(use.quota)} it may use` +
      `${kinds.length > 0 ? ` (${kinds.join(', ')})` : ''}; ${formatBytes(free)} is left, and at least ${formatBytes(bytes)} more is needed.`,
    datasets.length > 0 ? `Cached datasets: ${datasets.join('; ')}.` : '',
    next,
  ]
    .filter((part) => part !== '')
    .join(' ');
}

/** The folder name a dataset was dropped under (its paths' first segment). */
export const datasetName = (paths: readonly string[]) => paths[0]?.split('/')[0] ?? 'dataset';

/** The site's storage use as the browser reports it, with the image cache's datasets. */
export async function storageUse(): Promise<StorageUse> {
  const estimate = (await globalThis.navigator?.storage?.estimate?.()) ?? {};
  const details = (estimate as { usageDetails?: Record<string, number> }).usageDetails ?? {};
  const manifests = await listManifests().catch(() => []);
  const datasets = await Promise.all(
    manifests.map(async (m) => {
      const images = cachedImageCount(m);
      const name = datasetName(await readPaths(m.key).catch(() => []));
      return { key: m.key, name, images, bytes: estimateCacheBytes(images, m.settings) };
    }),
  );
  return { usage: estimate.usage ?? 0, quota: estimate.quota ?? 0, details, datasets };
}
