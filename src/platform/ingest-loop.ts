// The ingestion loop: decode files shard by shard and commit each shard with its manifest entry.
// Runs in the ingestion worker; browser APIs only through decode-image and image-cache.
import { type CacheImage, DecodeError, decodeImageFile } from './decode-image';
import {
  type CacheManifest,
  type CacheSettings,
  cachedImageCount,
  commitShard,
  createManifest,
  isComplete,
  packShard,
  readManifest,
  type ShardSummary,
  skippedFiles,
} from './image-cache';
import {
  datasetName,
  formatBytes,
  isStorageFull,
  StorageFullError,
  storageFullMessage,
  storageUse,
} from './storage-full';
import { estimateCacheBytes } from './storage-quota';
import type { WalkedFile } from './walk-folder';

export interface IngestSummary {
  /** Images in the cache for this key now. */
  cached: number;
  /** Files listed as skipped (with reasons) in the manifest. */
  skipped: number;
  /** The cache was complete already: nothing was decoded. */
  reused: boolean;
  /** Files already done (committed shards) when this run started; 0 for a fresh ingestion. */
  resumedFrom: number;
  /** Files decoded by this run. */
  decoded: number;
  cancelled: boolean;
}

export interface IngestHooks {
  onProgress(progress: {
    done: number;
    total: number;
    imagesPerSecond: number;
    secondsLeft: number;
  }): void;
  onSkipped(path: string, reason: string): void;
  /** Polled between shards. */
  isCancelled(): boolean;
}

/** Decodes in parallel: the browser decodes images off the JS thread, so a few in flight keep
 *  its decoder threads busy. */
const DECODES_IN_FLIGHT = 4;

type Decoded =
  | { fileIndex: number; image: CacheImage; dicom?: { patientId: string; sopInstanceUid: string } }
  | { fileIndex: number; error: string };

async function decodeAll(
  files: readonly WalkedFile[],
  first: number,
  settings: CacheSettings,
): Promise<Decoded[]> {
  const results: Decoded[] = new Array(files.length);
  let next = 0;
  const work = async () => {
    for (let i = next++; i < files.length; i = next++) {
      const { path, file } = files[i] as WalkedFile;
      try {
        let dicom: { patientId: string; sopInstanceUid: string } | undefined;
        const image = await decodeImageFile(path, file, settings, (ids) => {
          dicom = ids;
        });
        results[i] = { fileIndex: first + i, image, ...(dicom ? { dicom } : {}) };
      } catch (error) {
        const reason = error instanceof DecodeError ? error.reason : String(error);
        results[i] = { fileIndex: first + i, error: reason };
      }
    }
  };
  await Promise.all(Array.from({ length: DECODES_IN_FLIGHT }, work));
  return results;
}

/** A patient ID as the cache keeps it: SHA-256 of the dataset's key and the ID (the key salts it,
 *  so the stored value names no patient and differs between datasets), 16 hex digits. */
