// The studio shell: header (name, the project line, the compute device, the theme), worker-level
// errors, the resume offer, and the wizard.
import { ScanLine, X } from 'lucide-react';
import { useStudio } from '../state/store';
import { DeviceBadge } from './DeviceBadge';
import { ProjectLine } from './ProjectLine';
import { ResumeBanner } from './ResumeBanner';
import { ThemeToggle } from './ThemeToggle';
import { Wizard } from './Wizard';

function WorkerError() {
  const message = useStudio((s) => s.training.workerError);
  const dismiss = useStudio((s) => s.dismissWorkerError);
  if (message === null) return null;
  return (
    <div className="error with-actions" role="alert">
      <p>{message}</p>
      <button type="button" onClick={dismiss}>
        <X size={16} aria-hidden="true" />
        Dismiss
      </button>
    </div>
  );
}

export function App() {
  return (
    <div className="studio">
      <header className="app-header">
        <h1 className="brand">
          <ScanLine size={26} aria-hidden="true" />
          ChromaXR Studio
        </h1>
        <ProjectLine />
        <div className="header-tools">
          <DeviceBadge />
          <ThemeToggle />
        </div>
        <p className="tagline">
          Colorization transfer learning for X-ray images, trained on your GPU. Patient data never
          leaves this machine.
        </p>
      </header>
      <main>
        <WorkerError />
        <ResumeBanner />
        <Wizard />
      </main>
    </div>
  );
}
