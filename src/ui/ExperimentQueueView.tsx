// The experiment's queue as the worker runs it: each run with its status, the running one with
// Skip, pending ones with Up / Down, and Stop or Resume for the whole queue (a reload keeps it).
import { useShallow } from 'zustand/react/shallow';
import { describeExperiment, remainingSteps } from '../state/experiment';
import { fieldsOf, selectProgress, selectRunState } from '../state/selectors';
import { useStudio } from '../state/store';
import { formatDuration, stepsPerSecond } from '../state/training';
import type { PlannedRun } from '../worker/protocol';
import { useCommands } from './commands-context';

const STATUS: Record<PlannedRun['status'], string> = {
  pending: 'waiting',
  running: 'running',
  done: 'done',
  skipped: 'skipped',
  failed: 'failed',
};

/** Seconds left for the whole queue at the measured rate (validation time included), or null. */
function useTimeLeft(): number | null {
  const current = useStudio((s) => s.experiment.current);
  const progress = useStudio(selectProgress);
  if (current === null || progress === null) return null;
  const rate = stepsPerSecond(progress);
  if (rate === null) return null;
  const running = progress.run
    ? { stageIndex: progress.run.stageIndex, stepsDone: progress.step }
    : null;
  return remainingSteps(current, running) / rate;
}

export function ExperimentQueueView() {
  const { current, busy } = useStudio(useShallow(fieldsOf('experiment', 'current', 'busy')));
  const runState = useStudio(selectRunState);
  const left = useTimeLeft();
  const { skipRun, moveRun, stopExperiment, resumeExperiment } = useCommands();
  if (current === null) return null;
  const done = current.runs.filter((r) => r.status !== 'pending' && r.status !== 'running').length;
  const unfinished = current.runs.some((r) => r.status === 'pending' || r.status === 'running');
  return (
    <section className="card" aria-labelledby="queue-title">
      <h3 id="queue-title">
        {current.config.name}: {done} of {current.runs.length} runs finished
      </h3>
      <p data-testid="queue-plan">{describeExperiment(current.config)}</p>
      {busy && left !== null ? (
        <p data-testid="experiment-time-left">
          About {formatDuration(left)} left for the experiment.
        </p>
      ) : null}
      <div className="actions">
        {busy ? (
          <button type="button" onClick={stopExperiment} disabled={runState === 'stopping'}>
            Stop (resume later)
          </button>
        ) : unfinished ? (
          <button type="button" onClick={() => void resumeExperiment()}>
            Resume experiment
          </button>
        ) : null}
      </div>
      <ol className="queue" data-testid="experiment-queue">
        {current.runs.map((run, place) => (
          <li key={run.index} data-status={run.status}>
            <span>{run.title}</span> <output>{STATUS[run.status]}</output>
            {run.error ? <span className="error"> {run.error}</span> : null}
            {run.status === 'running' && busy ? (
              <button type="button" onClick={skipRun}>
                Skip
              </button>
            ) : null}
            {run.status === 'pending' ? (
              <>
                <button
                  type="button"
                  aria-label={`Move ${run.title} up`}
                  disabled={place === 0}
                  onClick={() => moveRun(run.index, place - 1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  aria-label={`Move ${run.title} down`}
                  disabled={place === current.runs.length - 1}
                  onClick={() => moveRun(run.index, place + 1)}
                >
                  ↓
                </button>
              </>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
