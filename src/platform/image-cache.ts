// The IndexedDB image cache: gray pixels in shards of many images, a manifest per dataset key.
// The only module importing idb-keyval (ARCHITECTURE.md), with its own database and store.
import { createStore, del, delMany, get, keys, type UseStore } from 'idb-keyval';
import { isImagePath } from '../core/data/paths';
import type { CacheImage, DecodeSettings } from './decode-image';
import { changeAtomically, writeAtomically } from './idb-write';
import { damagedShardMessage, shardChecksum, shardIntact } from './shard-integrity';

let opened: UseStore | null = null;
/** Opened on first use (createStore opens the database at once), so importing this module for its
 *  pure helpers needs no IndexedDB. */
const db = (): UseStore => {
  opened ??= createStore('chromaxr-image-cache', 'records');
  return opened;
};

/** Decoding settings plus the shard size; all three change the stored bytes, so all are keyed. */
export interface CacheSettings extends DecodeSettings {
  /** Images per shard record (one IndexedDB write each). */
  shardImages: number;
}

/** What identifies a file without reading it: a changed file gets a new dataset key. */
export interface FileIdentity {
  path: string;
  size: number;
  lastModified: number;
}

export interface SkippedFile {
  path: string;
  reason: string;
}

/** One committed shard: files [index·shardImages, …) of the dataset, minus the skipped ones. */
export interface ShardSummary {
  images: number;
  skipped: SkippedFile[];
  /** The shard's DICOM files: salted hash of PatientID and the SOPInstanceUID (dicom-identity). */
  dicom?: { fileIndex: number; patient: string; sop: string }[];
}

/**
 * A dataset's manifest. `shards[i]` is null until shard i is committed, together with its record,
 * in one transaction: a shard the manifest does not list is never read (a crash mid-shard leaves
 * nothing trusted, and the shard is decoded again).
 */
export interface CacheManifest {
  version: 1;
  key: string;
  settings: CacheSettings;
  fileCount: number;
  shards: (ShardSummary | null)[];
  createdAt: number;
}

/** A shard record: images back to back in `pixels`; `fileIndices` point into the paths record.
 *  `checksum` (shard-integrity) is absent in records cached before checksums. */
export interface ShardRecord {
  fileIndices: number[];
  widths: number[];
  heights: number[];
  pixels: Uint8Array | Uint16Array;
  checksum?: number;
}

/** A shard that failed its checksum; it has been taken out of the manifest. */
export class DamagedShardError extends Error {
  override name = 'DamagedShardError';
}

const manifestKey = (key: string) => `manifest:${key}`;
const pathsKey = (key: string) => `paths:${key}`;
const shardKey = (key: string, index: number) => `shard:${key}:${index}`;

