// The LR finder (SPEC §4) in the Train step: sweeps the selected stage with the current settings,
// shows its progress and a Stop, then the curve and the three suggestions (LrFinderResult.tsx).
import { useShallow } from 'zustand/react/shallow';
import {
  fieldsOf,
  selectSelectedStage,
  selectTrainingBusy,
  stageBlockers,
} from '../state/selectors';
import { useStudio } from '../state/store';
import { useCommands } from './commands-context';
import { ActivityBar, ErrorText, NumberField } from './fields';
import { LrFinderResult } from './LrFinderResult';

export function LrFinderPanel() {
  const { numIt, busy, error, result } = useStudio(
    useShallow(fieldsOf('lrFinder', 'numIt', 'busy', 'error', 'result')),
  );
  const selectedStage = useStudio(selectSelectedStage);
  const training = useStudio(selectTrainingBusy);
  const blocked = useStudio((s) => stageBlockers(s, selectedStage).length > 0);
  const setLrNumIt = useStudio((s) => s.setLrNumIt);
  const { findLr, control } = useCommands();
  return (
    <section className="card" aria-labelledby="lr-finder-title">
      <h3 id="lr-finder-title">Learning rate finder</h3>
      <p className="hint">
        Trains briefly on learning rates growing from 1e-7 to 10 and records the loss; the weights
        are put back afterwards. Pick the max learning rate from where the loss falls fastest.
      </p>
      <div className="controls">
        <NumberField
          label="LR sweep steps"
          value={numIt}
          min={6}
          step={1}
          disabled={busy}
          hint="100 as fastai; fewer is quicker on a slow device (at least 6)."
          onChange={setLrNumIt}
        />
        <button type="button" onClick={findLr} disabled={busy || training || blocked}>
          Find learning rate
        </button>
        <button type="button" onClick={() => control('stop')} disabled={!busy}>
          Stop the sweep
        </button>
        <ErrorText error={error} />
      </div>
      {busy ? <ActivityBar /> : null}
      {result ? <LrFinderResult result={result} /> : null}
    </section>
  );
}
