// The training worker: a thin dispatcher from protocol requests to the core. All tensors live
// here; the page only receives plain data.
import { startDevice } from './device';
import type { WorkerEvent, WorkerRequest } from './protocol';

const post = (event: WorkerEvent) => self.postMessage(event);

async function handle(request: WorkerRequest): Promise<void> {
  switch (request.kind) {
    case 'init':
      post({ kind: 'ready', id: request.id, device: await startDevice(request.preferred) });
      return;
  }
}

self.onmessage = (message: MessageEvent<WorkerRequest>) => {
  const request = message.data;
  handle(request).catch((error: unknown) => {
    post({
      kind: 'error',
      id: request.id,
      message: error instanceof Error ? error.message : String(error),
    });
  });
};
