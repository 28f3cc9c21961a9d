// The running stage's progress: step / total, the latest loss, lr and momentum, time left, and
// the step of the last checkpoint (where a reload would resume it).
import { selectProgress, selectRunState } from '../state/selectors';
import { useStudio } from '../state/store';
import { formatDuration, stepsPerSecond, timeLeftSeconds } from '../state/training';

export function TrainProgress() {
  const progress = useStudio(selectProgress);
  const runState = useStudio(selectRunState);
  const checkpoint = useStudio((s) => s.training.checkpoint);
  if (progress === null) return null;
  // Only a running stage has time left; a finished or paused one keeps its last step on show.
  const running = runState === 'running';
  const left = running ? timeLeftSeconds(progress) : null;
  const rate = running ? stepsPerSecond(progress) : null;
  const validating = running ? progress.validating : null;
  // A completed stage clears its checkpoint, so it is shown only while the stage is under way.
  const saved = runState !== 'idle' && checkpoint?.stage === progress.stage ? checkpoint : null;
  return (
    <div className="train-progress">
      <label>
        Step {progress.step} / {progress.totalSteps}
        {rate === null ? '' : ` · ${(rate * progress.imagesPerStep).toFixed(1)} images/s`}
        {running
          ? ` · ${left === null ? 'estimating time left…' : `about ${formatDuration(left)} left`}`
          : ''}
        <progress max={progress.totalSteps} value={progress.step} />
      </label>
      {validating ? (
        <p className="hint" data-testid="validating">
          Validating {validating.done} / {validating.total} images
        </p>
      ) : null}
      <p className="hint">
        loss {progress.loss.toFixed(4)} · lr {progress.lr.toExponential(2)} · momentum{' '}
        {progress.momentum.toFixed(3)}
      </p>
      {saved ? (
        <p className="hint">
          Last checkpoint: step {saved.step} of {saved.totalSteps}
        </p>
      ) : null}
    </div>
  );
}
