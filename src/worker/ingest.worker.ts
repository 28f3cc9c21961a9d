// The ingestion worker: receives a dropped folder's file list once (in parts), detects its format,
// keys it and decodes its images into the IndexedDB cache (platform/ingest-loop), and parses its
// label files into the stored index (platform/index-labels), so the page stays responsive whatever
// the dataset's size. No tfjs here.
import { detectDatasetFormat } from '../core/data/detect';
import { sheetPage } from '../platform/contact-sheet-source';
import { deleteDatasetIndex, saveDatasetIndex } from '../platform/dataset-index-store';
import {
  cachedPaths,
  datasetKey,
  deleteDataset,
  dicomIdentities,
  imageFiles,
} from '../platform/image-cache';
import { indexLabels } from '../platform/index-labels';
import { ingest } from '../platform/ingest-loop';
import { storageUse } from '../platform/storage-full';
import { storedItems } from '../platform/stored-items';
import type { WalkedFile } from '../platform/walk-folder';
import type { IngestEvent, IngestRequest } from './ingest-protocol';

const post = (event: IngestEvent, transfer: Transferable[] = []) =>
  self.postMessage(event, { transfer });
const cancelled = new Set<number>();
/** Drops by id; only the newest is kept (a new drop replaces the folder the studio works on). */
const drops = new Map<number, WalkedFile[]>();

function dropOf(dropId: number): WalkedFile[] {
  const files = drops.get(dropId);
  if (!files)
    throw new Error('That folder is no longer held by the ingestion worker: drop it again.');
  return files;
}

function receive(request: Extract<IngestRequest, { kind: 'drop' }>): void {
  const files = drops.get(request.dropId) ?? [];
  if (files.length === 0) drops.clear();
  files.push(...request.files);
  drops.set(request.dropId, files);
  if (!request.last) return;
  const detected = detectDatasetFormat(files.map((f) => f.path));
  post({ kind: 'scanned', id: request.id, files: files.length, detected });
}

async function cache(request: Extract<IngestRequest, { kind: 'ingest' }>): Promise<void> {
  const { id, settings } = request;
  const images = imageFiles(dropOf(request.dropId));
  const identities = images.map(({ path, file }) => ({
    path,
    size: file.size,
    lastModified: file.lastModified,
  }));
  const key = await datasetKey(identities, settings);
  const summary = await ingest(images, settings, key, {
    onProgress: (progress) => post({ kind: 'progress', id, ...progress }),
    onSkipped: (path, reason) => post({ kind: 'skipped', id, path, reason }),
    isCancelled: () => cancelled.has(id),
  });
  post({ kind: 'done', id, datasetKey: key, ...summary });
}

async function index(request: Extract<IngestRequest, { kind: 'index' }>): Promise<void> {
  const files = dropOf(request.dropId);
  const cached = await cachedPaths(request.datasetKey);
  const dicom = await dicomIdentities(request.datasetKey);
  const { name, format } = request;
  const { record, summary } = await indexLabels(name, format, files, cached, dicom);
  await saveDatasetIndex(request.datasetKey, record);
  post({ kind: 'indexed', id: request.id, ...summary });
}

async function sheet(request: Extract<IngestRequest, { kind: 'sheet' }>): Promise<void> {
  const { datasetKey, group, offset, count, size } = request;
  const page = await sheetPage(datasetKey, group, offset, count, size);
  const buffers = page.items.flatMap((item) => (item.thumb ? [item.thumb.pixels.buffer] : []));
  post({ kind: 'sheet', id: request.id, ...page }, buffers);
}

/** The site's storage; after deleting `datasetKey`'s cache and index when asked to. */
async function storage(request: Extract<IngestRequest, { kind: 'storage' | 'deleteDataset' }>) {
  if (request.kind === 'deleteDataset') {
    await deleteDataset(request.datasetKey);
    await deleteDatasetIndex(request.datasetKey);
  }
  post({ kind: 'storage', id: request.id, ...(await storageUse()), ...(await storedItems()) });
}

async function handle(request: IngestRequest): Promise<void> {
  if (request.kind === 'cancel') cancelled.add(request.id);
  else if (request.kind === 'storage' || request.kind === 'deleteDataset') await storage(request);
  else if (request.kind === 'drop') receive(request);
  else if (request.kind === 'ingest') await cache(request);
  else if (request.kind === 'sheet') await sheet(request);
  else await index(request);
}

self.onmessage = (message: MessageEvent<IngestRequest>) => {
  const request = message.data;
  handle(request)
    .catch((error: unknown) => {
      post({
        kind: 'error',
        id: request.id,
        message: error instanceof Error ? error.message : String(error),
      });
    })
    .finally(() => {
      if (request.kind !== 'cancel') cancelled.delete(request.id);
    });
};
