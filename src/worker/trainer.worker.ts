// The training worker: a thin dispatcher from protocol requests to the session. All tensors live
// here; the page only receives plain data. Control messages (pause/stop) are answered at once:
// the running stage awaits between steps, so they arrive while it is in flight.
import { startDevice } from './device';
import { ExperimentQueue } from './experiment-session';
import type { WorkerEvent, WorkerRequest } from './protocol';
import { TrainerSession } from './session';
import { browserSessionDeps } from './session-deps';
import { describeModel } from './session-model';

const post = (event: WorkerEvent, transfer: Transferable[] = []) =>
  self.postMessage(event, { transfer });
// Proof of life for the page's watchdog: it fires whenever the event loop turns (between steps,
// between validation batches), so only a worker stuck for minutes goes silent.
const HEARTBEAT_MS = 5_000;
setInterval(() => post({ kind: 'heartbeat' }), HEARTBEAT_MS);
const deps = browserSessionDeps(post);
const session = new TrainerSession(deps);
const experiments = new ExperimentQueue(session, deps);

async function handle(request: WorkerRequest): Promise<void> {
  const { id } = request;
  switch (request.kind) {
    case 'init': {
      const device = await startDevice(request.preferred);
      const checkpoint = (await deps.checkpoints.loadInfo()) ?? null;
      const experiment = await deps.experiments.load();
      post({ kind: 'ready', id, device, checkpoint, experiment });
      return;
    }
    case 'loadDataset': {
      const task =
        request.dataset.kind === 'demo'
          ? 'Drawing phantom radiographs'
          : 'Reading the cached dataset';
      post({ kind: 'progress', id, task, done: 0, total: 1 });
      const dataset = await session.loadData(request.dataset);
      post({ kind: 'datasetReady', id, summary: dataset.summary, dataset: dataset.ref });
      return;
    }
    case 'buildModel': {
      const built = await session.build(request.model, request.pretrained, id);
      post({ kind: 'modelReady', id, ...describeModel(built) });
      return;
    }
    case 'runStage':
      return session.runStage(id, request.run);
    case 'findLr':
      post({ kind: 'lrFound', id, ...(await session.findLr(id, request.run, request.numIt)) });
      return;
    case 'resumeStage':
      return session.resume(id);
    case 'control':
      if (request.action === 'pause') session.control.pause();
      else if (request.action === 'resume') session.control.resume();
      else session.control.stop();
      post({
        kind: 'runState',
        state:
          request.action === 'pause'
            ? 'paused'
            : request.action === 'stop'
              ? 'stopping'
              : 'running',
      });
      return;
    case 'exportWeights': {
      const { fileName, bytes, card } = await session.exportWeights(request.scope);
      const buffer = bytes.slice().buffer;
      post({ kind: 'exported', id, fileName, bytes: buffer, card }, [buffer]);
      return;
    }
    case 'startExperiment':
      return experiments.start(id, request.config, request.datasetKey);
    case 'resumeExperiment':
      return experiments.resume(id);
    case 'experimentQueue':
      if (request.action === 'skip') experiments.skip();
      else await experiments.move(request.runIndex, request.to);
      return;
    case 'listRuns':
      post({ kind: 'runs', id, entries: await deps.history.list() });
      return;
    case 'deleteRuns':
      await deps.history.delete(request.ids);
      post({ kind: 'runs', id, entries: await deps.history.list() });
      return;
    case 'importWeights':
      post({
        kind: 'imported',
        id,
        ...(await session.importWeights(request.fileName, request.bytes)),
      });
      return;
  }
}

self.onmessage = (message: MessageEvent<WorkerRequest>) => {
  const request = message.data;
  handle(request).catch((error: unknown) => {
    post({
      kind: 'error',
      // Nobody awaits a control message: its error goes to the page's general error banner.
      id: request.kind === 'control' || request.kind === 'experimentQueue' ? null : request.id,
      message: error instanceof Error ? error.message : String(error),
    });
  });
};
