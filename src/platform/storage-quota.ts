// Persistent-storage request and quota estimate, shown before a large ingestion. Browser-only
// (navigator.storage); no tfjs and no core imports needed.
import type { CacheSettings } from './image-cache';

export interface StorageEstimateInfo {
  /** Bytes this origin uses now, and may use at most. */
  usage: number;
  quota: number;
  /** True when the browser will not evict the cache under storage pressure. */
  persisted: boolean;
}

/** Asks the browser not to evict the cache (it may say no, e.g. without user engagement). */
export async function requestPersistence(): Promise<boolean> {
  if (!navigator.storage?.persist) return false;
  return (await navigator.storage.persisted()) || navigator.storage.persist();
}

export async function storageEstimate(): Promise<StorageEstimateInfo> {
  const storage = navigator.storage;
  if (!storage?.estimate) return { usage: 0, quota: Number.POSITIVE_INFINITY, persisted: false };
  const [{ usage = 0, quota = Number.POSITIVE_INFINITY }, persisted] = await Promise.all([
    storage.estimate(),
    storage.persisted ? storage.persisted() : Promise.resolve(false),
  ]);
  return { usage, quota, persisted };
}

/**
 * Bytes the cache of `images` files will take: short side² × the aspect ratio (chest films are
 * about 1.2 : 1) × bytes per sample. IndexedDB adds little for large binary records.
 */
export function estimateCacheBytes(images: number, settings: CacheSettings, aspect = 1.2): number {
  return Math.ceil(images * settings.shortSide ** 2 * aspect * (settings.bitDepth / 8));
}

/** Whether the estimate fits in what is left of the quota. */
export function fitsInQuota(bytes: number, estimate: StorageEstimateInfo): boolean {
  return bytes <= estimate.quota - estimate.usage;
}

/** Before an ingestion: ask for persistent storage, then the cache's estimated size for `images`
 *  files beside what the origin uses and may use. */
export async function checkStorage(images: number, settings: CacheSettings) {
  const persisted = await requestPersistence();
  const estimate = await storageEstimate();
  return {
    neededBytes: estimateCacheBytes(images, settings),
    usageBytes: estimate.usage,
    quotaBytes: estimate.quota,
    persisted: persisted || estimate.persisted,
  };
}
