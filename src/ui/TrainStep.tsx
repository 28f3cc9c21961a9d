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

export function TrainStep() {
  const selectedStage = useStudio(selectSelectedStage);
  const diverged = useStudio((s) => s.training.diverged);
  return (
    <>
      <p>
        Stage: <strong>{STAGES[selectedStage].title}</strong> (choose another in step 3).
      </p>
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
