// Entry point: mounts the studio and starts the compute worker.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { useStudio } from './state/store';
import { App } from './ui/App';
import './ui/studio.css';
import { backendsFromUrl } from './worker/backends-from-url';
import { TrainerClient } from './worker/client';

const trainer = TrainerClient.start();
trainer
  .init(backendsFromUrl(window.location.search))
  .then((device) => useStudio.getState().deviceReady(device))
  .catch((error: unknown) =>
    useStudio.getState().deviceFailed(error instanceof Error ? error.message : String(error)),
  );

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
