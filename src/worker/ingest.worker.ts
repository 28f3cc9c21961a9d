// The ingestion worker: a thin dispatcher from ingest requests to platform/ingest-loop, so the
// page stays responsive while thousands of files are decoded. No tfjs here.
import { ingest } from '../platform/ingest-loop';
import type { IngestEvent, IngestRequest } from './ingest-protocol';

const post = (event: IngestEvent) => self.postMessage(event);
const cancelled = new Set<number>();

async function run(request: Extract<IngestRequest, { kind: 'ingest' }>): Promise<void> {
  const { id } = request;
  const summary = await ingest(request.files, request.settings, request.datasetKey, {
    onProgress: (progress) => post({ kind: 'progress', id, ...progress }),
    onSkipped: (path, reason) => post({ kind: 'skipped', id, path, reason }),
    isCancelled: () => cancelled.has(id),
  });
  cancelled.delete(id);
  post({ kind: 'done', id, ...summary });
}

self.onmessage = (message: MessageEvent<IngestRequest>) => {
  const request = message.data;
  if (request.kind === 'cancel') {
    cancelled.add(request.id);
    return;
  }
  run(request).catch((error: unknown) => {
    post({
      kind: 'error',
      id: request.id,
      message: error instanceof Error ? error.message : String(error),
    });
  });
};
