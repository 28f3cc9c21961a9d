// Exposes the ingestion path to test/browser/ingest.test.ts as window.ingestHarness: the folder
// input, the OPFS handle walk, the worker ingestion, cache reads and the cached feed.
import * as tf from '@tensorflow/tfjs';
import type { DetectedFormat } from '../../../src/core/data/detect';
import { createCachedFeed } from '../../../src/platform/cached-feed-source';
import {
  type CacheSettings,
  cachedEntries,
  deleteDataset,
  readManifest,
  readPaths,
  readShard,
  shardImages,
  skippedFiles,
} from '../../../src/platform/image-cache';
import {
  type DirectoryHandleLike,
  sortByPath,
  type WalkedFile,
  walkDirectoryHandle,
  walkInputFiles,
} from '../../../src/platform/walk-folder';
import { IngestClient } from '../../../src/worker/ingest-client';
import type { IngestEvent, IngestSummary } from '../../../src/worker/ingest-protocol';

let dropped: WalkedFile[] = [];
const client = IngestClient.start();

/** Reads the folder the test put into the <input webkitdirectory>; returns its paths. */
function takeInput(): string[] {
  const input = document.getElementById('folder') as HTMLInputElement;
  dropped = walkInputFiles(input.files ?? []);
  return dropped.map((f) => f.path);
}

/** Copies the dropped files into OPFS (walk prefix 'drop'), then walks that handle. */
async function walkOpfsCopy(): Promise<string[]> {
  const root = await navigator.storage.getDirectory();
  await root.removeEntry('drop', { recursive: true }).catch(() => undefined);
  const top = await root.getDirectoryHandle('drop', { create: true });
  for (const { path, file } of dropped) {
    let dir = top;
    const parts = path.split('/').slice(1);
    for (const part of parts.slice(0, -1))
      dir = await dir.getDirectoryHandle(part, { create: true });
    const handle = await dir.getFileHandle(parts.at(-1) as string, { create: true });
    const writable = await handle.createWritable();
    await writable.write(file);
    await writable.close();
  }
  await (await top.getDirectoryHandle('.hidden', { create: true })).getFileHandle('x.png', {
    create: true,
  });
  await top.getFileHandle('.DS_Store', { create: true });
  const walked = await walkDirectoryHandle(top as unknown as DirectoryHandleLike);
  return sortByPath(walked).map((f) => f.path);
}

interface IngestRun {
  key: string;
  summary: IngestSummary;
  skippedEvents: { path: string; reason: string }[];
  /** The worker's format guess for the drop. */
  detected: DetectedFormat;
  progress: number;
  wallMs: number;
}

/** Ingests the dropped folder through the worker; cancels after `cancelAfter` progress events. */
async function ingest(settings: CacheSettings, cancelAfter?: number): Promise<IngestRun> {
  const started = performance.now();
  const { dropId, detected } = await client.drop(dropped);
  const job = client.ingest(dropId, settings);
  const skippedEvents: IngestRun['skippedEvents'] = [];
  let progress = 0;
  const unsubscribe = client.subscribe((event: IngestEvent) => {
    if (event.id !== job.id) return;
    if (event.kind === 'skipped') skippedEvents.push({ path: event.path, reason: event.reason });
    if (event.kind === 'progress' && ++progress === cancelAfter) job.cancel();
  });
  const summary = await job.done;
  unsubscribe();
  return {
    key: summary.datasetKey,
    summary,
    skippedEvents,
    detected,
    progress,
    wallMs: performance.now() - started,
  };
}

/** The cached pixels of `paths` (plain arrays), and the manifest's skipped list. */
async function readCache(key: string, paths: string[]) {
  const manifest = await readManifest(key);
  if (!manifest) throw new Error('no manifest');
  const where = new Map(cachedEntries(manifest, await readPaths(key)).map((e) => [e.path, e]));
  const images: Record<string, { width: number; height: number; pixels: number[] }> = {};
  for (const path of paths) {
    const entry = where.get(path);
    if (!entry) continue;
    const image = shardImages(await readShard(key, entry.shard))[entry.slot];
    if (image)
      images[path] = { width: image.width, height: image.height, pixels: Array.from(image.pixels) };
  }
  return { images, skipped: skippedFiles(manifest), shards: manifest.shards.length };
}

/** The first `batches` batches of a cached feed (values summed per batch), for determinism. */
async function feedSums(key: string, seed: number, batches: number): Promise<number[]> {
  await tf.setBackend('cpu');
  const feed = await createCachedFeed(key, () => ({ target: [1], mask: [1] }), {
    size: 48,
    batchSize: 4,
    seed,
    windowShards: 2,
  });
  const sums: number[] = [];
  for (let b = 0; b < batches; b++) {
    const batch = await feed.next();
    sums.push(tf.tidy(() => tf.sum(tf.abs(batch.x)).dataSync()[0] ?? 0));
    tf.dispose([batch.x, batch.targets, batch.mask]);
  }
  return sums;
}

/** A feed kept alive after `batches` batches, so the benchmark can weigh the page's heap with it. */
let held: Awaited<ReturnType<typeof createCachedFeed>> | null = null;
async function holdFeed(key: string, batches: number): Promise<void> {
  await tf.setBackend('cpu');
  held = await createCachedFeed(key, () => ({ target: [1], mask: [1] }), {
    size: 56,
    batchSize: 16,
    seed: 1,
  });
  for (let b = 0; b < batches; b++) {
    const batch = await held.next();
    tf.dispose([batch.x, batch.targets, batch.mask]);
  }
  await held.prefetched(); // the prefetched batch is part of the steady state
}
const releaseFeed = () => {
  held = null;
};

const ingestHarness = {
  takeInput,
  walkOpfsCopy,
  ingest,
  readCache,
  feedSums,
  deleteDataset,
  holdFeed,
  releaseFeed,
};
Object.assign(window, { ingestHarness });
(document.getElementById('status') as HTMLElement).textContent = 'ready';

export type IngestHarness = typeof ingestHarness;
