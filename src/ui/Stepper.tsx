// The wizard's steps as a stepper: each shows its state (done, ready, blocked with the reason on
// hover and for screen readers); the one being viewed carries aria-current="step". Plain buttons
// in a list: Tab reaches each, Enter or Space opens it. A blocked step still opens (it says what
// it needs), so nothing is out of reach.
import { Check, Lock } from 'lucide-react';
import { useShallow } from 'zustand/react/shallow';
import { selectGoTo, selectStep } from '../state/selectors';
import { type StepStatus, stepStatus } from '../state/step-status';
import { useStudio, type WizardStep } from '../state/store';

export interface StepEntry {
  id: WizardStep;
  title: string;
}

const STATE_WORDS: Record<StepStatus['state'], string> = {
  done: 'Done',
  ready: 'To do',
  blocked: 'Blocked',
};

function StepMark({ state, number }: { state: StepStatus['state']; number: number }) {
  if (state === 'done') return <Check size={14} aria-hidden="true" />;
  if (state === 'blocked') return <Lock size={13} aria-hidden="true" />;
  return <>{number}</>;
}

function StepButton({ step, number }: { step: StepEntry; number: number }) {
  const current = useStudio(selectStep) === step.id;
  const goTo = useStudio(selectGoTo);
  // Compared field by field: a store change that leaves the step's status alone re-renders nothing.
  const { state, detail } = useStudio(useShallow((s) => stepStatus(s, step.id)));
  const describedBy = `step-${step.id}-state`;
  return (
    <button
      type="button"
      data-state={state}
      aria-current={current ? 'step' : undefined}
      aria-describedby={describedBy}
      title={`${STATE_WORDS[state]}: ${detail}`}
      onClick={() => goTo(step.id)}
    >
      <span className="step-mark" aria-hidden="true">
        <StepMark state={state} number={number} />
      </span>
      <span>
        <span className="visually-hidden">{number}. </span>
        {step.title}
        <span className="step-state" aria-hidden="true">
          {STATE_WORDS[state]}
        </span>
      </span>
      {/* The name stays "4. Train"; the state (and a blocked step's reason) is its description. */}
      <span id={describedBy} hidden>
        {STATE_WORDS[state]}
        {state === 'blocked' ? `: ${detail}` : ''}
      </span>
    </button>
  );
}

export function Stepper({ steps }: { steps: readonly StepEntry[] }) {
  return (
    <nav className="stepper" aria-label="Steps">
      <ol>
        {steps.map((step, i) => (
          <li key={step.id}>
            <StepButton step={step} number={i + 1} />
          </li>
        ))}
      </ol>
    </nav>
  );
}
