// Wizard step 4: settings, the LR finder, controls and the live view of the running stage.
import { STAGES } from '../state/pure-core';
import { selectSelectedStage } from '../state/selectors';
import { useStudio } from '../state/store';
import { AucChart } from './AucChart';
import { LossChart } from './LossChart';
import { LrFinderPanel } from './LrFinderPanel';
import { PreviewGrid } from './PreviewGrid';
import { RunControls } from './RunControls';
import { TrainProgress } from './TrainProgress';
import { TrainSettingsForm } from './TrainSettingsForm';

/** What a frozen random E can learn: measured on the phantom (state/quick-start.ts). */
function FrozenRandomNote() {
  const stage = useStudio(selectSelectedStage);
  const randomE = useStudio((s) => s.model.built?.isPretrained === false);
  const { backbone } = STAGES[stage].parts;
  if (!randomE || backbone.train || backbone.source !== 'imagenet') return null;
  return (
    <p className="hint" role="note">
      E is random and stays frozen in this stage: expect the validation AUC to stay near 0.5. The
      paper's frozen-E stages lean on ImageNet features; load ImageNet weights in the Model step, or
      go on to a stage that trains E (All, Baseline All).
    </p>
  );
}

export function TrainStep() {
  const selectedStage = useStudio(selectSelectedStage);
  const diverged = useStudio((s) => s.training.diverged);
  return (
    <>
      <p>
        Stage: <strong>{STAGES[selectedStage].title}</strong> (choose another in step 3).
      </p>
      <FrozenRandomNote />
      <TrainSettingsForm />
      <LrFinderPanel />
      <RunControls />
      {diverged ? (
        <p className="error" role="alert">
          <strong>The stage diverged.</strong> {diverged}
        </p>
      ) : null}
      <TrainProgress />
      <div className="columns">
        <LossChart />
        <AucChart />
      </div>
      <PreviewGrid />
    </>
  );
}
