// The first-run shortcut: every form set to a small phantom study that learns within a minute on
// a CPU (state/quick-start.ts says how it was chosen), and its data drawn at once. The user still
// builds the model and starts the stage, so every step shows what it holds.
import { Rocket } from 'lucide-react';
import { QUICK_START_EXPECTATION } from '../state/quick-start';
import { useStudio } from '../state/store';
import { useCommands } from './commands-context';

export function QuickStart() {
  const busy = useStudio((s) => s.dataset.busy);
  const applyQuickStart = useStudio((s) => s.applyQuickStart);
  const { loadDemoData } = useCommands();
  return (
    <section className="card quick-start" aria-labelledby="quick-start-title">
      <h3 id="quick-start-title">New here? Quick start</h3>
      <p>
        Draws 300 phantom patients and sets a small model (gray replicated into ResNet18 at width ⅛,
        64 px) and the Baseline All stage for 150 steps. Then: Next, Build model, Next, Next, Start.
      </p>
      <p className="hint" data-testid="quick-start-expectation">
        {QUICK_START_EXPECTATION}
      </p>
      <button
        type="button"
        className="primary"
        disabled={busy}
        onClick={() => {
          applyQuickStart();
          void loadDemoData();
        }}
      >
        <Rocket size={16} aria-hidden="true" />
        Quick start
      </button>
    </section>
  );
}
