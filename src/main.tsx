// Entry point: starts the training and ingestion workers, routes their events into the store,
// hands the request commands to the components, and mounts the studio.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createCommands } from './state/commands';
import { createExperimentCommands } from './state/experiment-commands';
import { createFolderCommands } from './state/folder-commands';
import { watchNotices } from './state/notices';
import { useStudio } from './state/store';
import { connectWorkerEvents } from './state/worker-events';
import { App } from './ui/App';
import { CommandsContext } from './ui/commands-context';
import { saveFile } from './ui/download';
import { startTheme } from './ui/theme';
import './ui/studio.css';
import { checkStorage } from './platform/storage-quota';
import { pickFolder, walkDataTransfer } from './platform/walk-folder';
import { backendsFromUrl } from './worker/backends-from-url';
import { TrainerClient } from './worker/client';
import { IngestClient } from './worker/ingest-client';

startTheme();
const trainer = TrainerClient.start();
watchNotices(useStudio);
connectWorkerEvents(trainer, useStudio);
const commands = {
  ...createCommands(trainer, useStudio, saveFile),
  ...createExperimentCommands(trainer, useStudio, saveFile),
  ...createFolderCommands({
    ingester: IngestClient.start(),
    store: useStudio,
    trainer,
    checkStorage,
    walker: { fromDrop: walkDataTransfer, pick: pickFolder },
  }),
};

/** Starts tfjs in the (new) worker; the device, a checkpoint and an experiment left to resume
 *  come back with it. */
const startDevice = () =>
  trainer
    .init(backendsFromUrl(window.location.search))
    .then(({ device, checkpoint, experiment }) =>
      useStudio.getState().deviceReady(device, checkpoint, experiment),
    )
    .catch((error: unknown) =>
      useStudio.getState().deviceFailed(error instanceof Error ? error.message : String(error)),
    );

// The runs history (IndexedDB, read by the worker) needs no device: it lists while tfjs starts.
void commands.listRuns();
void startDevice();
// A crashed or hung training worker is replaced by the client; the page says so and starts the
// new one, which offers the last checkpoint for resuming.
trainer.onLost((reason) => {
  useStudio.getState().workerLost(reason);
  void startDevice();
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <CommandsContext.Provider value={commands}>
      <App />
    </CommandsContext.Provider>
  </StrictMode>,
);
