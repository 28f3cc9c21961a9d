// The click-through wizard: the stepper (each step's state, the current one marked
// aria-current="step"), one panel at a time, the notices of finished work and Back / Next below it.
import { ArrowLeft, ArrowRight } from 'lucide-react';
import { selectGoTo, selectStep } from '../state/selectors';
import { useStudio, type WizardStep } from '../state/store';
import { CompareStep } from './CompareStep';
import { DataStep } from './DataStep';
import { ExportStep } from './ExportStep';
import { ModelStep } from './ModelStep';
import { Notices } from './Notices';
import { ResultsStep } from './ResultsStep';
import { StagesStep } from './StagesStep';
import { Stepper } from './Stepper';
import { TrainStep } from './TrainStep';

const STEPS: readonly { id: WizardStep; title: string; Panel: () => React.JSX.Element }[] = [
  { id: 'data', title: 'Data', Panel: DataStep },
  { id: 'model', title: 'Model', Panel: ModelStep },
  { id: 'stages', title: 'Stages', Panel: StagesStep },
  { id: 'train', title: 'Train', Panel: TrainStep },
  { id: 'export', title: 'Export / Import', Panel: ExportStep },
  { id: 'compare', title: 'Compare', Panel: CompareStep },
  { id: 'results', title: 'Results', Panel: ResultsStep },
];

export function Wizard() {
  const current = useStudio(selectStep);
  const goTo = useStudio(selectGoTo);
  const index = Math.max(
    0,
    STEPS.findIndex((s) => s.id === current),
  );
  const step = STEPS[index] ?? STEPS[0];
  const previous = STEPS[index - 1];
  const next = STEPS[index + 1];
  if (step === undefined) return null;
  return (
    <div className="wizard">
      <Stepper steps={STEPS} />
      <section aria-labelledby="step-title" className="step">
        <h2 id="step-title">
          {index + 1}. {step.title}
        </h2>
        <step.Panel />
      </section>
      <Notices />
      <div className="step-nav">
        {previous ? (
          <button type="button" onClick={() => goTo(previous.id)}>
            <ArrowLeft size={16} aria-hidden="true" />
            Back: {previous.title}
          </button>
        ) : null}
        {next ? (
          <button type="button" className="primary" onClick={() => goTo(next.id)}>
            Next: {next.title}
            <ArrowRight size={16} aria-hidden="true" />
          </button>
        ) : null}
      </div>
    </div>
  );
}
