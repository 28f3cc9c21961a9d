// The click-through wizard: numbered steps as buttons (keyboard and screen-reader friendly, the
// current one marked aria-current="step"), one panel at a time, Back / Next below it.
import { selectGoTo, selectStep } from '../state/selectors';
import { useStudio, type WizardStep } from '../state/store';
import { CompareStep } from './CompareStep';
import { DataStep } from './DataStep';
import { ExportStep } from './ExportStep';
import { ModelStep } from './ModelStep';
import { ResultsStep } from './ResultsStep';
import { StagesStep } from './StagesStep';
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
      <nav aria-label="Wizard steps">
        <ol>
          {STEPS.map((s, i) => (
            <li key={s.id}>
              <button
                type="button"
                aria-current={s.id === current ? 'step' : undefined}
                onClick={() => goTo(s.id)}
              >
                {i + 1}. {s.title}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <section aria-labelledby="step-title" className="step">
        <h2 id="step-title">
          {index + 1}. {step.title}
        </h2>
        <step.Panel />
      </section>
      <div className="step-nav">
        {previous ? (
          <button type="button" onClick={() => goTo(previous.id)}>
            Back: {previous.title}
          </button>
        ) : null}
        {next ? (
          <button type="button" onClick={() => goTo(next.id)}>
            Next: {next.title}
          </button>
        ) : null}
      </div>
    </div>
  );
}