export async function hashedPatient(datasetKey: string, patientId: string): Promise<string> {
  const bytes = new TextEncoder().encode(`${datasetKey}\u0000${patientId}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The shard's DICOM identities, patients hashed; files without a PatientID keep their folder's
 *  grouping (no entry). */
async function shardIdentities(key: string, images: readonly Decoded[]) {
  const entries = await Promise.all(
    images.flatMap((d) =>
      'dicom' in d && d.dicom && d.dicom.patientId !== ''
        ? [
            hashedPatient(key, d.dicom.patientId).then((patient) => ({
              fileIndex: d.fileIndex,
              patient,
              sop: d.dicom?.sopInstanceUid ?? '',
            })),
          ]
        : [],
    ),
  );
  return entries.length > 0 ? { dicom: entries } : {};
}

/** Decodes and commits shard `index`; returns the manifest that lists it. */
async function ingestShard(
  manifest: CacheManifest,
  index: number,
  files: readonly WalkedFile[],
  hooks: IngestHooks,
): Promise<CacheManifest> {
  const { shardImages, bitDepth } = manifest.settings;
  const first = index * shardImages;
  const decoded = await decodeAll(
    files.slice(first, first + shardImages),
    first,
    manifest.settings,
  );
  const images = decoded.filter((d): d is Extract<Decoded, { image: CacheImage }> => 'image' in d);
  const skipped = decoded.flatMap((d) =>
    'error' in d ? [{ path: files[d.fileIndex]?.path ?? '', reason: d.error }] : [],
  );
  for (const s of skipped) hooks.onSkipped(s.path, s.reason);
  const identities = await shardIdentities(manifest.key, images);
  const summary: ShardSummary = { images: images.length, skipped, ...identities };
  const record = packShard(images, bitDepth);
  try {
    return await commitShard(manifest, index, record, summary);
  } catch (error) {
    if (!isStorageFull(error)) throw error;
    throw await storageFull(manifest, index, record.pixels.byteLength, files);
  }
}

/** The refused shard explained: its size, what the rest needs, what uses the space. The commit
 *  was one transaction, so the manifest still ends at the last whole shard. */
async function storageFull(
  manifest: CacheManifest,
  index: number,
  bytes: number,
  files: readonly WalkedFile[],
): Promise<StorageFullError> {
  const name = datasetName(files.map((f) => f.path));
  const left = manifest.fileCount - filesDone(manifest);
  const next =
    `Ingestion stopped after ${filesDone(manifest)} of ${manifest.fileCount} files; the ${left} left need about ` +
    `${formatBytes(estimateCacheBytes(left, manifest.settings))}. Free space (e.g. clear other sites' data or old ` +
    'cached datasets), then drop the folder again: it resumes where it stopped.';
  const writing = `shard ${index} of "${name}"`;
  return new StorageFullError(storageFullMessage(writing, bytes, await storageUse(), next));
}

const filesDone = (manifest: CacheManifest) =>
  manifest.shards.reduce(
    (sum, s, i) =>
      s === null
        ? sum
        : sum +
          Math.min(
            manifest.settings.shardImages,
            manifest.fileCount - i * manifest.settings.shardImages,
          ),
    0,
  );

/**
 * Ingests `files` (image files, sorted) into the cache under `key`: a complete cache is reused
 * as is, a partial one resumes at its first uncommitted shard. Cancellation takes effect between
 * shards, so every committed shard is whole.
 */
export async function ingest(
  files: readonly WalkedFile[],
  settings: CacheSettings,
  key: string,
  hooks: IngestHooks,
): Promise<IngestSummary> {
  let manifest =
    (await readManifest(key)) ??
    (await createManifest(
      key,
      files.map((f) => f.path),
      settings,
    ));
  const summary = (extra: Partial<IngestSummary>): IngestSummary => ({
    cached: cachedImageCount(manifest),
    skipped: skippedFiles(manifest).length,
    reused: false,
    resumedFrom: 0,
    decoded: 0,
    cancelled: false,
    ...extra,
  });
  if (isComplete(manifest)) return summary({ reused: true, resumedFrom: files.length });
  const resumedFrom = filesDone(manifest);
  const started = performance.now();
  let decoded = 0;
  for (let index = 0; index < manifest.shards.length; index++) {
    if (manifest.shards[index] !== null) continue;
    if (hooks.isCancelled()) return summary({ resumedFrom, decoded, cancelled: true });
    manifest = await ingestShard(manifest, index, files, hooks);
    decoded += Math.min(settings.shardImages, files.length - index * settings.shardImages);
    const done = filesDone(manifest);
    const imagesPerSecond = decoded / Math.max((performance.now() - started) / 1000, 1e-3);
    hooks.onProgress({
      done,
      total: files.length,
      imagesPerSecond,
      secondsLeft: (files.length - done) / imagesPerSecond,
    });
  }
  return summary({ resumedFrom, decoded });
}
