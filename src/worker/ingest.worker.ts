// The ingestion worker: keys a dropped folder and decodes its images into the IndexedDB cache
// (platform/ingest-loop), and parses its label files into the stored index (platform/index-labels),
// so the page stays responsive whatever the dataset's size. No tfjs here.
import { saveDatasetIndex } from '../platform/dataset-index-store';
import { datasetKey, imageFiles } from '../platform/image-cache';
import { indexLabels } from '../platform/index-labels';
import { ingest } from '../platform/ingest-loop';
import type { IngestEvent, IngestRequest } from './ingest-protocol';

const post = (event: IngestEvent) => self.postMessage(event);
const cancelled = new Set<number>();

async function cache(request: Extract<IngestRequest, { kind: 'ingest' }>): Promise<void> {
  const { id, settings } = request;
  const images = imageFiles(request.files);
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
  const { record, summary } = await indexLabels(request.name, request.format, request.files);
  await saveDatasetIndex(request.datasetKey, record);
  post({ kind: 'indexed', id: request.id, ...summary });
}

self.onmessage = (message: MessageEvent<IngestRequest>) => {
  const request = message.data;
  if (request.kind === 'cancel') {
    cancelled.add(request.id);
    return;
  }
  const work = request.kind === 'ingest' ? cache(request) : index(request);
  work
    .catch((error: unknown) => {
      post({
        kind: 'error',
        id: request.id,
        message: error instanceof Error ? error.message : String(error),
      });
    })
    .finally(() => cancelled.delete(request.id));
};