/** SHA-256 over the files' identities (in order) and the settings, hex. */
export async function datasetKey(files: FileIdentity[], settings: CacheSettings): Promise<string> {
  const identity = JSON.stringify({
    v: 1,
    settings: [settings.shortSide, settings.bitDepth, settings.shardImages],
    files: files.map((f) => [f.path, f.size, f.lastModified]),
  });
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(identity));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The files ingestion decodes (core's isImagePath): JPEG, PNG and DICOM by name, and files
 *  without an image extension that may be DICOM; sorted by path. CSVs and others are left for
 *  format detection. */
export function imageFiles<T extends { path: string }>(files: readonly T[]): T[] {
  return files
    .filter((f) => isImagePath(f.path))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export function readManifest(key: string): Promise<CacheManifest | undefined> {
  return get<CacheManifest>(manifestKey(key), db());
}

export async function readPaths(key: string): Promise<string[]> {
  const paths = await get<string[]>(pathsKey(key), db());
  if (!paths) throw new Error(`No cached dataset ${key.slice(0, 12)}…: ingest it again`);
  return paths;
}

/** A new manifest (no shard committed) and the paths record, written together. */
export async function createManifest(
  key: string,
  paths: string[],
  settings: CacheSettings,
): Promise<CacheManifest> {
  const manifest: CacheManifest = {
    version: 1,
    key,
    settings,
    fileCount: paths.length,
    shards: Array.from({ length: Math.ceil(paths.length / settings.shardImages) }, () => null),
    createdAt: Date.now(),
  };
  await writeAtomically(db(), [
    [pathsKey(key), paths],
    [manifestKey(key), manifest],
  ]);
  return manifest;
}

/** Writes the shard and the manifest that lists it in one transaction (both or neither). */
export async function commitShard(
  manifest: CacheManifest,
  index: number,
  record: ShardRecord,
  summary: ShardSummary,
): Promise<CacheManifest> {
  const shards = manifest.shards.slice();
  shards[index] = summary;
  const next = { ...manifest, shards };
  await writeAtomically(db(), [
    [shardKey(manifest.key, index), record],
    [manifestKey(manifest.key), next],
  ]);
  return next;
}

/** The shard's record, checked against its checksum. A damaged one is taken out of the cache (so
 *  the next drop decodes its files again) and refused with a DamagedShardError naming them. */
export async function readShard(key: string, index: number): Promise<ShardRecord> {
  const record = await get<ShardRecord>(shardKey(key, index), db());
  if (!record) throw new Error(`Shard ${index} of dataset ${key.slice(0, 12)}… is missing`);
  if (shardIntact(record)) return record;
  const files = await shardFiles(key, index);
  await uncommitShard(key, index);
  throw new DamagedShardError(damagedShardMessage(files.dataset, index, files.paths));
}

/** The dataset's folder name and the paths of shard `index`'s files (skipped ones included). */
async function shardFiles(key: string, index: number) {
  const [manifest, paths] = await Promise.all([readManifest(key), readPaths(key)]);
  const per = manifest?.settings.shardImages ?? 0;
  return {
    dataset: paths[0]?.split('/')[0] ?? key.slice(0, 12),
    paths: paths.slice(index * per, (index + 1) * per),
  };
}

/** Deletes shard `index` and marks it uncommitted in the manifest, in one transaction: ingestion
 *  then resumes at it, as after a crash mid-shard. */
export function uncommitShard(key: string, index: number): Promise<void> {
  return changeAtomically<CacheManifest>(db(), manifestKey(key), (manifest) => {
    if (!manifest) return { puts: [], deletions: [shardKey(key, index)] };
    const shards = manifest.shards.slice();
    shards[index] = null;
    return {
      puts: [[manifestKey(key), { ...manifest, shards }]],
      deletions: [shardKey(key, index)],
    };
  });
}

/** A shard's images as views into its pixel buffer (no copy). */
export function shardImages(record: ShardRecord): CacheImage[] {
  let offset = 0;
  return record.fileIndices.map((_, slot) => {
    const width = record.widths[slot] as number;
    const height = record.heights[slot] as number;
    const pixels = record.pixels.subarray(offset, offset + width * height);
    offset += width * height;
    return { width, height, pixels };
  });
}

/** Concatenates decoded images into one shard record. */
export function packShard(images: { fileIndex: number; image: CacheImage }[], bitDepth: 8 | 16) {
  const total = images.reduce((sum, { image }) => sum + image.pixels.length, 0);
  const pixels = bitDepth === 16 ? new Uint16Array(total) : new Uint8Array(total);
  let offset = 0;
  for (const { image } of images) {
    pixels.set(image.pixels, offset);
    offset += image.pixels.length;
  }
  const payload = {
    fileIndices: images.map((i) => i.fileIndex),
    widths: images.map((i) => i.image.width),
    heights: images.map((i) => i.image.height),
    pixels,
  };
  return { ...payload, checksum: shardChecksum(payload) } satisfies ShardRecord;
}

export const isComplete = (manifest: CacheManifest) => manifest.shards.every((s) => s !== null);

export const cachedImageCount = (manifest: CacheManifest) =>
  manifest.shards.reduce((sum, s) => sum + (s?.images ?? 0), 0);

export const skippedFiles = (manifest: CacheManifest) =>
  manifest.shards.flatMap((s) => s?.skipped ?? []);

/** Every dataset in the cache (complete or not). */
export async function listManifests(): Promise<CacheManifest[]> {
  const all = await keys<string>(db());
  const manifests = await Promise.all(
    all.filter((k) => k.startsWith('manifest:')).map((k) => get<CacheManifest>(k, db())),
  );
  return manifests.filter((m): m is CacheManifest => m !== undefined);
}

/** Removes a dataset's shards first and its manifest last, so a crash leaves no listed shard
 *  missing. */
export async function deleteDataset(key: string): Promise<void> {
  const own = (await keys<string>(db())).filter((k) => k.startsWith(`shard:${key}:`));
  await delMany(own, db());
  await delMany([pathsKey(key)], db());
  await del(manifestKey(key), db());
}

/** Where one cached image lives. */
export interface CachedEntry {
  path: string;
  shard: number;
  slot: number;
}

/**
 * Every cached image's position, from the manifest alone (no shard read): a shard holds its files
 * in path order minus the skipped ones, which is how ingestion packs it.
 */
export function cachedEntries(manifest: CacheManifest, paths: readonly string[]): CachedEntry[] {
  const per = manifest.settings.shardImages;
  return manifest.shards.flatMap((summary, shard) => {
    if (summary === null) return [];
    const skipped = new Set(summary.skipped.map((s) => s.path));
    const kept = paths.slice(shard * per, (shard + 1) * per).filter((p) => !skipped.has(p));
    return kept.map((path, slot) => ({ path, shard, slot }));
  });
}

/** The paths of every image in the cache of `key` (committed shards, skipped files left out). */
export async function cachedPaths(key: string): Promise<Set<string>> {
  const manifest = await readManifest(key);
  if (!manifest) throw new Error(`No cached dataset ${key.slice(0, 12)}…: ingest it first`);
  return new Set(cachedEntries(manifest, await readPaths(key)).map((entry) => entry.path));
}

/** The cached DICOM files' identities by path (hashed patient, SOPInstanceUID), from the manifest. */
export async function dicomIdentities(
  key: string,
): Promise<Map<string, { patient: string; sop: string }>> {
  const manifest = await readManifest(key);
  if (!manifest) return new Map();
  const paths = await readPaths(key);
  const found = new Map<string, { patient: string; sop: string }>();
  for (const shard of manifest.shards) {
    for (const { fileIndex, patient, sop } of shard?.dicom ?? []) {
      const path = paths[fileIndex];
      if (path !== undefined) found.set(path, { patient, sop });
    }
  }
  return found;
}
