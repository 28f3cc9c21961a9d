// Wizard step: the paper's comparison as an experiment — Baseline and Baseline All against Color
// Module and All for the chosen colorizer, seeds 0–2 — with its size and estimated time, the queue
// the worker runs (status, skip, reorder, stop and resume), and the runner's JSON config out and in.

import { FileDown, FlaskConical } from 'lucide-react';
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import {
  defaultExperiment,
  describeExperiment,
  experimentDataChoice,
  experimentSize,
} from '../state/experiment';
import { fieldsOf, selectProgress } from '../state/selectors';
import { useStudio } from '../state/store';
import { formatDuration, stepsPerSecond } from '../state/training';
import { ActionButton } from './ActionButton';
import { useCommands } from './commands-context';
import { ExperimentCurves } from './ExperimentCurves';
import { ExperimentQueueView } from './ExperimentQueueView';
import { ErrorText } from './fields';
import { StoredPreviews } from './StoredPreviews';

function useDraftConfig() {
  const { demo, loaded } = useStudio(useShallow(fieldsOf('dataset', 'demo', 'loaded')));
  const folderName = useStudio((s) => s.dataset.summary?.name);
  const { spec } = useStudio(useShallow(fieldsOf('model', 'spec')));
  const { settings } = useStudio(useShallow(fieldsOf('training', 'settings')));
  return useMemo(() => {
    const data = experimentDataChoice(loaded, folderName, demo);
    return defaultExperiment({ data, spec, settings });
  }, [demo, loaded, folderName, spec, settings]);
}

/** "about 12 min at the rate measured", or why there is no estimate yet. */
function useEstimate(steps: number): string {
  const progress = useStudio(selectProgress);
  const rate = progress ? stepsPerSecond(progress) : null;
  if (rate === null) return 'time: train a stage first (Train step) to measure this device';
  return (
    `about ${formatDuration(steps / rate)} at the ${rate.toFixed(2)} steps/s this device ran the ` +
    'last stage at (validation excluded; another model or input size runs at another rate)'
  );
}

export function CompareStep() {
  const config = useDraftConfig();
  const { runs, steps } = experimentSize(config);
  const estimate = useEstimate(steps);
  const { current, busy, error } = useStudio(
    useShallow(fieldsOf('experiment', 'current', 'busy', 'error')),
  );
  const { startExperiment, exportConfig, importConfig } = useCommands();
  return (
    <div className="compare">
      <section className="card" aria-labelledby="plan-title">
        <h3 id="plan-title">The comparison</h3>
        <p>
          Baseline and Baseline All (gray replicated to RGB) against Color Module and All with the
          chosen colorizer, on the data the Data step loaded; every stage uses the Train step's
          settings, and E starts from random weights (flagged in every report):
        </p>
        <p data-testid="experiment-plan">{describeExperiment(config)}</p>
        <p data-testid="experiment-size">
          {runs} runs, {steps.toLocaleString()} optimizer steps; {estimate}.
        </p>
        <div className="actions">
          <ActionButton
            icon={FlaskConical}
            onClick={() => void startExperiment(config)}
            busy={busy}
          >
            Start experiment
          </ActionButton>
          <button type="button" onClick={() => exportConfig(current?.config ?? config)}>
            <FileDown size={16} aria-hidden="true" />
            Export config (JSON)
          </button>
          <label className="file-button">
            Import config…
            <input
              type="file"
              accept=".json,application/json"
              disabled={busy}
              onChange={(event) => {
                const file = event.target.files?.[0];
                event.target.value = '';
                if (file) void importConfig(file);
              }}
            />
          </label>
        </div>
        <p className="hint">
          The exported file is the headless runner's config:{' '}
          <code>npm run experiment -- file.json</code> reruns the same study and writes the same
          report.
        </p>
        <ErrorText error={error} />
      </section>
      {current ? <ExperimentQueueView /> : null}
      {current ? <ExperimentCurves /> : null}
      {current ? <StoredPreviews /> : null}
    </div>
  );
}
