// The studio shell: header with the compute device, worker-level errors, the resume offer, and
// the wizard below.
import { useStudio } from '../state/store';
import { DeviceBadge } from './DeviceBadge';
import { ResumeBanner } from './ResumeBanner';
import { Wizard } from './Wizard';

function WorkerError() {
  const message = useStudio((s) => s.training.workerError);
  const dismiss = useStudio((s) => s.dismissWorkerError);
  if (message === null) return null;
  return (
    <div className="error" role="alert">
      <p>{message}</p>
      <button type="button" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}

export function App() {
  return (
    <main className="studio">
      <header>
        <h1>ChromaXR Studio</h1>
        <p className="tagline">
          Colorization transfer learning for X-ray images, trained on your GPU. Patient data never
          leaves this machine.
        </p>
        <DeviceBadge />
      </header>
      <WorkerError />
      <ResumeBanner />
      <Wizard />
    </main>
  );
}
