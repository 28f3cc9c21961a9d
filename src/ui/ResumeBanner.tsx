// Offered after a reload when the worker found a checkpoint: continue that stage where it stopped,
// shown on the Train step with that stage selected, where its progress and errors appear.
import { useShallow } from 'zustand/react/shallow';
import { STAGES } from '../state/pure-core';
import { fieldsOf, selectGoTo } from '../state/selectors';
import { useStudio } from '../state/store';
import { useCommands } from './commands-context';
import { ErrorText } from './fields';

export function ResumeBanner() {
  const { resumable, busy, error } = useStudio(
    useShallow(fieldsOf('training', 'resumable', 'busy', 'error')),
  );
  const chooseStage = useStudio((s) => s.chooseStage);
  const goTo = useStudio(selectGoTo);
  const { resumeStage } = useCommands();
  if (resumable === null) return null;
  const { stage, step, totalSteps, savedAt } = resumable;
  const resume = () => {
    chooseStage(stage);
    goTo('train');
    return resumeStage();
  };
  return (
    <section className="banner with-actions" aria-label="Unfinished stage">
      <p>
        A {STAGES[stage].title} stage stopped at step {step} of {totalSteps} (checkpoint saved{' '}
        {new Date(savedAt).toLocaleString()}).
      </p>
      <button type="button" className="primary" onClick={resume} disabled={busy}>
        Resume stage from checkpoint
      </button>
      <ErrorText error={error} />
    </section>
  );
}
